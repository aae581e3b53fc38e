// Distributions through a deep network: init 'normal' with initStd, and
// layerStats's histograms (computed in C) against a plain-JavaScript forward
// pass over the same weights. The classic result (Glorot & Bengio 2010; the
// CS231n notes on initialisation): in a tanh network of 10 layers of 256,
// weights from N(0, 0.01^2) shrink every layer's outputs towards 0, N(0, 1)
// saturates them at +-1, and Glorot keeps them alive.
import { loadActLab } from '../web/lib/actlab.js';
import { thrown } from './helpers.mjs';

let lab;
beforeAll(async () => { lab = await loadActLab(); });

// 500 inputs of width 64 from N(0, 1): Box-Muller over a linear congruential
// generator, independent of the engine's random streams.
function normalInputs(rows, width, seed) {
  let s = seed;
  const uniform = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 0.5) / 2147483648;
  };
  const x = new Float64Array(rows * width);
  for (let i = 0; i < x.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    x[i] = r * Math.cos(a);
    x[i + 1] = r * Math.sin(a);
  }
  return x;
}
const X = normalInputs(500, 64, 2024);
const deep = (extra) => lab.createNetwork({ layers: [64, ...new Array(10).fill(256), 10], activation: 'tanh', output: 'softmax',
  seed: 1, ...extra });

// Each layer's outputs by plain JavaScript: z = W a + b, then tanh (softmax last).
function forwardByHand(net, x, rows) {
  const out = [];
  let a = x;
  for (const layer of net.layers()) {
    const { inputs: nin, outputs: nout, weights: w, biases: b, activation } = layer;
    const next = new Float64Array(rows * nout);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < nout; j++) {
        let z = b[j];
        for (let i = 0; i < nin; i++) z += w[j * nin + i] * a[r * nin + i];
        next[r * nout + j] = z;
      }
      if (activation === 'softmax') {
        const row = next.subarray(r * nout, (r + 1) * nout);
        const m = Math.max(...row);
        let sum = 0;
        for (let j = 0; j < nout; j++) sum += (row[j] = Math.exp(row[j] - m));
        for (let j = 0; j < nout; j++) row[j] /= sum;
      } else {
        for (let j = 0; j < nout; j++) next[r * nout + j] = Math.tanh(next[r * nout + j]);
      }
    }
    out.push(next);
    a = next;
  }
  return out;
}

const std = (v) => {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
};

describe('the classic result, layer by layer', () => {
  test('N(0, 0.01^2): the 10th layer\'s spread is below 1 % of the 1st\'s (and the plain-JS pass agrees)', () => {
    const net = deep({ init: 'normal', initStd: 0.01 });
    expect([net.config.init, net.config.initStd]).toEqual(['normal', 0.01]);
    const s = net.layerStats(X);
    expect(s[9].std).toBeLessThan(0.01 * s[0].std);
    const byHand = forwardByHand(net, X, 500);
    expect(Math.abs(std(byHand[0]) - s[0].std)).toBeLessThan(1e-12);
    expect(Math.abs(std(byHand[9]) / s[9].std - 1)).toBeLessThan(1e-9);
    net.dispose();
  }, 30000);

  test('Glorot: the 10th layer stays alive (std above 0.1); N(0, 1): more than half of it is saturated', () => {
    const glorot = deep({ init: 'glorot_normal' });
    expect(glorot.layerStats(X)[9].std).toBeGreaterThan(0.1);
    glorot.dispose();
    const wide = deep({ init: 'normal', initStd: 1 });
    const s = wide.layerStats(X);
    expect(s[9].saturated).toBeGreaterThan(0.5);
    // Saturated: |tanh'(z)| < 1 % of its peak, i.e. |tanh(z)| > sqrt(0.99), counted by hand.
    const byHand = forwardByHand(wide, X, 500)[9];
    const share = byHand.filter((v) => 1 - v * v < 0.01).length / byHand.length;
    expect(Math.abs(share - s[9].saturated)).toBeLessThan(1e-9);
    wide.dispose();
  }, 30000);

  test('the histograms equal counts made from the plain-JS pass, and sum to rows x units', () => {
    const net = deep({ init: 'glorot_normal' });
    const bins = 20;
    const s = net.layerStats(X, { bins, range: { output: [-1, 1] } });
    const byHand = forwardByHand(net, X, 500);
    for (const l of [0, 4, 9]) {
      const { edges, counts } = s[l].histogram;
      expect(edges).toHaveLength(bins + 1);
      expect([edges[0], edges[bins]]).toEqual([-1, 1]);
      const mine = new Array(bins).fill(0);
      for (const v of byHand[l]) mine[Math.min(bins - 1, Math.max(0, Math.floor((v + 1) / 2 * bins)))]++;
      expect(Array.from(counts)).toEqual(mine);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(500 * 256);
    }
    // Pre-activations: one range from the data over every layer, the same edges for all.
    expect(s[0].preHistogram.edges).toEqual(s[9].preHistogram.edges);
    expect(s[10].histogram.counts.reduce((a, b) => a + b, 0)).toBe(500 * 10);
    expect(s[0].gradientHistogram).toBeUndefined();
    net.dispose();
  }, 30000);

  test('ReLU: Glorot shrinks the signal layer by layer, He keeps it (He et al. 2015)', () => {
    const relu = (init) => {
      const net = deep({ activation: 'relu', init });
      const s = net.layerStats(X);
      net.dispose();
      return s[9].std / s[0].std;
    };
    expect(relu('glorot_normal')).toBeLessThan(0.1);
    expect(relu('he_normal')).toBeGreaterThan(0.5);
  }, 30000);
});

describe('histograms of gradients, and what is refused', () => {
  test('with labels: each row\'s dLoss/dz; the output layer\'s is p - y, checked by hand', () => {
    const net = lab.createNetwork({ layers: [64, 32, 10], activation: 'tanh', seed: 3 });
    const x = X.subarray(0, 40 * 64);
    const labels = Array.from({ length: 40 }, (_, r) => r % 10);
    const s = net.layerStats(x, { bins: 8, labels, range: { gradient: [-1, 1] } });
    const p = net.predict(x);
    const mine = new Array(8).fill(0);
    p.forEach((v, i) => {
      const g = v - (labels[Math.floor(i / 10)] === i % 10 ? 1 : 0);
      mine[Math.min(7, Math.floor((g + 1) / 2 * 8))]++;
    });
    expect(Array.from(s[1].gradientHistogram.counts)).toEqual(mine);
    expect(s[0].gradientHistogram.counts.reduce((a, b) => a + b, 0)).toBe(40 * 32);
    net.dispose();
  });

  test('bad bins, ranges and labels are refused with the reason', () => {
    const net = lab.createNetwork({ layers: [64, 8, 10], seed: 1 });
    const x = X.subarray(0, 64 * 4);
    expect(thrown(() => net.layerStats(x, { bins: 0 })).message).toMatch(/bins must be an integer from 1 to 1000/);
    expect(thrown(() => net.layerStats(x, { bins: 1001 })).code).toBe('invalid_param');
    expect(thrown(() => net.layerStats(x, { bins: 4, range: { output: [1, -1] } })).message)
      .toMatch(/range.output must be \[lo, hi\], finite numbers with lo < hi/);
    expect(thrown(() => net.layerStats(x, { bins: 4, range: { outputs: [0, 1] } })).message).toMatch(/did you mean output/);
    expect(thrown(() => net.layerStats(x, { labels: [0, 1, 2, 3] })).message).toMatch(/give bins/);
    expect(thrown(() => net.layerStats(x, { bins: 4, labels: [0, 1, 2] })).message).toMatch(/4 rows but labels has 3/);
    expect(thrown(() => net.layerStats(x, { bins: 4, labels: [0, 1, 2, 12] })).code).toBe('invalid_label');
    expect(thrown(() => net.layerStats(x, { bin: 4 })).message).toMatch(/did you mean bins/);
    net.dispose();
  });

  test('initStd: a number > 0 and <= 10, part of what the network is, saved and read back', () => {
    expect(thrown(() => lab.createNetwork({ layers: [2, 4, 1], init: 'normal', initStd: 0 })).message)
      .toMatch(/initStd must be a number > 0 and <= 10/);
    expect(thrown(() => lab.createNetwork({ layers: [2, 4, 1], initStd: 11 })).code).toBe('invalid_config');
    const net = lab.createNetwork({ layers: [2, 4, 1], init: 'normal', initStd: 0.5, seed: 4 });
    expect(thrown(() => net.setTrainingOptions({ initStd: 1 })).message).toMatch(/cannot change without starting again/);
    const back = lab.networkFromJSON(JSON.stringify(net.toJSON()));
    expect([back.config.init, back.config.initStd]).toEqual(['normal', 0.5]);
    expect(back.getParams()).toEqual(net.getParams());
    expect(lab.createNetwork({ layers: [2, 4, 1] }).config.initStd).toBe(0.01); // the default, used by 'normal' only
    net.dispose();
    back.dispose();
  });
});
