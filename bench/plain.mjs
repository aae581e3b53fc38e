// The same activations written the way a JavaScript page would: the common
// textbook formulas with Math.* (no care for extremes). The benchmark's
// baseline; not used by ActLab itself.
const SELU_A = 1.6732632423543772;
const SELU_S = 1.0507009873554805;
const SQRT_2_PI = Math.sqrt(2 / Math.PI);

// Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): JavaScript has no Math.erf.
function erf(x) {
  const s = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t
    + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const sig = (x) => 1 / (1 + Math.exp(-x));
const softplus = (x) => Math.log1p(Math.exp(x));

// name -> [f, f'] for the default parameters.
export const PLAIN = {
  identity: [(x) => x, () => 1],
  step: [(x) => (x >= 0 ? 1 : 0), () => 0],
  sigmoid: [sig, (x) => { const s = sig(x); return s * (1 - s); }],
  tanh: [Math.tanh, (x) => { const t = Math.tanh(x); return 1 - t * t; }],
  relu: [(x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0)],
  leaky_relu: [(x) => (x > 0 ? x : 0.01 * x), (x) => (x > 0 ? 1 : 0.01)],
  prelu: [(x) => (x > 0 ? x : 0.25 * x), (x) => (x > 0 ? 1 : 0.25)],
  elu: [(x) => (x > 0 ? x : Math.exp(x) - 1), (x) => (x > 0 ? 1 : Math.exp(x))],
  selu: [(x) => SELU_S * (x > 0 ? x : SELU_A * (Math.exp(x) - 1)), (x) => SELU_S * (x > 0 ? 1 : SELU_A * Math.exp(x))],
  celu: [(x) => Math.max(0, x) + Math.min(0, Math.exp(x) - 1), (x) => (x > 0 ? 1 : Math.exp(x))],
  gelu: [(x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
    (x) => 0.5 * (1 + erf(x / Math.SQRT2)) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)],
  gelu_tanh: [(x) => 0.5 * x * (1 + Math.tanh(SQRT_2_PI * (x + 0.044715 * x * x * x))),
    (x) => {
      const t = Math.tanh(SQRT_2_PI * (x + 0.044715 * x * x * x));
      return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_PI * (1 + 3 * 0.044715 * x * x);
    }],
  silu: [(x) => x * sig(x), (x) => { const s = sig(x); return s * (1 + x * (1 - s)); }],
  swish: [(x) => x * sig(x), (x) => { const s = sig(x); return s * (1 + x * (1 - s)); }],
  mish: [(x) => x * Math.tanh(softplus(x)),
    (x) => { const t = Math.tanh(softplus(x)); return t + x * sig(x) * (1 - t * t); }],
  softplus: [softplus, sig],
  softsign: [(x) => x / (1 + Math.abs(x)), (x) => 1 / ((1 + Math.abs(x)) ** 2)],
  squareplus: [(x) => (x + Math.sqrt(x * x + 4)) / 2, (x) => (1 + x / Math.sqrt(x * x + 4)) / 2],
  hard_sigmoid: [(x) => Math.min(Math.max(x + 3, 0), 6) / 6, (x) => (x > -3 && x < 3 ? 1 / 6 : 0)],
  hard_sigmoid_keras2: [(x) => Math.min(Math.max(0.2 * x + 0.5, 0), 1), (x) => (x >= -2.5 && x <= 2.5 ? 0.2 : 0)],
  sparse_sigmoid: [(x) => Math.min(Math.max((x + 1) / 2, 0), 1), (x) => (x > -1 && x < 1 ? 0.5 : 0)],
  hard_tanh: [(x) => Math.min(Math.max(x, -1), 1), (x) => (x > -1 && x < 1 ? 1 : 0)],
  hard_swish: [(x) => x * Math.min(Math.max(x + 3, 0), 6) / 6,
    (x) => (x < -3 ? 0 : x > 3 ? 1 : (2 * x + 3) / 6)],
  relu6: [(x) => Math.min(Math.max(x, 0), 6), (x) => (x > 0 && x < 6 ? 1 : 0)],
  log_sigmoid: [(x) => Math.log(sig(x)), (x) => 1 - sig(x)],
  tanh_shrink: [(x) => x - Math.tanh(x), (x) => { const t = Math.tanh(x); return t * t; }],
  soft_shrink: [(x) => (x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0), (x) => (Math.abs(x) > 0.5 ? 1 : 0)],
  hard_shrink: [(x) => (Math.abs(x) > 0.5 ? x : 0), (x) => (Math.abs(x) > 0.5 ? 1 : 0)],
  threshold: [(x) => (x > 0 ? x : 0), (x) => (x > 0 ? 1 : 0)],
  sparse_plus: [(x) => (x <= -1 ? 0 : x >= 1 ? x : (x + 1) * (x + 1) / 4),
    (x) => Math.min(Math.max((x + 1) / 2, 0), 1)],
  exponential: [Math.exp, Math.exp],
  sin: [Math.sin, Math.cos],
};

// Activations whose formula needs exp, log, tanh, erf, sin or sqrt: the
// issue's target (JS API at least as fast as plain JS) applies to these.
export const TRANSCENDENTAL = new Set(['sigmoid', 'tanh', 'elu', 'selu', 'celu', 'gelu', 'gelu_tanh',
  'silu', 'swish', 'mish', 'softplus', 'squareplus', 'log_sigmoid', 'tanh_shrink', 'exponential', 'sin']);
