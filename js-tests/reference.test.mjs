// The reference tables through the JS API: the Wasm build must meet the
// same ulp bounds as the native build (tests/test_reference.c).
import { loadActLab } from '../web/lib/actlab.js';
import { parseList, parseNumber, readTable, ulpDistance } from './helpers.mjs';

const MAX_ULP = 4;
const MAX_ULP_VECTOR = 6;
let lab;
beforeAll(async () => { lab = await loadActLab(); });

// Rows grouped by (kind, params) so each group is one batch call.
function activationGroups() {
  const groups = new Map();
  for (const [kind, params, x, f, df] of readTable('activations.tsv')) {
    const key = `${kind}|${params}`;
    if (!groups.has(key)) groups.set(key, { kind, params: parseList(params), xs: [], f: [], df: [] });
    const g = groups.get(key);
    g.xs.push(parseNumber(x));
    g.f.push(parseNumber(f));
    g.df.push(parseNumber(df));
  }
  return [...groups.values()];
}

function worstError(got, want) {
  let worst = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const d = ulpDistance(got[i], want[i]);
    if (d > worst) { worst = d; at = i; }
  }
  return { worst, at };
}

describe('activations against the mpmath tables', () => {
  const groups = activationGroups();
  test('the tables cover every activation of the catalog', () => {
    const kinds = new Set(groups.map((g) => g.kind));
    expect([...kinds].sort()).toEqual(lab.activations.map((a) => a.name).sort());
    expect(groups.reduce((s, g) => s + g.xs.length, 0)).toBeGreaterThan(10000);
  });
  test.each(groups.map((g) => [g.kind, g.params.join(',') || 'defaults', g]))(
    '%s (%s): f and f\' within 4 ulp', (kind, _label, g) => {
      const spec = lab.activations.find((a) => a.name === kind);
      const params = Object.fromEntries(g.params.map((v, i) => [spec.params[i].name, v]));
      const f = lab.evaluate(kind, g.xs, params);
      const df = lab.derivative(kind, g.xs, params);
      const ef = worstError(f, g.f);
      const edf = worstError(df, g.df);
      if (ef.worst > MAX_ULP) throw new Error(`${kind} f(${g.xs[ef.at]}) = ${f[ef.at]}, want ${g.f[ef.at]}`);
      if (edf.worst > MAX_ULP) throw new Error(`${kind} f'(${g.xs[edf.at]}) = ${df[edf.at]}, want ${g.df[edf.at]}`);
    });
});

describe('softmax family against the mpmath tables', () => {
  const rows = readTable('softmax.tsv');
  test.each(rows.map((r, i) => [i, r[0], r]))('row %i: %s', (_i, fn, [, t, z, y, out]) => {
    const logits = parseList(z);
    const want = parseList(out);
    const options = t === '-' ? undefined : { temperature: parseNumber(t) };
    let got;
    switch (fn) {
      case 'softmax': got = lab.softmax(logits, options); break;
      case 'log_softmax': got = lab.logSoftmax(logits, options); break;
      case 'softmax_jacobian': got = lab.softmaxJacobian(logits, options); break;
      case 'sparsemax': got = lab.sparsemax(logits); break;
      case 'cross_entropy': {
        const r = lab.crossEntropy(logits, parseList(y));
        got = [r.loss, ...r.gradient];
        break;
      }
      case 'binary_cross_entropy': {
        const r = lab.binaryCrossEntropy(logits, parseList(y));
        got = [...r.losses, ...r.gradient];
        break;
      }
      default: throw new Error(`unknown function ${fn}`);
    }
    expect(got.length).toBe(want.length);
    // sparsemax outputs near 0 carry tau's absolute error (~1 ulp of the largest input).
    // Elsewhere, as in tests/test_softmax.c, values below 1e-300 are judged
    // absolutely: a gradient p - y with p = 0.5 + 5e-301 and y = 0.5 is 0 in
    // double arithmetic, an error far below one ulp of p.
    const floor = fn === 'sparsemax' ? 4e-16 * Math.max(1, ...logits.map(Math.abs)) : 1e-300;
    for (let i = 0; i < want.length; i++) {
      const ok = ulpDistance(got[i], want[i]) <= MAX_ULP_VECTOR || Math.abs(got[i] - want[i]) <= floor;
      if (!ok) throw new Error(`${fn} output ${i}: got ${got[i]}, want ${want[i]}`);
    }
  });
});

describe('facts the issue names', () => {
  test('softmax is stable at ±1000', () => {
    const up = lab.softmax([1000, 1001, 1002]);
    const down = lab.softmax([-1000, -1001, -1002]);
    const small = lab.softmax([0, 1, 2]);
    for (let i = 0; i < 3; i++) {
      expect(ulpDistance(up[i], small[i])).toBeLessThanOrEqual(1);
      expect(ulpDistance(down[i], small[2 - i])).toBeLessThanOrEqual(1);
    }
  });
  test('log_softmax keeps tiny values', () => {
    // log(1 + e^-100) = e^-100 (1 - e^-100/2 ...) = 3.7200759760208361e-44.
    const v = lab.logSoftmax([50, -50]);
    expect(ulpDistance(v[0], -3.7200759760208361e-44)).toBeLessThanOrEqual(1);
    expect(v[1]).toBe(-100);
  });
  test('sigmoid\'s derivative is not flushed where y(1 - y) would give 0', () => {
    // sigmoid'(-40) = e^-40 / (1 + e^-40)^2, from mpmath: 4.2483542552915889e-18.
    expect(ulpDistance(lab.derivative('sigmoid', [-40])[0], 4.2483542552915889e-18)).toBeLessThanOrEqual(2);
  });
  test('limits at infinity and NaN propagation', () => {
    expect([...lab.evaluate('softsign', [Infinity, -Infinity])]).toEqual([1, -1]);
    expect(Object.is(lab.evaluate('silu', [-Infinity])[0], -0) || lab.evaluate('silu', [-Infinity])[0] === 0).toBe(true);
    for (const a of lab.activations) {
      expect(Number.isNaN(lab.evaluate(a.name, [NaN])[0])).toBe(true);
      expect(Number.isNaN(lab.derivative(a.name, [NaN])[0])).toBe(true);
    }
  });
  test('subnormal results are kept', () => {
    // identity'd through tanh: tanh(x) = x for subnormal x; sigmoid(-740) ≈ e^-740 is subnormal.
    const tiny = 5e-324;
    expect(lab.evaluate('tanh', [tiny])[0]).toBe(tiny);
    const s = lab.evaluate('sigmoid', [-740])[0];
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThan(2.2250738585072014e-308);
  });
});
