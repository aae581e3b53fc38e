// ActLab against real peers in one process (issue 21): plain JavaScript,
// brain.js, ConvNetJS and TF.js (cpu and wasm backends), all from npm as
// this folder's own dev dependencies, on four workloads:
//   W1  circle, 500 points, 2-8-8-1 tanh, SGD 0.03, batch 10 (the playground's default)
//   W2  spiral, 1,000 points, 2-32-32-32-1 ReLU, Adam 0.01, batch 32: early epochs, epochs
//       after 600, and the 200 x 200 grid of outputs (the decision map)
//   W3  the digits network: 1,438 images, 64-32-10 ReLU, softmax, Adam 0.01, batch 32
//   W4  f and f' of 10^6 inputs (tanh, sigmoid, relu, gelu)
// Each round times every contender once, in an order that alternates between
// rounds; a contender's ratio is its time over ActLab's in the same round,
// and the table gives medians of times and of those ratios. TF.js computes
// in float32 (ActLab and plain JS in float64). What a library cannot do as
// asked is said in the table (brain.js trains one sample at a time and its
// output uses the hidden activation; ConvNetJS on npm has no Adam).
//
//   npm install --prefix bench/peers     (once: ~100 MB, TF.js most of it)
//   node bench/peers/peers.mjs [W1 W2 W3 W4]      (ROUNDS=5)
import { createRequire } from 'node:module';
import { loadActLab } from '../../web/lib/actlab.js';
import { loadDigits } from '../../web/lib/actlab-digits.js';
import { PlainMLP } from '../plain_mlp.mjs';
import { PLAIN } from '../plain.mjs';

const require = createRequire(import.meta.url);
let tf;
let brain;
let convnetjs;
try {
  tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-layers'); // registers every op's gradient (tfjs-core alone has none in Node)
  require('@tensorflow/tfjs-backend-cpu');
  require('@tensorflow/tfjs-backend-wasm');
  brain = require('brain.js');
  convnetjs = require('convnetjs');
} catch (err) {
  console.error(`bench/peers: ${err.message}\nInstall the peers first: npm install --prefix bench/peers`);
  process.exit(2);
}
tf.enableProdMode();

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const only = process.argv.slice(2);
const lab = await loadActLab();
await loadDigits();
const versions = {
  'brain.js': require('brain.js/package.json').version,
  convnetjs: require('convnetjs/package.json').version,
  'TF.js': tf.version_core,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const now = () => performance.now();

// ---- the data, made once by ActLab (the same points for everyone) -----------
const circle = lab.makeDataset('circle', { count: 500, seed: 1, signedLabels: true });
const spiral = lab.makeDataset('spiral', { count: 1000, seed: 1 });
const digitsAll = lab.makeDataset('digits', { seed: 1 });
const digits = lab.splitDataset(digitsAll, { testFraction: 0.2, seed: 1 }).train;
const oneHot = (labels, k) => {
  const y = new Float32Array(labels.length * k);
  labels.forEach((c, i) => { y[i * k + c] = 1; });
  return y;
};
const shuffled = (n) => {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
};

// ---- TF.js: layers of raw variables, one minimize() per batch ---------------
// Batches are cut once into tensors (no shuffling: that flatters TF.js), the
// loss is read back once per run of epochs. backend: 'cpu' or 'wasm'.
async function tfNet(backend, sizes, { hidden, out, loss, optimizer, rate, batch, inputs, labels, width }) {
  await tf.setBackend(backend);
  await tf.ready();
  const n = labels.length / width;
  const vars = [];
  for (let l = 1; l < sizes.length; l++) {
    const limit = Math.sqrt(6 / (sizes[l - 1] + sizes[l]));
    vars.push([tf.variable(tf.randomUniform([sizes[l - 1], sizes[l]], -limit, limit)), tf.variable(tf.zeros([sizes[l]]))]);
  }
  const act = { tanh: tf.tanh, relu: tf.relu }[hidden];
  const forward = (x) => {
    let a = x;
    vars.forEach(([W, b], l) => {
      const z = tf.add(tf.matMul(a, W), b);
      a = l < vars.length - 1 ? act(z) : out === 'tanh' ? tf.tanh(z) : z;
    });
    return a;
  };
  const lossOf = {
    mse: (y, p) => tf.losses.meanSquaredError(y, p),
    bce: (y, z) => tf.losses.sigmoidCrossEntropy(y, z),
    ce: (y, z) => tf.losses.softmaxCrossEntropy(y, z),
  }[loss];
  const opt = optimizer === 'adam' ? tf.train.adam(rate) : tf.train.sgd(rate);
  const batches = [];
  for (let s = 0; s < n; s += batch) {
    const e = Math.min(n, s + batch);
    batches.push([tf.tensor2d(inputs.slice(s * sizes[0], e * sizes[0]), [e - s, sizes[0]]),
      tf.tensor2d(labels.slice(s * width, e * width), [e - s, width])]);
  }
  return {
    backend,
    epochs(count) {
      let last = null;
      for (let e = 0; e < count; e++) {
        for (const [x, y] of batches) {
          last?.dispose();
          last = opt.minimize(() => lossOf(y, forward(x)), true);
        }
      }
      const value = last.dataSync()[0];
      last.dispose();
      return value;
    },
    grid(points) {
      return tf.tidy(() => forward(points).dataSync());
    },
  };
}

// ---- running contenders side by side ----------------------------------------
// contenders: name -> {setup: async () => state, run: async (state) => void,
// units: how many epochs (or grids, or passes) one run does (default 1), note}
// (setup untimed; run timed, once per round, after one untimed warm-up run;
// times and ratios are per unit, so contenders may run different amounts).
async function race(title, unit, contenders) {
  const names = Object.keys(contenders);
  const states = {};
  for (const name of names) {
    const c = contenders[name];
    if (c.na) continue;
    if (c.backend) await tf.setBackend(c.backend);
    states[name] = await c.setup();
    await c.run(states[name]);
  }
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const c = contenders[name];
      if (c.na) continue;
      if (c.backend) {
        await tf.setBackend(c.backend);
        await c.run(states[name]); // after a switch, untimed: tensors move to the backend on first use
      }
      const t0 = now();
      await c.run(states[name]);
      times[name].push((now() - t0) / (c.units ?? 1));
    }
  }
  console.log(`\n### ${title}\n\n| | ${unit} (median) | time / ActLab's (median of ${ROUNDS} paired rounds) | note |\n|---|---|---|---|`);
  for (const name of names) {
    const c = contenders[name];
    if (c.na) {
      console.log(`| ${name} | — | — | ${c.na} |`);
      continue;
    }
    const ratios = times[name].map((t, i) => t / times.ActLab[i]);
    const ms = median(times[name]);
    console.log(`| ${name} | ${ms.toFixed(ms < 1 ? 3 : ms < 100 ? 2 : 1)} ms | ${name === 'ActLab' ? '1' : `${median(ratios).toFixed(median(ratios) < 10 ? 2 : 1)}×`} | ${c.note ?? ''} |`);
  }
}

// ---- W1 ------------------------------------------------------------------------
async function w1() {
  const E = 40;
  const y32 = Float32Array.from(circle.labels);
  const x32 = Float32Array.from(circle.inputs);
  const tfW1 = (backend) => ({
    backend,
    setup: () => tfNet(backend, [2, 8, 8, 1], { hidden: 'tanh', out: 'tanh', loss: 'mse', optimizer: 'sgd', rate: 0.03, batch: 10,
      inputs: x32, labels: y32, width: 1 }),
    run: (s) => s.epochs(E),
    units: E,
    note: 'one minimize() per batch; float32',
  });
  await race('W1: circle 500, 2-8-8-1 tanh, SGD 0.03, batch 10', 'per epoch', {
    ActLab: {
      setup: () => {
        const net = lab.createNetwork({ layers: [2, 8, 8, 1], activation: 'tanh', output: 'tanh', init: 'uniform', learningRate: 0.03, batchSize: 10, seed: 1 });
        return { net, bound: lab.bindData(circle.inputs, circle.labels) };
      },
      // One epoch per call, as the page trains (one call per animation frame).
      run: ({ net, bound }) => { for (let e = 0; e < E; e++) net.train(bound, { epochs: 1 }); },
      units: E,
      note: 'one epoch per call (as the page)',
    },
    'plain JS': {
      setup: () => ({ net: new PlainMLP([2, 8, 8, 1]), order: Array.from({ length: 500 }, (_, i) => i) }),
      run: ({ net, order }) => { for (let e = 0; e < E; e++) net.trainEpoch(circle.inputs, circle.labels, 10, 0.03, order); },
      units: E,
      note: 'bench/plain_mlp.mjs, at the speed quoted for the Playground\'s engine',
    },
    [`brain.js ${versions['brain.js']}`]: {
      setup: () => {
        const net = new brain.NeuralNetwork({ hiddenLayers: [8, 8], activation: 'tanh' });
        const rows = Array.from({ length: 500 }, (_, i) => ({ input: [circle.inputs[2 * i], circle.inputs[2 * i + 1]], output: [circle.labels[i]] }));
        return { net, rows };
      },
      // brain.js 1.6 resets every option not passed, so all are passed each call; momentum must be > 0.
      run: ({ net, rows }) => {
        for (let e = 0; e < E; e++) {
          const order = shuffled(rows.length);
          net.train(order.map((i) => rows[i]), { iterations: 1, learningRate: 0.03, momentum: 1e-9, errorThresh: 1e-9, activation: 'tanh', log: false });
        }
      },
      units: E,
      note: 'no batches: one update per sample; tanh output',
    },
    [`ConvNetJS ${versions.convnetjs}`]: {
      setup: () => {
        const net = new convnetjs.Net();
        net.makeLayers([{ type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 }, { type: 'fc', num_neurons: 8, activation: 'tanh' },
          { type: 'fc', num_neurons: 8, activation: 'tanh' }, { type: 'regression', num_neurons: 1 }]);
        const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: 0.03, batch_size: 10, momentum: 0, l2_decay: 0 });
        const vols = Array.from({ length: 500 }, (_, i) => {
          const v = new convnetjs.Vol(1, 1, 2, 0);
          v.w[0] = circle.inputs[2 * i];
          v.w[1] = circle.inputs[2 * i + 1];
          return v;
        });
        return { trainer, vols };
      },
      run: ({ trainer, vols }) => {
        for (let e = 0; e < E; e++) for (const i of shuffled(vols.length)) trainer.train(vols[i], [circle.labels[i]]);
      },
      units: E,
      note: 'linear output (its regression layer)',
    },
    [`TF.js ${versions['TF.js']} cpu`]: tfW1('cpu'),
    [`TF.js ${versions['TF.js']} wasm`]: tfW1('wasm'),
  });
}

// ---- W2 ------------------------------------------------------------------------
async function w2() {
  const E = 10;
  const x32 = Float32Array.from(spiral.inputs);
  const y32 = Float32Array.from(spiral.labels);
  const RES = 200;
  const gridPoints = new Float64Array(RES * RES * 2);
  for (let p = 0; p < RES * RES; p++) {
    gridPoints[2 * p] = -6 + (12 * (p % RES)) / (RES - 1);
    gridPoints[2 * p + 1] = 6 - (12 * Math.floor(p / RES)) / (RES - 1);
  }
  const actlab = () => {
    const net = lab.createNetwork({ layers: [2, 32, 32, 32, 1], activation: 'relu', optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 1 });
    return { net, bound: lab.bindData(spiral.inputs, spiral.labels) };
  };
  const tfW2 = (backend, late) => ({
    backend,
    setup: async () => {
      const s = await tfNet(backend, [2, 32, 32, 32, 1], { hidden: 'relu', out: 'linear', loss: 'bce', optimizer: 'adam', rate: 0.01, batch: 32,
        inputs: x32, labels: y32, width: 1 });
      if (late) s.epochs(600);
      return s;
    },
    run: (s) => s.epochs(E),
    units: E,
    note: 'sigmoid cross-entropy on logits; float32',
  });
  const brainW2 = {
    setup: () => {
      const net = new brain.NeuralNetwork({ hiddenLayers: [32, 32, 32], activation: 'relu' });
      const rows = Array.from({ length: 1000 }, (_, i) => ({ input: [spiral.inputs[2 * i], spiral.inputs[2 * i + 1]], output: [spiral.labels[i]] }));
      return { net, rows };
    },
    run: ({ net, rows }) => {
      const order = shuffled(rows.length);
      net.train(order.map((i) => rows[i]), { iterations: 1, learningRate: 0.01, praxis: 'adam', errorThresh: 1e-9, activation: 'relu', log: false });
    },
    units: 1,
    note: 'one epoch timed (slow); Adam per sample; ReLU output',
  };
  const noAdam = 'npm\'s 0.3.0 has no Adam (method \'adam\' silently trains SGD with momentum 0.9)';
  // `node bench/peers/peers.mjs grid` runs the grids alone.
  if (!gridOnly) {
  await race('W2 early: spiral 1,000, 2-32-32-32-1 ReLU, Adam 0.01, batch 32 (epochs 1–60)', 'per epoch', {
    ActLab: { setup: actlab, run: ({ net, bound }) => net.train(bound, { epochs: E }), units: E, note: 'sigmoid output, cross-entropy' },
    [`brain.js ${versions['brain.js']}`]: brainW2,
    [`ConvNetJS ${versions.convnetjs}`]: { na: noAdam },
    [`TF.js ${versions['TF.js']} cpu`]: tfW2('cpu', false),
    [`TF.js ${versions['TF.js']} wasm`]: tfW2('wasm', false),
  });
  await race('W2 late: the same after 600 epochs', 'per epoch', {
    ActLab: { setup: () => { const s = actlab(); s.net.train(s.bound, { epochs: 600 }); return s; },
      run: ({ net, bound }) => net.train(bound, { epochs: E }), units: E },
    [`brain.js ${versions['brain.js']}`]: { na: '600 epochs take minutes' },
    [`ConvNetJS ${versions.convnetjs}`]: { na: noAdam },
    [`TF.js ${versions['TF.js']} cpu`]: tfW2('cpu', true),
    [`TF.js ${versions['TF.js']} wasm`]: tfW2('wasm', true),
  });
  }
  const tfGrid = (backend) => ({
    backend,
    setup: async () => ({ s: await tfW2(backend, false).setup(), points: tf.tensor2d(Float32Array.from(gridPoints), [RES * RES, 2]) }),
    run: ({ s, points }) => s.grid(points),
    units: 1,
    note: 'one forward pass over a 40,000 x 2 tensor',
  });
  await race('W2 grid: the 2-32-32-32-1 network\'s output at 200 x 200 points', 'per grid', {
    ActLab: { setup: actlab, run: ({ net }) => net.grid({ resolution: RES }), units: 1, note: 'net.grid, outputs only' },
    // (brain.js sizes a network at its first training: one epoch first, untimed.)
    [`brain.js ${versions['brain.js']}`]: { setup: () => { const st = brainW2.setup(); brainW2.run(st); return st; },
      run: ({ net }) => { for (let p = 0; p < RES * RES; p++) net.run([gridPoints[2 * p], gridPoints[2 * p + 1]]); },
      units: 1, note: '40,000 run() calls' },
    [`ConvNetJS ${versions.convnetjs}`]: {
      setup: () => {
        const net = new convnetjs.Net();
        net.makeLayers([{ type: 'input', out_sx: 1, out_sy: 1, out_depth: 2 }, ...[1, 2, 3].map(() => ({ type: 'fc', num_neurons: 32, activation: 'relu' })),
          { type: 'fc', num_neurons: 1 }]);
        return { net, v: new convnetjs.Vol(1, 1, 2, 0) };
      },
      run: ({ net, v }) => {
        for (let p = 0; p < RES * RES; p++) {
          v.w[0] = gridPoints[2 * p];
          v.w[1] = gridPoints[2 * p + 1];
          net.forward(v, false);
        }
      },
      units: 1,
      note: '40,000 forward() calls',
    },
    [`TF.js ${versions['TF.js']} cpu`]: tfGrid('cpu'),
    [`TF.js ${versions['TF.js']} wasm`]: tfGrid('wasm'),
  });
  // After training, more ReLU units are off over more of the plane, and ActLab's grid leaves
  // out the inputs that are 0 at 4 neighbouring points (src/mlp_view.c); a dense product's
  // time does not depend on the weights.
  const trainedGrid = (backend) => ({ ...tfGrid(backend),
    setup: async () => ({ s: await tfW2(backend, false).setup().then((x) => (x.epochs(300), x)), points: tf.tensor2d(Float32Array.from(gridPoints), [RES * RES, 2]) }) });
  await race('W2 grid after 300 epochs of training (spiral 1,000, Adam 0.01, batch 32)', 'per grid', {
    ActLab: { setup: () => { const s = actlab(); s.net.train(s.bound, { epochs: 300 }); return s; },
      run: ({ net }) => net.grid({ resolution: RES }), units: 1, note: 'net.grid, outputs only' },
    [`TF.js ${versions['TF.js']} wasm`]: trainedGrid('wasm'),
  });
}

// ---- W3 ------------------------------------------------------------------------
async function w3() {
  const E = 3;
  const rows = digits.labels.length;
  const x32 = Float32Array.from(digits.inputs);
  const y32 = oneHot(Array.from(digits.labels), 10);
  const tfW3 = (backend) => ({
    backend,
    setup: () => tfNet(backend, [64, 32, 10], { hidden: 'relu', out: 'linear', loss: 'ce', optimizer: 'adam', rate: 0.01, batch: 32,
      inputs: x32, labels: y32, width: 10 }),
    run: (s) => s.epochs(E),
    units: E,
    note: 'softmax cross-entropy on logits; float32',
  });
  const noSoftmax = 'no softmax output';
  await race(`W3: the digits network, ${rows} images, 64-32-10 ReLU, softmax, Adam 0.01, batch 32`, 'per epoch', {
    ActLab: {
      setup: () => ({ net: lab.createNetwork({ layers: [64, 32, 10], activation: 'relu', output: 'softmax', optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 1 }),
        bound: lab.bindData(digits.inputs, digits.labels, { inputWidth: 64 }) }),
      run: ({ net, bound }) => net.train(bound, { epochs: E }),
      units: E,
    },
    [`brain.js ${versions['brain.js']}`]: { na: noSoftmax },
    [`ConvNetJS ${versions.convnetjs}`]: { na: 'no Adam (see W2)' },
    [`TF.js ${versions['TF.js']} cpu`]: tfW3('cpu'),
    [`TF.js ${versions['TF.js']} wasm`]: tfW3('wasm'),
  });
}

// ---- W4 ------------------------------------------------------------------------
async function w4() {
  const N = 1e6;
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = -8 + (16 * i) / (N - 1);
  const xs32 = Float32Array.from(xs);
  for (const name of ['tanh', 'sigmoid', 'relu', 'gelu']) {
    const tfAct = { tanh: tf.tanh, sigmoid: tf.sigmoid, relu: tf.relu, gelu: null }[name];
    const tfW4 = (backend) => (tfAct ? {
      backend,
      setup: () => ({ x: tf.tensor1d(xs32), grad: tf.grad((x) => tfAct(x)) }),
      run: ({ x, grad }) => {
        const f = tfAct(x);
        const d = grad(x);
        f.dataSync();
        d.dataSync();
        f.dispose();
        d.dispose();
      },
      units: 1,
      note: 'tf.grad for f\'; float32',
    } : { na: 'TF.js core has no gelu op' });
    const [pf, pd] = PLAIN[name];
    await race(`W4: f and f' of 10^6 inputs, ${name}`, 'per 10^6', {
      ActLab: { setup: () => null, run: () => { lab.evaluate(name, xs); lab.derivative(name, xs); }, units: 1,
        note: 'lab.evaluate + lab.derivative, copies included' },
      'plain JS': {
        setup: () => ({ f: new Float64Array(N), d: new Float64Array(N) }),
        run: ({ f, d }) => { for (let i = 0; i < N; i++) { f[i] = pf(xs[i]); d[i] = pd(xs[i]); } },
        units: 1,
        note: 'bench/plain.mjs (textbook formulas)',
      },
      [`brain.js ${versions['brain.js']}`]: { na: 'no element-wise API' },
      [`ConvNetJS ${versions.convnetjs}`]: { na: 'no element-wise API' },
      [`TF.js ${versions['TF.js']} cpu`]: tfW4('cpu'),
      [`TF.js ${versions['TF.js']} wasm`]: tfW4('wasm'),
    });
  }
}

console.log(`Peers: brain.js ${versions['brain.js']}, ConvNetJS ${versions.convnetjs}, TF.js ${versions['TF.js']}; ` +
  `ActLab ${lab.build.simd ? 'SIMD' : 'baseline'} build; Node ${process.versions.node}; ${ROUNDS} rounds`);
const gridOnly = only.includes('grid') && !only.includes('W2');
for (const [name, fn] of Object.entries({ W1: w1, W2: w2, W3: w3, W4: w4 })) {
  if (!only.length || only.includes(name) || (name === 'W2' && gridOnly)) await fn();
}
