// What the explorer's picker and parameter sliders need at once, in the
// first view: each activation's family (the picker's groups) and a
// parameter's slider bounds. The rest of what the explorer says about a
// function (facts.js, formulas.js and the words in the 'info' strings) loads
// with its info panel.
export const FAMILIES = ['classic', 'relu', 'smooth', 'hard', 'other'];

// The members of each family.
const MEMBERS = {
  classic: ['identity', 'step', 'sigmoid', 'tanh'],
  relu: ['relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'celu', 'threshold'],
  smooth: ['gelu', 'gelu_tanh', 'silu', 'swish', 'mish', 'softplus', 'squareplus', 'sparse_plus', 'exponential'],
  hard: ['relu6', 'hard_sigmoid', 'hard_sigmoid_keras2', 'sparse_sigmoid', 'hard_tanh', 'hard_swish'],
  other: ['softsign', 'log_sigmoid', 'tanh_shrink', 'soft_shrink', 'hard_shrink', 'sin'],
};

/** Each activation's family, by name. */
export const FAMILY = Object.fromEntries(Object.entries(MEMBERS).flatMap(([family, names]) => names.map((n) => [n, family])));

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
