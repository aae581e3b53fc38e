// The distribution widgets without the DOM: seeded samples from the input
// distributions the Galton board offers, histograms and the figures read off
// them, and the deep network's inputs, labels, config and presets (the
// classic pictures of Glorot & Bengio 2010 and the CS231n notes). Node tests
// use these directly.

/** A seeded uniform generator on (0, 1): a linear congruential one, independent of the engine's streams. */
export function uniforms(seed) {
  let s = (Math.floor(seed) >>> 0) % 2147483648;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 0.5) / 2147483648;
  };
}

/** n draws from N(0, 1) (Box-Muller), seeded. */
export function normals(n, seed) {
  const u = uniforms(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(u()));
    const a = 2 * Math.PI * u();
    out[i] = r * Math.cos(a);
    if (i + 1 < n) out[i + 1] = r * Math.sin(a);
  }
  return out;
}

/** The Galton board's input distributions: kind and its parameters. */
export const INPUT_KINDS = ['normal', 'uniform', 'bumps', 'layer'];

/**
 * n seeded samples of an input distribution: normal (mu, sigma), uniform on
 * [mu - sigma sqrt(3), mu + sigma sqrt(3)] (the same mean and spread), two bumps
 * N(mu - 2 sigma, (sigma/2)^2) and N(mu + 2 sigma, (sigma/2)^2) in equal parts.
 * ('layer' samples come from a network: web/app/galton.js.)
 */
export function sampleInputs(kind, { mu = 0, sigma = 1 } = {}, n = 2000, seed = 7) {
  if (kind === 'uniform') {
    const u = uniforms(seed);
    const half = sigma * Math.sqrt(3);
    return Float64Array.from({ length: n }, () => mu - half + 2 * half * u());
  }
  const z = normals(n, seed);
  if (kind === 'bumps') return z.map((v, i) => (i % 2 ? mu + 2 * sigma : mu - 2 * sigma) + 0.5 * sigma * v);
  return z.map((v) => mu + sigma * v);
}

/** {edges (bins + 1), counts (bins)} of values over [lo, hi] (outside: the end bins). */
export function histogram(values, bins, lo, hi) {
  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    const at = (v - lo) * scale;
    counts[!(at >= 1) ? 0 : at >= bins - 1 ? bins - 1 : Math.floor(at)]++;
  }
  return { edges: Float64Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + (hi - lo) * (i / bins))), counts };
}

/** The smallest and largest finite value ([-0.5, 0.5] around a single value). */
export function extent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [-0.5, 0.5];
  return hi > lo ? [lo, hi] : [lo - 0.5, hi + 0.5];
}

/**
 * What an activation does to a population: mean and spread of the outputs,
 * the share of inputs where it is saturated (|f'| below 1 % of its largest
 * |f'| over [-6, 6], as layerStats counts) and where it is dead (f' = 0).
 */
export function populationFigures(outputs, slopes, peak) {
  const n = outputs.length;
  const mean = outputs.reduce((s, v) => s + v, 0) / n;
  const std = Math.sqrt(outputs.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  let saturated = 0;
  let dead = 0;
  for (const d of slopes) {
    if (Math.abs(d) < 0.01 * peak) saturated++;
    if (d === 0) dead++;
  }
  return { mean, std, saturated: saturated / n, dead: dead / n };
}

// ---- the deep network ----------------------------------------------------------------

export const DEEP_INPUTS = 64;
export const DEEP_ROWS = 500;
export const DEEP_CLASSES = 10;
export const DEEP_SEED = 2024;

/**
 * The deep network's data: DEEP_ROWS inputs of width 64 from N(0, 1), each
 * labelled by a fixed random linear rule (the direction of 10 it points
 * along most), so that there is something to learn.
 */
export function deepData() {
  const inputs = normals(DEEP_ROWS * DEEP_INPUTS, DEEP_SEED);
  const rule = normals(DEEP_CLASSES * DEEP_INPUTS, DEEP_SEED + 1);
  const labels = new Float64Array(DEEP_ROWS);
  for (let r = 0; r < DEEP_ROWS; r++) {
    let best = 0;
    let top = -Infinity;
    for (let k = 0; k < DEEP_CLASSES; k++) {
      let s = 0;
      for (let i = 0; i < DEEP_INPUTS; i++) s += rule[k * DEEP_INPUTS + i] * inputs[r * DEEP_INPUTS + i];
      if (s > top) { top = s; best = k; }
    }
    labels[r] = best;
  }
  return { inputs, labels };
}

/** The engine config for the deep widget's state (depth, width, activation, initialiser, sigma). */
export function deepConfig(s) {
  return {
    layers: [DEEP_INPUTS, ...new Array(s.qd).fill(s.qw), DEEP_CLASSES],
    activation: s.qa,
    output: 'softmax',
    init: s.qi,
    initStd: s.qs,
    optimizer: 'sgd',
    learningRate: 0.01,
    batchSize: 50,
    seed: 1,
  };
}

/** The classic pictures: 10 layers of 256, one setting each. */
export const DEEP_PRESETS = {
  tanh_small: { qd: 10, qw: 256, qa: 'tanh', qi: 'normal', qs: 0.01 },
  tanh_large: { qd: 10, qw: 256, qa: 'tanh', qi: 'normal', qs: 1 },
  tanh_glorot: { qd: 10, qw: 256, qa: 'tanh', qi: 'glorot_normal', qs: 0.01 },
  relu_glorot: { qd: 10, qw: 256, qa: 'relu', qi: 'glorot_normal', qs: 0.01 },
  relu_he: { qd: 10, qw: 256, qa: 'relu', qi: 'he_normal', qs: 0.01 },
};

/** The preset the state is, or null. */
export function presetOf(s) {
  return Object.keys(DEEP_PRESETS).find((k) => Object.entries(DEEP_PRESETS[k])
    .every(([f, v]) => (f === 'qs' && s.qi !== 'normal') || s[f] === v)) ?? null;
}
