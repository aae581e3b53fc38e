// What the explorer says about each activation, apart from the words and the
// formula (MathML, in formulas.js): its family, the output range, the shape
// properties and a cost class. The words (what it is for, where its
// gradient vanishes) live in the language dictionaries under fn.<name>.*.
// js-tests/facts.test.mjs checks the ranges, monotonicity, zero-centring and
// saturation claims against values computed by the core.

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
  identity: { family: 'classic', range: ['−∞', '∞'], monotonic: true,
    zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'cheap' },
  step: { family: 'classic',
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'jump', saturates: 'both', cost: 'cheap' },
  sigmoid: { family: 'classic',
    range: ['0', '1'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'both', cost: 'exp' },
  tanh: { family: 'classic',
    range: ['−1', '1'], monotonic: true, zeroCentred: true, smooth: 'smooth', saturates: 'both', cost: 'exp' },
  relu: { family: 'relu', range: ['0', '∞', true],
    monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'left', cost: 'cheap' },
  leaky_relu: { family: 'relu',
    range: ['−∞', '∞'], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'none', cost: 'cheap' },
  prelu: { family: 'relu', // the same function; its alpha is learned
    range: ['−∞', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'kink', saturates: 'none', cost: 'cheap' },
  elu: { family: 'relu',
    range: ['−α', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'c1_alpha1', saturates: 'left', cost: 'exp' },
  selu: { family: 'relu',
    range: ['−λα ≈ −1.7581', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'kink', saturates: 'left', cost: 'exp' },
  celu: { family: 'relu',
    range: ['−α', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'c1', saturates: 'left', cost: 'exp' },
  relu6: { family: 'hard',
    range: ['0', '6', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  gelu: { family: 'smooth',
    range: ['≈ −0.1700', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  gelu_tanh: { family: 'smooth',
    range: ['≈ −0.1700', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  silu: { family: 'smooth',
    range: ['≈ −0.2785', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  swish: { family: 'smooth',
    range: ['param', '∞'], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  mish: { family: 'smooth',
    range: ['≈ −0.3088', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  softplus: { family: 'smooth',
    range: ['0', '∞'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  squareplus: { family: 'smooth',
    range: ['0', '∞'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'cheap' },
  sparse_plus: { family: 'smooth',
    range: ['0', '∞', true], monotonic: true, zeroCentred: false, smooth: 'c1', saturates: 'left', cost: 'cheap' },
  exponential: { family: 'smooth', range: ['0', '∞'], monotonic: true,
    zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  hard_sigmoid: { family: 'hard',
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_sigmoid_keras2: { family: 'hard',
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  sparse_sigmoid: { family: 'hard',
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_tanh: { family: 'hard',
    range: ['−1', '1', true, true], monotonic: true, zeroCentred: true, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_swish: { family: 'hard',
    range: ['−0.375', '∞', true], monotonic: false, zeroCentred: false, smooth: 'kink', saturates: 'left', cost: 'cheap' },
  softsign: { family: 'other',
    range: ['−1', '1'], monotonic: true, zeroCentred: true, smooth: 'c1', saturates: 'both', cost: 'cheap' },
  log_sigmoid: { family: 'other',
    range: ['−∞', '0'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'right', cost: 'exp' },
  tanh_shrink: { family: 'other',
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'exp' },
  soft_shrink: { family: 'other',
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'kink', saturates: 'none', cost: 'cheap' },
  hard_shrink: { family: 'other',
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'jump', saturates: 'none', cost: 'cheap' },
  threshold: { family: 'relu',
    range: ['param', '∞'], monotonic: 'param', zeroCentred: false, smooth: 'param', saturates: 'left', cost: 'cheap' },
  sin: { family: 'other', range: ['−1', '1', true, true], monotonic: false,
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
