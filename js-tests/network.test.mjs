// The network API through the Wasm module. Expected values come from
// independent references: central differences of the loss for gradients, a
// forward pass written here in JS on top of the exact activation core for
// outputs, plain JS for datasets and features, and the defining identities for
// the linear collapse. Accuracy thresholds were chosen well below what the
// settings reach (measured margins are in the comments).
import { ActLabError, MAX_TRAIN_BYTES, loadActLab } from '../web/lib/actlab.js';
import { thrown } from './helpers.mjs';

let lab;
beforeAll(async () => { lab = await loadActLab(); });

// Deterministic pseudo-random numbers for test data (not the engine's RNG).
function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Labels that fit each output.
function labelsFor(output, rows, k, rand) {
  const width = output === 'softmax' ? 1 : k;
  return Float64Array.from({ length: rows * width }, () => {
    const u = rand();
    if (output === 'identity') return 2 * u - 1;
    if (output === 'sigmoid') return u < 0.5 ? 0 : 1;
    if (output === 'softmax') return Math.floor(u * k);
    return u < 0.5 ? -1 : 1;
  });
}

// A forward pass in JS from the network's own parameters, with every
// activation computed by the exact core (lab.evaluate / lab.softmax): the
// reference for predict, grid and neuronOutputs.
// With `given` (the network's own neuron outputs, neuron-major), each layer
// starts from the network's outputs of the layer before instead of the
// reference's: then the only difference left is the activation function
// itself, so the comparison measures the activations, not how a sum with
// cancellation amplifies rounding from earlier layers.
function referenceForward(net, inputs, given = null) {
  const { features, activation, output } = net.config;
  const layers = net.layers();
  const rows = inputs.length / net.inputWidth;
  const neurons = [];
  let a = [];
  for (let r = 0; r < rows; r++) {
    const x1 = inputs[r * net.inputWidth];
    const x2 = inputs[r * net.inputWidth + 1];
    const named = { x1, x2, x1_sq: x1 * x1, x2_sq: x2 * x2, x1_x2: x1 * x2, sin_x1: Math.sin(x1), sin_x2: Math.sin(x2) };
    a.push(features ? features.map((f) => named[f])
      : Array.from(inputs.subarray(r * net.inputWidth, (r + 1) * net.inputWidth)));
  }
  let first = 0; // index of the layer's first neuron in `given`
  layers.forEach((layer, l) => {
    const z = new Float64Array(rows * layer.outputs);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < layer.outputs; j++) {
        let s = layer.biases[j];
        for (let i = 0; i < layer.inputs; i++) s += layer.weights[j * layer.inputs + i] * a[r][i];
        z[r * layer.outputs + j] = s;
      }
    }
    let out;
    if (l < layers.length - 1) out = lab.evaluate(activation[l].name, z, activation[l].params);
    else if (output === 'identity') out = z;
    else if (output === 'softmax') {
      out = new Float64Array(z.length);
      for (let r = 0; r < rows; r++) {
        out.set(lab.softmax(z.subarray(r * layer.outputs, (r + 1) * layer.outputs)), r * layer.outputs);
      }
    } else out = lab.evaluate(output, z);
    for (let j = 0; j < layer.outputs; j++) {
      neurons.push(Float64Array.from({ length: rows }, (_, r) => out[r * layer.outputs + j]));
    }
    a = Array.from({ length: rows }, (_, r) => Array.from({ length: layer.outputs }, (_, j) =>
      (given ? given[(first + j) * rows + r] : out[r * layer.outputs + j])));
    first += layer.outputs;
  });
  return { outputs: Float64Array.from(a.flat()), neurons: Float64Array.from(neurons.flatMap((n) => Array.from(n))) };
}

function maxAbsolute(got, want) {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  return worst;
}

function maxRelative(got, want) {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const scale = Math.max(Math.abs(want[i]), Number.MIN_VALUE);
    worst = Math.max(worst, Math.abs(got[i] - want[i]) / scale);
  }
  return worst;
}

describe('datasets', () => {
  test('the catalog of datasets and their tasks', () => {
    expect(lab.datasets.map((d) => [d.name, d.task, d.classes, d.inputs])).toEqual([
      ['circle', 'binary', 2, 2], ['xor', 'binary', 2, 2], ['gaussian', 'binary', 2, 2], ['spiral', 'binary', 2, 2],
      ['moons', 'binary', 2, 2], ['blobs', 'multiclass', 3, 2], ['spiral_multi', 'multiclass', 3, 2],
      ['plane', 'regression', 0, 2], ['multi_gaussian', 'regression', 0, 2], ['digits', 'multiclass', 10, 64],
    ]);
  });

  test('same seed, same points; labels follow each set\'s rule', () => {
    for (const { name, task, classes } of lab.datasets.filter((d) => d.inputs === 2)) { // digits: digits.test.mjs
      const a = lab.makeDataset(name, { count: 300, noise: 0.3, seed: 9 });
      const b = lab.makeDataset(name, { count: 300, noise: 0.3, seed: 9 });
      const c = lab.makeDataset(name, { count: 300, noise: 0.3, seed: 10 });
      expect(a.inputs).toEqual(b.inputs);
      expect(a.labels).toEqual(b.labels);
      expect(a.inputs).not.toEqual(c.inputs);
      expect(a.inputs.length).toBe(600);
      for (const v of a.inputs) expect(Math.abs(v)).toBeLessThan(9);
      for (const y of a.labels) {
        if (task === 'regression') expect(Math.abs(y)).toBeLessThanOrEqual(1);
        else expect(Number.isInteger(y) && y >= 0 && y < classes).toBe(true);
      }
    }
  });

  test('clean labels agree with each set\'s geometry', () => {
    const circle = lab.makeDataset('circle', { count: 400, seed: 2 });
    const xor = lab.makeDataset('xor', { count: 400, seed: 2 });
    const plane = lab.makeDataset('plane', { count: 400, seed: 2 });
    for (let i = 0; i < 400; i++) {
      const [x, y] = [circle.inputs[2 * i], circle.inputs[2 * i + 1]];
      expect(circle.labels[i]).toBe(Math.hypot(x, y) < 3 ? 1 : 0);
      expect(xor.labels[i]).toBe(xor.inputs[2 * i] * xor.inputs[2 * i + 1] >= 0 ? 1 : 0);
      expect(plane.labels[i]).toBeCloseTo((plane.inputs[2 * i] + plane.inputs[2 * i + 1]) / 12, 14);
    }
  });

  test('signedLabels maps 0/1 to -1/+1 and only for binary sets', () => {
    const a = lab.makeDataset('circle', { count: 50, seed: 4 });
    const s = lab.makeDataset('circle', { count: 50, seed: 4, signedLabels: true });
    expect(Array.from(s.labels)).toEqual(Array.from(a.labels, (y) => 2 * y - 1));
    expect(thrown(() => lab.makeDataset('blobs', { signedLabels: true })).message).toMatch(/binary/);
  });

  test('splitDataset: disjoint, complete, seeded', () => {
    const d = lab.makeDataset('moons', { count: 101, seed: 1 });
    const s1 = lab.splitDataset(d, { testFraction: 0.3, seed: 5 });
    const s2 = lab.splitDataset(d, { testFraction: 0.3, seed: 5 });
    expect(s1).toEqual(s2);
    expect(s1.test.labels.length).toBe(30);
    expect(s1.train.labels.length).toBe(71);
    const key = (x, i) => `${x[2 * i]},${x[2 * i + 1]}`;
    const all = new Set(Array.from({ length: 101 }, (_, i) => key(d.inputs, i)));
    const seen = new Set();
    for (const part of [s1.train, s1.test]) {
      for (let i = 0; i < part.labels.length; i++) seen.add(key(part.inputs, i));
    }
    expect(seen).toEqual(all);
  });

  test('bad dataset requests name the problem', () => {
    const e = thrown(() => lab.makeDataset('circel'));
    expect(e).toBeInstanceOf(ActLabError);
    expect(e.code).toBe('unknown_dataset');
    expect(e.message).toMatch(/did you mean circle\?/);
    expect(thrown(() => lab.makeDataset('xor', { count: 10001 })).message).toMatch(/count must be an integer from 1 to 10000/);
    expect(thrown(() => lab.makeDataset('xor', { count: 0 })).code).toBe('invalid_param');
    expect(thrown(() => lab.makeDataset('xor', { noise: NaN })).message).toMatch(/noise/);
    expect(thrown(() => lab.makeDataset('xor', { noise: 2 })).message).toMatch(/from 0 to 1/);
    expect(thrown(() => lab.makeDataset('xor', { seed: -1 })).message).toMatch(/seed/);
    expect(thrown(() => lab.makeDataset('xor', { cuont: 5 })).message).toMatch(/did you mean count/);
    expect(thrown(() => lab.makeDataset(7))).toBeInstanceOf(TypeError);
    expect(thrown(() => lab.splitDataset({ inputs: [1, 2, 3], labels: [1, 0] })).code).toBe('bad_size');
    expect(thrown(() => lab.splitDataset({ inputs: [1, 2], labels: [1] }, { testFraction: 1 })).code).toBe('invalid_param');
  });
});

describe('gradients', () => {
  // Central differences (4th order) of lossGradient's loss against its
  // analytic gradient, for every output and a spread of hidden activations.
  const OUTPUTS = [['identity', 2], ['sigmoid', 1], ['sigmoid', 3], ['softmax', 3], ['tanh', 2]];
  const HIDDEN = ['tanh', 'sigmoid', 'gelu', 'silu', 'softplus', 'elu', 'leaky_relu', 'mish', 'sin'];
  for (const [output, k] of OUTPUTS) {
    for (const act of HIDDEN) {
      test(`${output} x${k}, hidden ${act}`, () => {
        const net = lab.createNetwork({
          layers: [3, 5, 4, k], features: ['x1', 'x2', 'x1_x2'], activation: act, output,
          init: 'glorot_normal', l2: 0.01, l1: 0.003, seed: 42,
        });
        const rand = lcg(7 + k + act.length);
        const x = Float64Array.from({ length: 24 }, () => 4 * rand() - 2);
        const y = labelsFor(output, 12, k, rand);
        const { gradient } = net.lossGradient(x, y);
        const p = net.getParams();
        let scale = 0;
        for (const g of gradient) scale = Math.max(scale, Math.abs(g));
        expect(scale).toBeGreaterThan(1e-4); // an all-zero gradient would pass trivially
        for (let i = 0; i < p.length; i++) {
          const h = 1e-4 * Math.max(1, Math.abs(p[i]));
          const at = (d) => {
            const q = Float64Array.from(p);
            q[i] += d * h;
            net.setParams(q);
            return net.lossGradient(x, y).loss;
          };
          const fd = (8 * (at(1) - at(-1)) - (at(2) - at(-2))) / (12 * h);
          // l1's kink at w = 0 has no derivative; glorot_normal never gives an exact 0.
          expect(Math.abs(fd - gradient[i])).toBeLessThan(1e-6 * Math.max(1, scale));
        }
        net.dispose();
      });
    }
  }
});

describe('training', () => {
  test('the same seed gives the same run, bit for bit; another seed differs', () => {
    const d = lab.makeDataset('spiral', { count: 200, noise: 0.2, seed: 3 });
    const run = (seed) => {
      const net = lab.createNetwork({ layers: [2, 6, 6, 1], activation: 'relu', optimizer: 'adam', seed });
      const r = net.train(d.inputs, d.labels, { epochs: 20 });
      const p = net.getParams();
      net.dispose();
      return { loss: r.loss, p };
    };
    const a = run(11);
    const b = run(11);
    expect(Object.is(a.loss, b.loss)).toBe(true);
    expect(a.p).toEqual(b.p);
    expect(run(12).p).not.toEqual(a.p);
  });

  test('circle, playground setup (2-8-8-1 tanh, ±1 labels): test accuracy >= 0.95', () => {
    const d = lab.makeDataset('circle', { count: 500, noise: 0.1, seed: 1, signedLabels: true });
    const { train, test } = lab.splitDataset(d, { seed: 1 });
    const net = lab.createNetwork({ layers: [2, 8, 8, 1], activation: 'tanh', output: 'tanh',
      init: 'uniform', learningRate: 0.03, batchSize: 10, seed: 1 });
    net.train(train.inputs, train.labels, { epochs: 200 });
    expect(net.evaluate(test.inputs, test.labels).accuracy).toBeGreaterThanOrEqual(0.95); // measured 1.0
    expect(net.epochs).toBe(200);
    net.dispose();
  });

  test('xor with relu + sigmoid: test accuracy >= 0.95', () => {
    const d = lab.makeDataset('xor', { count: 400, noise: 0, seed: 2 });
    const { train, test } = lab.splitDataset(d, { seed: 2 });
    const net = lab.createNetwork({ layers: [2, 8, 8, 1], activation: 'relu', optimizer: 'adam', seed: 2 });
    net.train(train.inputs, train.labels, { epochs: 150 });
    expect(net.evaluate(test.inputs, test.labels).accuracy).toBeGreaterThanOrEqual(0.95);
    net.dispose();
  });

  test('spiral with tanh and extra features: test accuracy >= 0.9', () => {
    const d = lab.makeDataset('spiral', { count: 600, noise: 0, seed: 3 });
    const { train, test } = lab.splitDataset(d, { testFraction: 0.3, seed: 3 });
    const features = ['x1', 'x2', 'x1_sq', 'x2_sq', 'x1_x2', 'sin_x1', 'sin_x2'];
    const net = lab.createNetwork({ layers: [7, 16, 16, 1], features, activation: 'tanh',
      optimizer: 'adam', learningRate: 0.01, seed: 3 });
    net.train(train.inputs, train.labels, { epochs: 400 });
    expect(net.evaluate(test.inputs, test.labels).accuracy).toBeGreaterThanOrEqual(0.9);
    net.dispose();
  });

  test('multi-class: blobs and spiral_multi with softmax', () => {
    const blobs = lab.makeDataset('blobs', { count: 300, noise: 0.2, seed: 4 });
    const s = lab.splitDataset(blobs, { seed: 4 });
    const net = lab.createNetwork({ layers: [2, 8, 3], activation: 'relu', optimizer: 'adam', seed: 4 });
    expect(net.config.output).toBe('softmax');
    net.train(s.train.inputs, s.train.labels, { epochs: 100 });
    expect(net.evaluate(s.test.inputs, s.test.labels).accuracy).toBeGreaterThanOrEqual(0.95);
    const p = net.predict(s.test.inputs);
    for (let r = 0; r < 10; r++) expect(p[3 * r] + p[3 * r + 1] + p[3 * r + 2]).toBeCloseTo(1, 14);
    net.dispose();
    const sm = lab.makeDataset('spiral_multi', { count: 600, seed: 5 });
    const t = lab.splitDataset(sm, { testFraction: 0.3, seed: 5 });
    const deep = lab.createNetwork({ layers: [2, 32, 32, 3], activation: 'tanh', optimizer: 'adam',
      learningRate: 0.01, seed: 5 });
    deep.train(t.train.inputs, t.train.labels, { epochs: 500 });
    expect(deep.evaluate(t.test.inputs, t.test.labels).accuracy).toBeGreaterThanOrEqual(0.85);
    deep.dispose();
  });

  test('regression: plane is fitted almost exactly, multi_gaussian well', () => {
    const plane = lab.makeDataset('plane', { count: 300, seed: 6 });
    const net = lab.createNetwork({ layers: [2, 1], output: 'identity', learningRate: 0.01, seed: 6 });
    expect(net.config.loss).toBe('mse');
    net.train(plane.inputs, plane.labels, { epochs: 200 });
    const e = net.evaluate(plane.inputs, plane.labels);
    expect(e.accuracy).toBeNull();
    expect(e.loss).toBeLessThan(1e-6);
    const mg = lab.makeDataset('multi_gaussian', { count: 500, seed: 7 });
    const before = mg.labels.reduce((s, y) => s + y * y, 0) / mg.labels.length; // loss of predicting 0
    const deep = lab.createNetwork({ layers: [2, 16, 16, 1], activation: 'tanh', output: 'identity',
      optimizer: 'adam', seed: 7 });
    deep.train(mg.inputs, mg.labels, { epochs: 300 });
    expect(deep.evaluate(mg.inputs, mg.labels).loss).toBeLessThan(0.1 * before);
    deep.dispose();
  });

  test('multi-label: independent sigmoid units learn two labels at once', () => {
    const d = lab.makeDataset('circle', { count: 400, seed: 8 });
    const x = lab.makeDataset('xor', { count: 400, seed: 8 });
    // Label 1: inside the circle; label 2: x1 > 0 (for the circle's points).
    const labels = new Float64Array(800);
    for (let i = 0; i < 400; i++) {
      labels[2 * i] = d.labels[i];
      labels[2 * i + 1] = d.inputs[2 * i] > 0 ? 1 : 0;
    }
    const net = lab.createNetwork({ layers: [2, 12, 2], activation: 'tanh', output: 'sigmoid',
      optimizer: 'adam', learningRate: 0.02, seed: 8 });
    expect(net.labelWidth).toBe(2);
    net.train(d.inputs, labels, { epochs: 300 });
    expect(net.evaluate(d.inputs, labels).accuracy).toBeGreaterThanOrEqual(0.95);
    expect(x.count).toBe(400);
    net.dispose();
  });

  test('the zeros initialiser keeps every hidden neuron identical (why symmetric starts fail)', () => {
    const d = lab.makeDataset('circle', { count: 200, seed: 9 });
    const net = lab.createNetwork({ layers: [2, 4, 1], init: 'zeros', activation: 'tanh', seed: 9 });
    net.train(d.inputs, d.labels, { epochs: 30 });
    const [hidden] = net.layers();
    for (let j = 1; j < 4; j++) {
      expect(hidden.weights.subarray(2 * j, 2 * j + 2)).toEqual(hidden.weights.subarray(0, 2));
    }
    net.dispose();
  });

  test('divergence is reported, and the last finite parameters are kept', () => {
    const d = lab.makeDataset('plane', { count: 100, seed: 10 });
    const big = Float64Array.from(d.labels, (y) => 1e6 * y);
    const net = lab.createNetwork({ layers: [2, 8, 1], activation: 'relu', output: 'identity',
      learningRate: 5, seed: 10 });
    const e = thrown(() => net.train(d.inputs, big, { epochs: 50 }));
    expect(e).toBeInstanceOf(ActLabError);
    expect(e.code).toBe('diverged');
    expect(e.message).toMatch(/learning rate/);
    for (const v of net.getParams()) expect(Number.isFinite(v)).toBe(true);
    net.dispose();
  });
});

describe('observables', () => {
  function trained() {
    const d = lab.makeDataset('circle', { count: 200, noise: 0.1, seed: 12 });
    const net = lab.createNetwork({ layers: [4, 6, 5, 1], features: ['x1', 'x2', 'x1_sq', 'x2_sq'],
      activation: ['tanh', 'softplus'], seed: 12 });
    net.train(d.inputs, d.labels, { epochs: 20 });
    return { net, d };
  }

  // The contract: every activation the network computes is within 1e-12
  // (relative) of the exact core's value for the same pre-activation. End to
  // end, outputs in [-1, 1] agree within 1e-12 absolute.
  test('predict and neuronOutputs match a JS forward pass on the exact core', () => {
    const { net, d } = trained();
    const neurons = net.neuronOutputs(d.inputs);
    expect(neurons.length).toBe(net.neuronCount * 200);
    expect(maxRelative(neurons, referenceForward(net, d.inputs, neurons).neurons)).toBeLessThan(1e-12);
    const ref = referenceForward(net, d.inputs);
    expect(maxAbsolute(net.predict(d.inputs), ref.outputs)).toBeLessThan(1e-12);
    expect(maxAbsolute(neurons, ref.neurons)).toBeLessThan(1e-12);
    net.dispose();
  });

  test('the playground network (tanh hidden and output) matches the exact core', () => {
    const d = lab.makeDataset('circle', { count: 500, noise: 0.2, seed: 13, signedLabels: true });
    for (const activation of ['tanh', 'sigmoid']) {
      const net = lab.createNetwork({ layers: [2, 8, 8, 1], activation, output: 'tanh',
        init: 'uniform', seed: 13 });
      net.train(d.inputs, d.labels, { epochs: 50 });
      // Scale the weights up so the units also see large |z| (saturation).
      net.setParams(net.getParams().map((w) => 4 * w));
      const g = net.grid({ resolution: 40, neurons: true, xMin: -8, xMax: 8, yMin: -8, yMax: 8 });
      const pts = new Float64Array(2 * 1600);
      for (let p = 0; p < 1600; p++) {
        pts[2 * p] = -8 + (16 / 39) * (p % 40);
        pts[2 * p + 1] = 8 - (16 / 39) * Math.floor(p / 40);
      }
      expect(maxRelative(g.neurons, referenceForward(net, pts, g.neurons).neurons)).toBeLessThan(1e-12);
      const ref = referenceForward(net, pts);
      expect(maxAbsolute(g.outputs, ref.outputs)).toBeLessThan(1e-12);
      expect(maxAbsolute(g.neurons, ref.neurons)).toBeLessThan(1e-12);
      net.dispose();
    }
  });

  test('grid equals predict on the same points; image order', () => {
    const { net } = trained();
    const g = net.grid({ resolution: 7, xMin: -3, xMax: 3, yMin: -1, yMax: 2, neurons: true });
    expect(g.outputs.length).toBe(49);
    expect(g.neurons.length).toBe(net.neuronCount * 49);
    const pts = [];
    for (let r = 0; r < 7; r++) for (let c = 0; c < 7; c++) pts.push([-3 + c, 2 - 0.5 * r]);
    expect(maxRelative(g.outputs, net.predict(pts))).toBeLessThan(1e-15);
    expect(net.grid().outputs.length).toBe(2500);
    net.dispose();
  });

  test('grid({into}) fills an earlier result in place with the same values', () => {
    const { net } = trained();
    const first = net.grid({ resolution: 30, neurons: true });
    const outputs = first.outputs;
    const neurons = first.neurons;
    const fresh = net.grid({ resolution: 30, neurons: true, xMin: -2 });
    const again = net.grid({ resolution: 30, neurons: true, xMin: -2, into: first });
    expect(again).toBe(first);
    expect(again.outputs).toBe(outputs);
    expect(again.neurons).toBe(neurons);
    expect(Array.from(again.outputs)).toEqual(Array.from(fresh.outputs));
    expect(Array.from(again.neurons)).toEqual(Array.from(fresh.neurons));
    // Outputs only: neurons may be absent from the target.
    const small = { outputs: new Float64Array(100) };
    expect(net.grid({ resolution: 10, into: small }).outputs).toBe(small.outputs);
    expect(Array.from(small.outputs)).toEqual(Array.from(net.grid({ resolution: 10 }).outputs));
    // Wrong sizes and types name the array and the length needed; nothing is written.
    const before = Float64Array.from(first.outputs);
    let err = thrown(() => net.grid({ resolution: 31, neurons: true, into: first }));
    expect(err.code).toBe('invalid_param');
    expect(err.message).toMatch(/into.outputs must be a Float64Array of length 961 .*got length 900/);
    expect(Array.from(first.outputs)).toEqual(Array.from(before));
    err = thrown(() => net.grid({ resolution: 10, neurons: true, into: small }));
    expect(err.message).toMatch(/into.neurons must be a Float64Array of length \d+ .*got nothing/);
    expect(thrown(() => net.grid({ into: [1, 2] }))).toBeInstanceOf(TypeError);
    expect(thrown(() => net.grid({ resolution: 10, into: { outputs: new Float32Array(100) } })).message)
      .toMatch(/got a Float32Array/);
    net.dispose();
  });

  test('layer statistics: dead ReLUs and saturated sigmoids are seen', () => {
    const d = lab.makeDataset('gaussian', { count: 200, seed: 14 });
    const relu = lab.createNetwork({ layers: [2, 8, 1], activation: 'relu', seed: 14 });
    const p = relu.getParams();
    for (let i = 16; i < 24; i++) p[i] = i < 20 ? -100 : 0; // biases: 4 units never fire
    relu.setParams(p);
    const [hidden] = relu.layerStats(d.inputs);
    expect(hidden.dead).toBeGreaterThanOrEqual(0.5);
    const sig = lab.createNetwork({ layers: [2, 8, 1], activation: 'sigmoid', seed: 14 });
    sig.setParams(sig.getParams().map((w) => 40 * w));
    expect(sig.layerStats(d.inputs)[0].saturated).toBeGreaterThan(0.5);
    const soft = lab.createNetwork({ layers: [2, 4, 3], seed: 14 });
    const stats = soft.layerStats(d.inputs);
    expect(stats[1].saturated).toBeNull();
    expect(stats[1].mean).toBeCloseTo(1 / 3, 12); // softmax rows sum to 1
    for (const n of [relu, sig, soft]) n.dispose();
  });

  test('gradient norms: deep sigmoid stacks vanish, relu stacks do not', () => {
    const d = lab.makeDataset('circle', { count: 200, seed: 15 });
    const ratio = (activation) => {
      const net = lab.createNetwork({ layers: [2, 8, 8, 8, 8, 8, 8, 1], activation, seed: 15 });
      net.train(d.inputs, d.labels, { epochs: 1 });
      const g = net.gradientNorms();
      net.dispose();
      expect(g.length).toBe(7);
      return g[0] / g[6];
    };
    expect(ratio('sigmoid')).toBeLessThan(0.05);
    expect(ratio('relu')).toBeGreaterThan(0.1);
  });

  test('an all-identity network collapses to one affine map that gives the same outputs', () => {
    const d = lab.makeDataset('gaussian', { count: 100, seed: 16 });
    for (const output of ['identity', 'sigmoid', 'softmax', 'tanh']) {
      const k = output === 'softmax' ? 3 : 1;
      const net = lab.createNetwork({ layers: [3, 5, 4, 6, k], features: ['x1', 'x2', 'sin_x1'],
        activation: 'identity', output, init: 'uniform', seed: 16 });
      const c = net.collapse(d.inputs);
      expect(c.matrix.length).toBe(3 * k);
      expect(c.maxDifference).toBeLessThan(1e-13);
      // The map by hand: multiply the layers' matrices in JS.
      let A = null;
      let b = null;
      for (const layer of net.layers()) {
        const W = (j, i) => layer.weights[j * layer.inputs + i];
        if (!A) {
          A = Array.from({ length: layer.outputs }, (_, j) => Array.from({ length: 3 }, (_, i) => W(j, i)));
          b = Array.from(layer.biases);
        } else {
          A = Array.from({ length: layer.outputs }, (_, j) => Array.from({ length: 3 }, (_, i) =>
            A.reduce((s, row, t) => s + W(j, t) * row[i], 0)));
          b = Array.from({ length: layer.outputs }, (_, j) => b.reduce((s, v, t) => s + W(j, t) * v, layer.biases[j]));
        }
      }
      expect(maxRelative(c.matrix, Float64Array.from(A.flat()))).toBeLessThan(1e-12);
      expect(Math.max(...b.map((v, j) => Math.abs(v - c.bias[j])))).toBeLessThan(1e-13);
      net.dispose();
    }
    const tanh = lab.createNetwork({ layers: [2, 3, 1], activation: ['tanh'] });
    const e = thrown(() => tanh.collapse());
    expect(e.code).toBe('unsupported');
    expect(e.message).toMatch(/hidden layer 1 uses tanh/);
    tanh.dispose();
  });
});

describe('save and load', () => {
  test('toJSON -> networkFromJSON gives the same predictions and keeps training the same way', () => {
    const d = lab.makeDataset('moons', { count: 200, noise: 0.2, seed: 17 });
    const net = lab.createNetwork({ layers: [2, 6, 1], activation: { name: 'leaky_relu', params: { alpha: 0.2 } },
      optimizer: 'sgd', seed: 2n ** 60n });
    net.train(d.inputs, d.labels, { epochs: 5 });
    const text = JSON.stringify(net);
    const copy = lab.networkFromJSON(text);
    expect(copy.config).toEqual({ ...net.config });
    expect(copy.config.activation[0].params.alpha).toBe(0.2);
    expect(copy.epochs).toBe(5);
    expect(copy.predict(d.inputs)).toEqual(net.predict(d.inputs));
    expect(lab.networkFromJSON(JSON.parse(text)).getParams()).toEqual(net.getParams());
    net.dispose();
    copy.dispose();
  });

  test('bad JSON is refused with a reason', () => {
    const net = lab.createNetwork({ layers: [2, 3, 1] });
    const good = net.toJSON();
    net.dispose();
    expect(thrown(() => lab.networkFromJSON('{oops')).code).toBe('invalid_json');
    expect(thrown(() => lab.networkFromJSON({ ...good, format: 'keras' })).message).toMatch(/format/);
    expect(thrown(() => lab.networkFromJSON({ ...good, version: 3 })).message).toMatch(/version 3 is not supported/);
    expect(thrown(() => lab.networkFromJSON({ ...good, params: good.params.slice(1) })).message)
      .toMatch(/params must be an array of 13 finite numbers, got an array of length 12/);
    expect(thrown(() => lab.networkFromJSON({ ...good, params: good.params.map(() => NaN) })).code).toBe('invalid_json');
    expect(thrown(() => lab.networkFromJSON({ ...good, config: { ...good.config, init: 'xavier' } })).code)
      .toBe('invalid_config');
  });
});

describe('bad configs name the key and the allowed values', () => {
  const BAD = [
    [{}, 'layers', /array of 2 to 12 integers/],
    [{ layers: [2] }, 'layers', /array of 2 to 12 integers/],
    [{ layers: [2, 8, 1.5] }, 'layers', /layers\[2\] \(the output size\) must be an integer from 1 to 10, got number 1.5/],
    [{ layers: [2, 257, 1] }, 'layers', /hidden layer 1\) must be an integer from 1 to 256, got number 257/],
    [{ layers: [2, 0, 1] }, 'layers', /from 1 to 256/],
    [{ layers: [785, 1] }, 'layers', /the input size\) must be an integer from 2 to 784/],
    [{ layers: [2, 11] }, 'layers', /output size\) must be an integer from 1 to 10/],
    [{ layers: '2,4,1' }, 'layers', /must be an array of 2 to 12 integers.*got the string/],
    [{ layers: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }, 'layers', /2 to 12/],
    [{ layers: [2, 4, 1], activation: 'rellu' }, 'activation', /did you mean relu/],
    [{ layers: [2, 4, 1], activation: ['relu', 'tanh'] }, 'activation', /2 entries but layers has 1 hidden/],
    [{ layers: [2, 4, 1], activation: { name: 'elu', params: { alhpa: 1 } } }, 'activation', /did you mean alpha/],
    [{ layers: [2, 4, 1], activation: { name: 'celu', params: { alpha: 0 } } }, 'activation', /alpha must be a finite number other than 0/],
    [{ layers: [2, 4, 1], activation: 5 }, 'activation', /activation name/],
    [{ layers: [2, 4, 1], output: 'relu' }, 'output', /one of identity, sigmoid, softmax, tanh/],
    [{ layers: [2, 4, 1], loss: 'hinge' }, 'loss', /one of mse, binary_cross_entropy, cross_entropy, squared_error/],
    [{ layers: [2, 4, 1], output: 'sigmoid', loss: 'mse' }, 'loss', /pairs are identity \+ mse/],
    [{ layers: [2, 4, 1], output: 'softmax' }, 'layers', /at least 2 output units for a softmax/],
    [{ layers: [2, 4, 1], init: 'xavier' }, 'init', /one of he_normal, he_uniform, glorot_normal/],
    [{ layers: [2, 4, 1], init: 'he_normall' }, 'init', /did you mean he_normal/],
    [{ layers: [2, 4, 1], optimizer: 'rmsprop' }, 'optimizer', /one of sgd, momentum, adam/],
    [{ layers: [2, 4, 1], learningRate: 0 }, 'learningRate', /> 0/],
    [{ layers: [2, 4, 1], learningRate: 11 }, 'learningRate', /<= 10, got number 11/],
    [{ layers: [2, 4, 1], learningRate: NaN }, 'learningRate', /> 0/],
    [{ layers: [2, 4, 1], learningRate: '0.1' }, 'learningRate', /number/],
    [{ layers: [2, 4, 1], batchSize: 0 }, 'batchSize', /from 1 to 1024/],
    [{ layers: [2, 4, 1], batchSize: 2000 }, 'batchSize', /from 1 to 1024/],
    [{ layers: [2, 4, 1], batchSize: 2.5 }, 'batchSize', /integer from 1 to 1024, got number 2.5/],
    [{ layers: [2, 4, 1], l1: -1 }, 'l1', />= 0/],
    [{ layers: [2, 4, 1], l2: Infinity }, 'l2', />= 0/],
    [{ layers: [2, 4, 1], seed: -3 }, 'seed', /integer from 0/],
    [{ layers: [2, 4, 1], seed: 1.5 }, 'seed', /integer from 0/],
    [{ layers: [2, 4, 1], momentum: 1 }, 'momentum', /from 0 up to \(not including\) 1/],
    [{ layers: [2, 4, 1], beta2: -0.1 }, 'beta2', /from 0 up to \(not including\) 1/],
    [{ layers: [2, 4, 1], epsilon: 0 }, 'epsilon', /> 0/],
    [{ layers: [2, 4, 1], features: ['x3'] }, 'features', /one of x1, x2, x1_sq/],
    [{ layers: [2, 4, 1], features: ['x1', 'x1'] }, 'features', /twice/],
    [{ layers: [2, 4, 1], features: ['x1', 'x2', 'x1_x2'] }, 'layers', /the input size\) must be the number of features \(3\), got number 2/],
    [{ layers: [2, 4, 1], features: [] }, 'features', /non-empty/],
    [{ layers: [2, 4, 1], learningrate: 0.1 }, 'learningrate', /did you mean learningRate/],
  ];
  for (const [config, key, pattern] of BAD) {
    test(`${JSON.stringify(config)} -> ${key}`, () => {
      const before = lab.memoryInUse();
      const e = thrown(() => lab.createNetwork(config));
      expect(e).toBeInstanceOf(ActLabError);
      expect(e.details.key).toBe(key);
      expect(e.message).toMatch(pattern);
      expect(e.message.startsWith('createNetwork:')).toBe(true);
      expect(lab.memoryInUse()).toBe(before);
    });
  }

  test('not an object is a TypeError', () => {
    expect(thrown(() => lab.createNetwork([2, 4, 1]))).toBeInstanceOf(TypeError);
    expect(thrown(() => lab.createNetwork(null))).toBeInstanceOf(TypeError);
  });

  test('defaults: output from the output size, init from the activation', () => {
    const a = lab.createNetwork({ layers: [2, 4, 1] });
    expect([a.config.output, a.config.loss, a.config.init, a.config.optimizer, a.config.learningRate,
      a.config.batchSize, a.config.seed]).toEqual(['sigmoid', 'binary_cross_entropy', 'glorot_uniform', 'sgd', 0.03, 10, 1]);
    const b = lab.createNetwork({ layers: [2, 4, 3], activation: 'relu', optimizer: 'adam' });
    expect([b.config.output, b.config.init, b.config.learningRate]).toEqual(['softmax', 'he_normal', 0.01]);
    const c = lab.createNetwork({ layers: [2, 4, 1], loss: 'mse' });
    expect(c.config.output).toBe('identity');
    const s = lab.createNetwork({ layers: [2, 4, 1], activation: 'selu' });
    expect(s.config.init).toBe('lecun_normal');
    for (const n of [a, b, c, s]) n.dispose();
  });
});

describe('bad data names what is wrong', () => {
  let net;
  beforeAll(() => { net = lab.createNetwork({ layers: [2, 4, 3], activation: 'relu' }); });
  afterAll(() => net.dispose());

  test('shapes', () => {
    expect(thrown(() => net.train([1, 2, 3], [0])).message).toMatch(/3 values, not a multiple of 2/);
    expect(thrown(() => net.train([1, 2, 3, 4], [0])).message).toMatch(/inputs has 2 rows but labels has 1/);
    expect(thrown(() => net.train([], [])).message).toMatch(/empty/);
    expect(thrown(() => net.predict([[1, 2], [3]])).message).toMatch(/inputs\[1\] must be an array of 2 numbers/);
    // 128 MiB of rows: (2 inputs + 1 label) x 8 bytes each, one row over.
    const over = Math.floor(MAX_TRAIN_BYTES / 24) + 1;
    expect(MAX_TRAIN_BYTES).toBe(128 * 2 ** 20);
    expect(net.maxTrainRows).toBe(over - 1);
    const e = thrown(() => net.train(new Float64Array(2 * over), new Float64Array(over)));
    expect(e.code).toBe('bad_size');
    expect(e.message).toBe(`train: ${over} rows of 3 values take ${over * 24} bytes, more than the 134217728 (128 MiB, ` +
      `MAX_TRAIN_BYTES) one call trains on: at most ${over - 1} rows for this network`);
    expect(thrown(() => net.predict('1,2'))).toBeInstanceOf(TypeError);
    expect(thrown(() => net.predict([1, 'a']))).toBeInstanceOf(TypeError);
  });

  test('values', () => {
    const e = thrown(() => net.predict([1, 2, 3, NaN]));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/row 1 column 1 is NaN/);
    expect(thrown(() => net.train([1, 2], [Infinity])).code).toBe('invalid_label');
    const l = thrown(() => net.train([1, 2, 3, 4], [0, 3]));
    expect(l.code).toBe('invalid_label');
    expect(l.message).toMatch(/labels\[1\] is 3; with output softmax labels must be class indices from 0 to K - 1.*here 0 to 2/);
    expect(thrown(() => net.train([1, 2], [1.5])).code).toBe('invalid_label');
    const tanh = lab.createNetwork({ layers: [2, 3, 1], output: 'tanh' });
    expect(thrown(() => tanh.train([1, 2], [0])).message).toMatch(/-1 or \+1/);
    tanh.dispose();
    const sig = lab.createNetwork({ layers: [2, 3, 2], output: 'sigmoid' });
    expect(thrown(() => sig.train([1, 2], [0, 2])).message).toMatch(/from 0 to 1/);
    sig.dispose();
  });

  test('options', () => {
    expect(thrown(() => net.train([1, 2], [0], { epochs: -1 })).message).toMatch(/epochs must be an integer from 1/);
    expect(thrown(() => net.train([1, 2], [0], { epoch: 3 })).message).toMatch(/did you mean epochs/);
    expect(thrown(() => net.grid({ resolution: 1 })).message).toMatch(/resolution/);
    expect(thrown(() => net.grid({ xMin: 2, xMax: 1 })).message).toMatch(/xMin < xMax/);
    expect(thrown(() => net.grid({ yMax: NaN })).code).toBe('invalid_param');
    const raw = lab.createNetwork({ layers: [3, 2, 1] });
    expect(thrown(() => raw.grid()).code).toBe('unsupported');
    raw.dispose();
    expect(thrown(() => net.setParams([1, 2])).message).toMatch(/has 27 parameters, got 2/);
    expect(thrown(() => net.lossGradient(new Float64Array(600), new Float64Array(300))).message).toMatch(/at most 256/);
  });

  test('an error leaves the network as it was', () => {
    const before = net.getParams();
    thrown(() => net.train([1, 2, 3, 4], [0, 7]));
    expect(net.getParams()).toEqual(before);
    expect(net.epochs).toBe(0);
  });
});

describe('lifetime', () => {
  test('dispose is idempotent; use after dispose is a clear error', () => {
    const net = lab.createNetwork({ layers: [2, 4, 1] });
    net.dispose();
    net.dispose();
    expect(net.disposed).toBe(true);
    for (const call of [() => net.predict([1, 2]), () => net.train([1, 2], [1]), () => net.getParams(),
      () => net.grid(), () => net.toJSON()]) {
      const e = thrown(call);
      expect(e.code).toBe('disposed');
    }
  });

  test('10,000 create/train/dispose cycles leak nothing', () => {
    const d = lab.makeDataset('xor', { count: 20, seed: 18 });
    const before = lab.memoryInUse();
    for (let i = 0; i < 10000; i++) {
      const net = lab.createNetwork({ layers: [2, 4, 1], seed: i });
      net.train(d.inputs, d.labels, { epochs: 1 });
      net.predict(d.inputs);
      net.dispose();
    }
    expect(lab.memoryInUse()).toBe(before);
  }, 60000);
});
