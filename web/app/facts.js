// What the explorer's info panel says about each activation, apart from the
// words and the formula (MathML, in formulas.js): the output range, the shape
// properties and a cost class (its family is in catalog.js). The words
// (what it is for, where its gradient vanishes) live in the language
// dictionaries under fn.<name>.*, the 'info' part. This module loads with the
// info panel.
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
export const FACTS = {
  identity: { range: ['−∞', '∞'], monotonic: true,
    zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'cheap' },
  step: {
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'jump', saturates: 'both', cost: 'cheap' },
  sigmoid: {
    range: ['0', '1'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'both', cost: 'exp' },
  tanh: {
    range: ['−1', '1'], monotonic: true, zeroCentred: true, smooth: 'smooth', saturates: 'both', cost: 'exp' },
  relu: { range: ['0', '∞', true],
    monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'left', cost: 'cheap' },
  leaky_relu: {
    range: ['−∞', '∞'], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'none', cost: 'cheap' },
  prelu: { // the same function; its alpha is learned
    range: ['−∞', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'kink', saturates: 'none', cost: 'cheap' },
  elu: {
    range: ['−α', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'c1_alpha1', saturates: 'left', cost: 'exp' },
  selu: {
    range: ['−λα ≈ −1.7581', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'kink', saturates: 'left', cost: 'exp' },
  celu: {
    range: ['−α', '∞'], monotonic: true, zeroCentred: 'near', smooth: 'c1', saturates: 'left', cost: 'exp' },
  relu6: {
    range: ['0', '6', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  gelu: {
    range: ['≈ −0.1700', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  gelu_tanh: {
    range: ['≈ −0.1700', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  silu: {
    range: ['≈ −0.2785', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  swish: {
    range: ['param', '∞'], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  mish: {
    range: ['≈ −0.3088', '∞', true], monotonic: false, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'heavy' },
  softplus: {
    range: ['0', '∞'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  squareplus: {
    range: ['0', '∞'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'cheap' },
  sparse_plus: {
    range: ['0', '∞', true], monotonic: true, zeroCentred: false, smooth: 'c1', saturates: 'left', cost: 'cheap' },
  exponential: { range: ['0', '∞'], monotonic: true,
    zeroCentred: false, smooth: 'smooth', saturates: 'left', cost: 'exp' },
  hard_sigmoid: {
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_sigmoid_keras2: {
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  sparse_sigmoid: {
    range: ['0', '1', true, true], monotonic: true, zeroCentred: false, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_tanh: {
    range: ['−1', '1', true, true], monotonic: true, zeroCentred: true, smooth: 'kink', saturates: 'both', cost: 'cheap' },
  hard_swish: {
    range: ['−0.375', '∞', true], monotonic: false, zeroCentred: false, smooth: 'kink', saturates: 'left', cost: 'cheap' },
  softsign: {
    range: ['−1', '1'], monotonic: true, zeroCentred: true, smooth: 'c1', saturates: 'both', cost: 'cheap' },
  log_sigmoid: {
    range: ['−∞', '0'], monotonic: true, zeroCentred: false, smooth: 'smooth', saturates: 'right', cost: 'exp' },
  tanh_shrink: {
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'exp' },
  soft_shrink: {
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'kink', saturates: 'none', cost: 'cheap' },
  hard_shrink: {
    range: ['−∞', '∞'], monotonic: true, zeroCentred: true, smooth: 'jump', saturates: 'none', cost: 'cheap' },
  threshold: {
    range: ['param', '∞'], monotonic: 'param', zeroCentred: false, smooth: 'param', saturates: 'left', cost: 'cheap' },
  sin: { range: ['−1', '1', true, true], monotonic: false,
    zeroCentred: true, smooth: 'smooth', saturates: 'none', cost: 'exp' },
};
