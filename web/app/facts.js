// What the explorer says about each activation, apart from the words: the
// formula (MathML, built by the small helpers below), the output range, the
// shape properties and a cost class. The words (what it is for, where its
// gradient vanishes) live in the language dictionaries under fn.<name>.*.
// js-tests/facts.test.mjs checks the ranges, monotonicity, zero-centring and
// saturation claims against values computed by the core.

// MathML helpers: each returns markup for trusted constant content only.
const mi = (s) => `<mi>${s}</mi>`;
const mn = (s) => `<mn>${s}</mn>`;
const mo = (s) => `<mo>${s}</mo>`;
const row = (...xs) => `<mrow>${xs.join('')}</mrow>`;
const frac = (a, b) => `<mfrac>${a}${b}</mfrac>`;
const sup = (a, b) => `<msup>${a}${b}</msup>`;
const paren = (...xs) => row(mo('('), ...xs, mo(')'));
const sqrt = (...xs) => `<msqrt>${xs.join('')}</msqrt>`;
const x = mi('x');
const f = (name) => row(mi(name), paren(x), mo('='));
const fn = (name, ...arg) => row(mi(name), paren(...arg));
const e = (...pow) => sup(mi('e'), row(...pow));
// Piecewise definition: [[expression, condition], ...]
const cases = (...rows) => row(mo('{'), `<mtable columnalign="left">${rows.map(([a, c]) =>
  `<mtr><mtd>${a}</mtd><mtd>${row(mo(','), mi('&#8202;'), c)}</mtd></mtr>`).join('')}</mtable>`);
const math = (...xs) => `<math display="block">${row(...xs)}</math>`;
const greek = { alpha: 'α', beta: 'β', lambda: 'λ' };
const p = (name) => mi(greek[name] ?? name);

const sigma = (...arg) => fn('σ', ...arg);
const LEAKY = math(f('f'), cases([x, row(x, mo('≥'), mn(0))], [row(p('alpha'), x), row(x, mo('&lt;'), mn(0))]));

// range: [low, high, lowClosed, highClosed] as display strings; 'param' in
// a field means it depends on a parameter (the dictionary explains).
// monotonic: non-decreasing everywhere (true/false, 'param': depends on the
// parameters). zeroCentred: outputs of both signs around f(0) = 0 (true),
// close to it (ELU family: 'near'), or not; smooth: 'smooth' (every derivative),
// 'c1' (f' continuous, kinks in f''), 'c1_alpha1' (f' continuous only when
// alpha = 1, else it jumps at 0: ELU), 'kink' (f' jumps), 'jump' (f jumps),
// 'param' (depends on the parameters).
// saturates: where f flattens to a constant: 'both', 'left', 'right', 'none'.
// cost: 'cheap' (compare/multiply), 'exp' (one exponential or log),
// 'heavy' (erf, tanh of a polynomial, nested transcendental functions).
export const FAMILIES = ['classic', 'relu', 'smooth', 'hard', 'other'];

export const FACTS = {
  identity: { family: 'classic', formula: math(f('f'), x), range: ['−∞', '∞'], monotonic: true,
    zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'cheap' },
  step: { family: 'classic', formula: math(f('f'), cases([mn(1), row(x, mo('≥'), mn(0))], [mn(0), row(x, mo('&lt;'), mn(0))])),
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'jump', saturates: 'both', cost: 'cheap' },
  sigmoid: { family: 'classic', formula: math(f('σ'), frac(mn(1), row(mn(1), mo('+'), e(mo('−'), x)))),
    range: ['0', '1'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'both', cost: 'exp' },
  tanh: { family: 'classic', formula: math(f('tanh'), frac(row(e(x), mo('−'), e(mo('−'), x)), row(e(x), mo('+'), e(mo('−'), x)))),
    range: ['−1', '1'], monotonic: true, zeroCentred: true, smooth: 'smooth', saturates: 'both', cost: 'exp' },
  relu: { family: 'relu', formula: math(f('f'), fn('max', mn(0), mo(','), x)), range: ['0', '∞', true],
    monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'left', cost: 'cheap' },
  leaky_relu: { family: 'relu', formula: LEAKY,
    range: ['−∞', '∞'], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'none', cost: 'cheap' },
  prelu: { family: 'relu', formula: LEAKY, // the same function; its alpha is learned
    range: ['−∞', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'kink', saturates: 'none', cost: 'cheap' },
  elu: { family: 'relu', formula: math(f('f'), cases([x, row(x, mo('&gt;'), mn(0))], [row(p('alpha'), paren(e(x), mo('−'), mn(1))), row(x, mo('≤'), mn(0))])),
    range: ['−α', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'c1_alpha1', saturates: 'left', cost: 'exp' },
  selu: { family: 'relu', formula: math(f('f'), mi('λ'), cases([x, row(x, mo('&gt;'), mn(0))], [row(mi('α'), paren(e(x), mo('−'), mn(1))), row(x, mo('≤'), mn(0))])),
    range: ['−λα ≈ −1.7581', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'kink', saturates: 'left', cost: 'exp' },
  celu: { family: 'relu', formula: math(f('f'), fn('max', mn(0), mo(','), x), mo('+'), fn('min', mn(0), mo(','), row(p('alpha'), paren(e(frac(x, p('alpha'))), mo('−'), mn(1))))),
    range: ['−α', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'c1', saturates: 'left', cost: 'exp' },
  relu6: { family: 'hard', formula: math(f('f'), fn('min', fn('max', mn(0), mo(','), x), mo(','), mn(6))),
    range: ['0', '6', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  gelu: { family: 'smooth', formula: math(f('f'), x, mi('Φ'), paren(x), mo('='), frac(x, mn(2)), paren(mn(1), mo('+'), fn('erf', frac(x, sqrt(mn(2)))))),
    range: ['≈ −0.1700', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  gelu_tanh: { family: 'smooth', formula: math(f('f'), frac(x, mn(2)), paren(mn(1), mo('+'), fn('tanh', row(sqrt(frac(mn(2), mi('π'))), paren(x, mo('+'), mn('0.044715'), sup(x, mn(3))))))),
    range: ['≈ −0.1700', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  silu: { family: 'smooth', formula: math(f('f'), x, sigma(x), mo('='), frac(x, row(mn(1), mo('+'), e(mo('−'), x)))),
    range: ['≈ −0.2785', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  swish: { family: 'smooth', formula: math(f('f'), x, sigma(p('beta'), x)),
    range: ['param', '∞'], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  mish: { family: 'smooth', formula: math(f('f'), x, fn('tanh', fn('softplus', x))),
    range: ['≈ −0.3088', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  softplus: { family: 'smooth', formula: math(f('f'), frac(mn(1), p('beta')), fn('ln', mn(1), mo('+'), e(p('beta'), x))),
    range: ['0', '∞'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  squareplus: { family: 'smooth', formula: math(f('f'), frac(row(x, mo('+'), sqrt(sup(x, mn(2)), mo('+'), mi('b'))), mn(2))),
    range: ['0', '∞'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'cheap' },
  sparse_plus: { family: 'smooth', formula: math(f('f'), cases([mn(0), row(x, mo('≤'), mo('−'), mn(1))], [row(frac(mn(1), mn(4)), sup(paren(x, mo('+'), mn(1)), mn(2))), row(mo('|'), x, mo('|'), mo('&lt;'), mn(1))], [x, row(x, mo('≥'), mn(1))])),
    range: ['0', '∞', true], monotonic: true, zeroCentred: false, smooth: 'c1', saturates: 'left', cost: 'cheap' },
  exponential: { family: 'smooth', formula: math(f('f'), e(x)), range: ['0', '∞'], monotonic: true,
    zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  hard_sigmoid: { family: 'hard', formula: math(f('f'), fn('min', fn('max', mn(0), mo(','), frac(row(x, mo('+'), mn(3)), mn(6))), mo(','), mn(1))),
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_sigmoid_keras2: { family: 'hard', formula: math(f('f'), fn('min', fn('max', mn(0), mo(','), row(mn('0.2'), x, mo('+'), mn('0.5'))), mo(','), mn(1))),
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  sparse_sigmoid: { family: 'hard', formula: math(f('f'), fn('min', fn('max', mn(0), mo(','), frac(row(x, mo('+'), mn(1)), mn(2))), mo(','), mn(1))),
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_tanh: { family: 'hard', formula: math(f('f'), fn('min', fn('max', mo('−'), mn(1), mo(','), x), mo(','), mn(1))),
    range: ['−1', '1', true, true], monotonic: true, zeroCentred: true, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_swish: { family: 'hard', formula: math(f('f'), x, mo('·'), frac(fn('min', fn('max', mn(0), mo(','), row(x, mo('+'), mn(3))), mo(','), mn(6)), mn(6))),
    range: ['−0.375', '∞', true], monotonic: false, zeroCentred: false, smooth: 'kink', saturates: 'left', cost: 'cheap' },
  softsign: { family: 'other', formula: math(f('f'), frac(x, row(mn(1), mo('+'), mo('|'), x, mo('|')))),
    range: ['−1', '1'], monotonic: true, zeroCentred: true, smooth: 'c1', saturates: 'both', cost: 'cheap' },
  log_sigmoid: { family: 'other', formula: math(f('f'), fn('ln', sigma(x)), mo('='), mo('−'), fn('ln', mn(1), mo('+'), e(mo('−'), x))),
    range: ['−∞', '0'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'right', cost: 'exp' },
  tanh_shrink: { family: 'other', formula: math(f('f'), x, mo('−'), fn('tanh', x)),
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'exp' },
  soft_shrink: { family: 'other', formula: math(f('f'), cases([row(x, mo('−'), p('lambda')), row(x, mo('&gt;'), p('lambda'))], [row(x, mo('+'), p('lambda')), row(x, mo('&lt;'), mo('−'), p('lambda'))], [mn(0), mi('otherwise')])),
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'kink', saturates: 'none', cost: 'cheap' },
  hard_shrink: { family: 'other', formula: math(f('f'), cases([x, row(mo('|'), x, mo('|'), mo('&gt;'), p('lambda'))], [mn(0), mi('otherwise')])),
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'jump', saturates: 'none', cost: 'cheap' },
  threshold: { family: 'relu', formula: math(f('f'), cases([x, row(x, mo('&gt;'), mi('threshold'))], [mi('value'), mi('otherwise')])),
    range: ['param', '∞'], monotonic: 'param', zeroCentred: false, smooth: 'param', saturates: 'left', cost: 'cheap' },
  sin: { family: 'other', formula: math(f('sin'), fn('sin', x)), range: ['−1', '1', true, true], monotonic: false,
    zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'exp' },
};

/** Slider bounds for a parameter, from its rule and default. */
export function paramRange(param) {
  const d = param.default;
  switch (param.rule) {
    case 'positive': return { min: 0.1, max: Math.max(5, 2 * d), step: 0.05 };
    case 'nonnegative': return { min: 0, max: Math.max(2, 2 * d), step: 0.05 };
    case 'nonzero': return { min: 0.1, max: Math.max(3, 2 * d), step: 0.05 };
    default: return { min: Math.min(-2, -2 * Math.abs(d)), max: Math.max(2, 2 * Math.abs(d)), step: 0.01 };
  }
}
