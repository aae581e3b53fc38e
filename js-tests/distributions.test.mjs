// Distributions through a deep network: init 'normal' with initStd, and
// layerStats's histograms (computed in C) against a plain-JavaScript forward
// pass over the same weights. The classic result (Glorot & Bengio 2010; the
// CS231n notes on initialisation): in a tanh network of 10 layers of 256,
// weights from N(0, 0.01^2) shrink every layer's outputs towards 0, N(0, 1)
// saturates them at +-1, and Glorot keeps them alive.
import { loadActLab } from '../web/lib/actlab.js';
import { thrown } from './helpers.mjs';
import * as models from '../web/app/distmodel.js';
import { parseState, makeContext, defaultState } from '../web/app/state.js';

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
    // Pre-activations: one range from the data over the hidden layers, the same edges for all of them;
    // the output layer's histogram spans its own values.
    expect(s[0].preHistogram.edges).toEqual(s[9].preHistogram.edges);
    const outZ = net.logits(X);
    expect([s[10].preHistogram.edges[0], s[10].preHistogram.edges[bins]]).toEqual([Math.min(...outZ), Math.max(...outZ)]);
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

describe('the widgets\' arithmetic (web/app/distmodel.js) and state', () => {
  const { sampleInputs, histogram, extent, populationFigures, deepData, deepConfig, DEEP_PRESETS, presetOf, normals } = models;

  test('the Galton board\'s inputs have the mean and spread asked for', () => {
    for (const kind of ['normal', 'uniform', 'bumps']) {
      const x = sampleInputs(kind, { mu: 1.5, sigma: 2 }, 20000, 3);
      const mean = x.reduce((s, v) => s + v, 0) / x.length;
      // normal and uniform: spread sigma; two bumps at mu -+ 2 sigma with spread sigma/2: sqrt(4 + 1/4) sigma.
      const want = kind === 'bumps' ? Math.sqrt(4.25) * 2 : 2;
      expect([kind, Math.abs(mean - 1.5) < 0.05, Math.abs(std(x) / want - 1) < 0.02]).toEqual([kind, true, true]);
    }
    const u = sampleInputs('uniform', { mu: 0, sigma: 1 }, 5000, 1);
    expect(Math.max(...u)).toBeLessThanOrEqual(Math.sqrt(3));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-Math.sqrt(3));
    expect(normals(5, 9)).toHaveLength(5);
  });

  test('histogram, extent and the figures, by hand', () => {
    const hist = histogram([0.1, 0.2, 0.3, 0.35, 0.6, 0.9, 0.95, 0.05, -4, 7, NaN], 4, 0, 1);
    expect(Array.from(hist.counts)).toEqual([4, 2, 1, 3]); // -4 to the first bin, 7 to the last, NaN nowhere
    expect(Array.from(hist.edges)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(extent([3, -1, Infinity, NaN, 2])).toEqual([-1, 3]);
    expect(extent([2, 2])).toEqual([1.5, 2.5]);
    expect(extent([])).toEqual([-0.5, 0.5]);
    // relu over -2, -1, 1, 2: outputs 0 0 1 2 (mean 0.75), slopes 0 0 1 1: half dead, half saturated (slope under 0.01).
    const f = populationFigures([0, 0, 1, 2], [0, 0, 1, 1], 1);
    expect(f).toEqual({ mean: 0.75, std: Math.sqrt((0.5625 * 2 + 0.0625 + 1.5625) / 4), saturated: 0.5, dead: 0.5 });
  });

  test('the deep network\'s data, configs and presets', () => {
    const d = deepData();
    expect([d.inputs.length, d.labels.length]).toEqual([500 * 64, 500]);
    const classes = new Set(d.labels);
    expect(classes.size).toBe(10); // the rule uses every class
    expect(Math.abs(std(d.inputs) - 1)).toBeLessThan(0.02);
    const c = deepConfig(DEEP_PRESETS.tanh_small);
    expect(c).toMatchObject({ layers: [64, ...new Array(10).fill(256), 10], activation: 'tanh', init: 'normal', initStd: 0.01 });
    expect(presetOf({ ...DEEP_PRESETS.relu_he, qs: 5 })).toBe('relu_he'); // sigma does not matter unless the init is normal
    expect(presetOf({ ...DEEP_PRESETS.tanh_small, qs: 0.02 })).toBe(null);
    const ctx = makeContext(lab, ['en', 'zh']);
    const s = parseState('qd=3&qw=32&qa=relu&qi=normal&qs=0.5&qv=gradient&gk=bumps&gm=-1&gv=2&gf=gelu', ctx);
    expect([s.qd, s.qw, s.qa, s.qi, s.qs, s.qv, s.gk, s.gm, s.gv, s.gf]).toEqual([3, 32, 'relu', 'normal', 0.5, 'gradient', 'bumps', -1, 2, 'gelu']);
    const bad = parseState('qd=11&qw=0&qa=nope&qi=xavier&qs=20&qv=x&gk=cauchy&gm=50&gv=0&gf=nope', ctx);
    const def = defaultState();
    for (const k of ['qd', 'qw', 'qa', 'qi', 'qs', 'qv', 'gk', 'gm', 'gv', 'gf']) expect([k, bad[k]]).toEqual([k, def[k]]);
  });

  test('every preset\'s reading is what the network shows (the classic numbers on the widget\'s own inputs)', () => {
    const { inputs } = deepData();
    const figures = (preset) => {
      const net = lab.createNetwork(deepConfig(DEEP_PRESETS[preset]));
      const s = net.layerStats(inputs);
      net.dispose();
      return s;
    };
    const small = figures('tanh_small');
    expect(small[9].std).toBeLessThan(0.01 * small[0].std);
    // "each layer multiplies the spread by about 0.01 x sqrt(256) = 0.16"
    expect(Math.abs(small[5].std / small[4].std - 0.16)).toBeLessThan(0.01);
    expect(figures('tanh_large')[9].saturated).toBeGreaterThan(0.5);
    const glorot = figures('tanh_glorot');
    expect(glorot[9].std).toBeGreaterThan(0.1);
    expect(glorot.slice(0, 10).every((l) => l.saturated < 0.05)).toBe(true); // "nor stuck at +-1"
    const rg = figures('relu_glorot');
    expect(rg[9].std / rg[0].std).toBeLessThan(0.1); // "under a tenth of the first layer's"
    const he = figures('relu_he');
    expect(he[9].std / he[0].std).toBeGreaterThan(0.5);
    expect(he[9].std / he[0].std).toBeLessThan(2); // "about the same"
  }, 60000);
});
