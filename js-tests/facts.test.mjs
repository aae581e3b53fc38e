// The explorer's claims about each function (web/app/facts.js) against the
// functions themselves, computed by the core at their default parameters:
// range, monotonicity, zero-centring, saturation and smoothness, each by a
// numeric criterion stated below. One facts entry per catalog function.
import { loadActLab } from '../web/lib/actlab.js';
import { FACTS } from '../web/app/facts.js';
import { FAMILIES, FAMILY } from '../web/app/catalog.js';
import { FORMULAS } from '../web/app/formulas.js';

let lab;
const xs = Float64Array.from({ length: 12001 }, (_, i) => -60 + i * 0.01);
// Where piecewise functions change formula (at default parameters).
const BREAKS = [-6, -3, -1.5, -1, -0.5, 0, 0.5, 1, 3, 6];
beforeAll(async () => {
  lab = await loadActLab();
});

const value = (s, params) => {
  if (s === '∞') return Infinity;
  if (s === '−∞') return -Infinity;
  if (s === '−α') return -params.alpha;
  const m = /(−?)(\d+(\.\d+)?)$/.exec(s);
  return m ? (m[1] ? -1 : 1) * Number(m[2]) : NaN;
};

test('every catalog function has facts, in a known family, and nothing else does', () => {
  expect(Object.keys(FACTS).sort()).toEqual(lab.activations.map((a) => a.name).sort());
  expect(Object.keys(FAMILY).sort()).toEqual(lab.activations.map((a) => a.name).sort());
  for (const f of Object.values(FAMILY)) expect(FAMILIES).toContain(f);
  // Each has its formula, as MathML (formulas.js), and there is none for a function the catalog lacks.
  expect(Object.keys(FORMULAS).sort()).toEqual(Object.keys(FACTS).sort());
  for (const m of Object.values(FORMULAS)) expect(m).toMatch(/^<math display="block">.*<\/math>$/s);
});

describe.each(Object.keys(FACTS))('%s', (name) => {
  const facts = FACTS[name];
  let f, d, params;
  beforeAll(() => {
    params = Object.fromEntries(lab.activations.find((a) => a.name === name).params.map((p) => [p.name, p.default]));
    f = lab.evaluate(name, xs, params);
    d = lab.derivative(name, xs, params);
  });
  const at = (x) => lab.evaluate(name, [x], params)[0];
  const slope = (x) => lab.derivative(name, [x], params)[0];

  test('range: no value outside it; an infinite end is approached, a stated minimum is reached', () => {
    const [lo, hi, loClosed] = facts.range;
    if (lo === 'param') return;
    const low = value(lo, params);
    const high = value(hi, params);
    const min = Math.min(...f);
    const max = Math.max(...f);
    if (low === -Infinity) expect(at(-1e4)).toBeLessThan(min);
    else expect(min).toBeGreaterThanOrEqual(low - 5e-5);
    if (high === Infinity) expect(at(1e4)).toBeGreaterThan(max);
    else expect(max).toBeLessThanOrEqual(high);
    // A closed or approximate ("≈ −0.17") lower end is the actual minimum.
    if (Number.isFinite(low) && (loClosed || lo.startsWith('≈'))) expect(Math.abs(min - low)).toBeLessThan(5e-5);
  });

  test('monotonic (non-decreasing) exactly when claimed', () => {
    if (facts.monotonic === 'param') return;
    let decreases = false;
    for (let i = 1; i < f.length; i++) if (f[i] < f[i - 1]) decreases = true;
    expect(!decreases).toBe(facts.monotonic);
  });

  test('zero-centred: |mean f| over [−5, 5] below 5 % of mean |f| (true), below 75 % (near), else not', () => {
    let s = 0;
    let a = 0;
    for (let i = 0; i < xs.length; i++) if (Math.abs(xs[i]) <= 5) { s += f[i]; a += Math.abs(f[i]); }
    const ratio = Math.abs(s) / a;
    const measured = ratio <= 0.05 ? true : ratio <= 0.75 ? 'near' : false;
    expect(measured).toBe(facts.zeroCentred);
  });

  test('saturates: |f′| below 1e−6 at x = −1e4 (left) and +1e4 (right) exactly where claimed', () => {
    const left = Math.abs(slope(-1e4)) < 1e-6;
    const right = Math.abs(slope(1e4)) < 1e-6;
    const measured = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
    expect(measured).toBe(facts.saturates);
  });

  test('smoothness: f jumps only for "jump", f′ jumps only for "kink" and "jump"', () => {
    if (facts.smooth === 'param') return;
    const h = 1e-9;
    const grid = [...BREAKS, ...Array.from({ length: 201 }, (_, i) => -10 + i * 0.1)];
    let fJump = false;
    let dJump = false;
    for (const x of grid) {
      const scale = 1 + Math.abs(slope(x));
      if (Math.abs(at(x + h) - at(x - h)) > 1e-6 * scale) fJump = true;
      if (Math.abs(slope(x + h) - slope(x - h)) > 1e-3 * scale) dJump = true;
    }
    expect(fJump).toBe(facts.smooth === 'jump');
    expect(dJump || fJump).toBe(facts.smooth === 'kink' || facts.smooth === 'jump');
  });

  test('"c1_alpha1": f′ is continuous at 0 for alpha 1 (the default) and jumps for any other alpha', () => {
    if (facts.smooth !== 'c1_alpha1') return;
    const h = 1e-9;
    const jump = (alpha) => Math.abs(lab.derivative(name, [h], { alpha })[0] - lab.derivative(name, [-h], { alpha })[0]);
    expect(jump(1)).toBeLessThan(1e-6);
    expect(jump(0.5)).toBeGreaterThan(0.4);
    expect(jump(2)).toBeGreaterThan(0.9);
  });
});
