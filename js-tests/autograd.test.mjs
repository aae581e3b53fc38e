// lab.derivativeCode: the Python the explorer offers to reproduce its f′ by
// automatic differentiation. The PyTorch code runs in real PyTorch (Debian's
// python3-torch, /usr/bin/python3) for every catalog function, with its
// default parameters and with others, at points that include the kinks, 0
// and the far tails; what autograd prints must be ActLab's derivative.
// The TensorFlow code cannot run here (Debian has no TensorFlow): its f runs
// against the Keras 3 stand-in of js-tests/keras_stub_check.py, and its
// values and central differences must match ActLab's f and f′.
// js-tests/autograd_check.py runs both.
import { loadActLab, DERIVATIVE_FRAMEWORKS, MAX_DERIVATIVE_POINTS } from '../web/lib/actlab.js';
import { NON_DEFAULT, runPython } from './export-cases.mjs';

let lab;
beforeAll(async () => {
  lab = await loadActLab();
});

// The 13 points of the explorer's table on [-6, 6], and points where the
// catalog's functions bend, switch formula or overflow a naive formula.
const TABLE = Array.from({ length: 13 }, (_, i) => i - 6);
const HARD = [-40, -20, -3, -2.5, -1, -0.4, -0.3, -1e-3, 0, 1e-3, 0.1, 0.3, 0.4, 1, 2.5, 3, 6, 20, 40];

function cases(framework) {
  const out = [];
  for (const a of lab.activations) {
    for (const params of [undefined, NON_DEFAULT[a.name]].filter((p, i) => i === 0 || p)) {
      for (const xs of [TABLE, HARD]) {
        const language = out.length % 2 ? 'zh' : 'en';
        out.push({ name: `${a.name}_${out.length}`, fn: a.name, params, xs, framework,
          code: lab.derivativeCode(a.name, { framework, params, xs, language }) });
      }
    }
  }
  return out;
}

// The corners where PyTorch's autograd takes another one-sided slope than
// ActLab, as the code's comment says (web/lib/actlab-export-text.js, corner.*).
const CORNERS = {
  hard_sigmoid: { '-3': 1 / 6, 3: 1 / 6 },
  sparse_sigmoid: { '-1': 0.5, 1: 0.5 },
  hard_swish: { 3: [1, 1.5] }, // PyTorch 1.13: 1 in its vectorised blocks of 8, 1.5 in the rest
};

// |got - want| relative to max(1, |want|).
const off = (got, want) => Math.abs(got - want) / Math.max(1, Math.abs(want));

test('PyTorch autograd, running the code as written, prints ActLab\'s f and f′ at every point', () => {
  const list = cases('pytorch');
  const { results } = runPython('autograd_check.py', list);
  expect(results.filter((r) => r.error)).toEqual([]);
  const wrong = [];
  const seen = new Set();
  results.forEach((r, k) => {
    const { fn, params, xs } = list[k];
    const f = lab.evaluate(fn, xs, params);
    const d = lab.derivative(fn, xs, params);
    expect(r.rows.map((row) => row[0])).toEqual(xs);
    r.rows.forEach(([x, fy, dy], i) => {
      const corner = CORNERS[fn]?.[x];
      if (corner !== undefined) {
        if (![corner].flat().includes(dy) || off(fy, f[i]) > 1e-14) wrong.push(`${fn} corner x=${x}: torch f'=${dy}, the comment says ${corner}`);
        seen.add(`${fn} ${x} ${dy}`);
        return;
      }
      if (off(fy, f[i]) > 1e-14 || off(dy, d[i]) > 1e-14) wrong.push(`${fn} ${JSON.stringify(params ?? {})} x=${x}: torch f=${fy} f'=${dy}; ActLab f=${f[i]} f'=${d[i]}`);
    });
  });
  expect(wrong).toEqual([]);
  // Each corner slope the comments name was seen (hard_swish's both).
  for (const [fn, at] of Object.entries(CORNERS)) {
    for (const [x, slopes] of Object.entries(at)) for (const s of [slopes].flat()) expect(seen).toContain(`${fn} ${x} ${s}`);
    expect(lab.derivativeCode(fn)).toMatch(/corner/);
  }
}, 120000);

test('nn.Hardsigmoid, which the code avoids, has ActLab\'s corners but a single-precision slope (as its comment says)', () => {
  const xs = [-4, -3, -1, 0, 2, 3, 4];
  const code = lab.derivativeCode('hard_sigmoid', { xs }).replace(/def f\(x\):\n {4}return .*\n/, 'f = torch.nn.Hardsigmoid()\n');
  expect(code).toContain('f = torch.nn.Hardsigmoid()');
  const [r] = runPython('autograd_check.py', [{ name: 'hardsigmoid', framework: 'pytorch', code }]).results;
  expect(r.rows.map((row) => row[2])).toEqual(xs.map((x) => (Math.abs(x) < 3 ? Math.fround(1 / 6) : 0)));
  expect([...lab.derivative('hard_sigmoid', xs)]).toEqual(xs.map((x) => (Math.abs(x) < 3 ? 1 / 6 : 0)));
});

test('the TensorFlow code differentiates ActLab\'s function (its f against a Keras 3 stand-in)', () => {
  const list = cases('tensorflow').filter((c) => c.xs === TABLE);
  const { results } = runPython('autograd_check.py', list);
  expect(results.filter((r) => r.error)).toEqual([]);
  const wrong = [];
  results.forEach((r, k) => {
    const { fn, params, xs } = list[k];
    const f = lab.evaluate(fn, xs, params);
    const d = lab.derivative(fn, xs, params);
    // Central differences are meaningless across a jump or a kink: compare
    // only where ActLab's slope is the same a little to each side.
    const side = (s) => lab.derivative(fn, xs.map((x) => x + s * 1e-4), params);
    const [left, right] = [side(-1), side(1)];
    const [fl, fr] = [-1, 1].map((s) => lab.evaluate(fn, xs.map((x) => x + s * 1e-4), params));
    r.rows.forEach(([x, fy, dy], i) => {
      if (off(fy, f[i]) > 1e-12) wrong.push(`${fn} x=${x}: f=${fy}, ActLab ${f[i]}`);
      const smooth = Math.abs(left[i] - right[i]) < 1e-3 && Math.abs(fr[i] - fl[i] - 2e-4 * d[i]) < 1e-6;
      if (smooth && off(dy, d[i]) > 1e-6) wrong.push(`${fn} x=${x}: difference quotient ${dy}, ActLab f'=${d[i]}`);
    });
  });
  expect(wrong).toEqual([]);
}, 60000);

test('derivativeCode names what is wrong with its arguments', () => {
  expect(DERIVATIVE_FRAMEWORKS).toEqual(['pytorch', 'tensorflow']);
  expect(() => lab.derivativeCode('rellu')).toThrow(/unknown activation "rellu".*relu/);
  expect(() => lab.derivativeCode(42)).toThrow(TypeError);
  expect(() => lab.derivativeCode('relu', { framework: 'keras' })).toThrow(/framework must be one of pytorch, tensorflow/);
  expect(() => lab.derivativeCode('relu', { framwork: 'pytorch' })).toThrow(/did you mean framework/);
  expect(() => lab.derivativeCode('relu', { language: 'fr' })).toThrow(/language must be one of en, zh/);
  expect(() => lab.derivativeCode('elu', { params: { alpha: NaN } })).toThrow(/alpha must be/);
  expect(() => lab.derivativeCode('relu', { params: { alpha: 1 } })).toThrow(/relu has no parameter "alpha"/);
  expect(() => lab.derivativeCode('relu', { xs: [0, Infinity] })).toThrow(/xs\[1\] is Infinity/);
  expect(() => lab.derivativeCode('relu', { xs: [] })).toThrow(/xs/);
  expect(() => lab.derivativeCode('relu', { xs: new Float64Array(MAX_DERIVATIVE_POINTS + 1) })).toThrow(/at most 1000/);
  expect(() => lab.derivativeCode('relu', { xs: 'abc' })).toThrow(/xs must be/);
  // Options are read once: a getter that changes its answer cannot slip past the check.
  let reads = 0;
  const hostile = { get framework() { reads++; return reads === 1 ? 'pytorch' : 'nonsense'; } };
  expect(lab.derivativeCode('relu', hostile)).toMatch(/torch\.autograd\.grad/);
  expect(reads).toBe(1);
});

test('the code\'s comments come in the asked language; its code is the same in both', () => {
  for (const framework of DERIVATIVE_FRAMEWORKS) {
    const en = lab.derivativeCode('squareplus', { framework, params: { b: 2 } });
    const zh = lab.derivativeCode('squareplus', { framework, params: { b: 2 }, language: 'zh' });
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    const strip = (code) => code.split('\n').filter((l) => !/^\s*#/.test(l)).map((l) => l.replace(/\s*#.*$/, '').replace(/"""[^"]*"""/, '')).join('\n');
    expect(strip(zh)).toBe(strip(en));
  }
});
