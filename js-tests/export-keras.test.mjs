// network.exportCode('keras'): there is no Keras on these machines, so every
// exported file must pass Python's py_compile, and every Keras name it calls
// (activations, ops, layers, initialisers, regularisers, losses,
// optimisers) with every keyword argument must be in the table below,
// written from the Keras 3 API documentation (keras.io/api: "Layer
// activations", "Ops API", "Core layers", "Layer weight initializers",
// "Layer weight regularizers", "Losses", "Optimizers").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadActLab } from '../web/lib/actlab.js';
import { exportSpecs, exportCase, runPython } from './export-cases.mjs';

// name -> the keyword arguments Keras 3 documents for it; every one is in
// Keras 3.0 (the export is for any Keras 3: names added later, such as the
// activations squareplus or sparse_plus of 3.7-3.10, are written with ops).
const KERAS3 = {
  'keras.config.set_floatx': [],
  'keras.Sequential': [],
  'keras.Input': ['shape'],
  'layers.Dense': ['activation', 'kernel_initializer', 'bias_initializer', 'kernel_regularizer'],
  'keras.initializers.RandomNormal': ['mean', 'stddev'],
  'keras.initializers.RandomUniform': ['minval', 'maxval'],
  'keras.initializers.Constant': ['value'],
  'keras.initializers.Zeros': [],
  'keras.regularizers.L1L2': ['l1', 'l2'],
  'keras.losses.MeanSquaredError': [],
  'keras.losses.BinaryCrossentropy': ['from_logits'],
  'keras.losses.SparseCategoricalCrossentropy': ['from_logits'],
  'keras.optimizers.SGD': ['learning_rate', 'momentum'],
  'keras.optimizers.Adam': ['learning_rate', 'beta_1', 'beta_2', 'epsilon'],
  'ops.leaky_relu': ['negative_slope'], 'ops.gelu': ['approximate'], 'ops.cast': [], 'ops.sigmoid': [], 'ops.softplus': [],
  'ops.clip': [], 'ops.sin': [], 'ops.tanh': [], 'ops.where': [], 'ops.expm1': [], 'ops.minimum': [], 'ops.maximum': [],
  'ops.abs': [], 'ops.sqrt': [], 'ops.square': [], 'ops.relu6': [], 'ops.log_sigmoid': [], 'ops.reshape': [],
  'ops.convert_to_tensor': ['dtype'], 'ops.convert_to_numpy': [], 'ops.stack': ['axis'], 'ops.softmax': ['axis'],
  'ops.sum': ['axis'],
};
// The names Dense(activation="...") accepts in Keras 3.0 (keras.activations.get).
const KERAS3_ACTIVATIONS = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'selu', 'gelu', 'silu', 'softplus', 'softsign',
  'relu6', 'hard_sigmoid', 'exponential'];

let lab;
beforeAll(async () => {
  lab = await loadActLab();
});

// Every call of a keras, layers or ops name: the name and its keyword arguments.
function calls(code) {
  const found = [];
  for (const m of code.matchAll(/\b((?:keras|layers|ops)(?:\.\w+)+)\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    while (depth && i < code.length) {
      if (code[i] === '(' || code[i] === '[') depth++;
      else if (code[i] === ')' || code[i] === ']') depth--;
      i++;
    }
    const inside = code.slice(start, i - 1);
    // Keywords at the top level of this call only.
    let level = 0;
    let flat = '';
    for (const ch of inside) {
      if ('([{'.includes(ch)) level++;
      if (level === 0) flat += ch;
      if (')]}'.includes(ch)) level--;
    }
    found.push({ name: m[1], keywords: [...flat.matchAll(/(?:^|,)\s*(\w+)=/g)].map((k) => k[1]) });
  }
  return found;
}

test('every Keras export compiles, and calls only Keras 3 names with their documented arguments', () => {
  const cases = exportSpecs(lab).map((spec) => exportCase(lab, spec, 'keras'));
  const dir = mkdtempSync(join(tmpdir(), 'actlab-keras-'));
  try {
    const files = cases.map(({ code }, i) => {
      const file = join(dir, `case_${i}.py`);
      writeFileSync(file, code);
      return file;
    });
    // py_compile exits non-zero (and execFileSync throws with its message) on any syntax error.
    execFileSync('/usr/bin/python3', ['-m', 'py_compile', ...files], { encoding: 'utf8' });
    const unknown = new Set();
    const used = new Set();
    for (const { name, code } of cases) {
      for (const c of calls(code)) {
        used.add(c.name);
        if (!(c.name in KERAS3)) unknown.add(`${name}: ${c.name}`);
        else for (const k of c.keywords) if (!KERAS3[c.name].includes(k)) unknown.add(`${name}: ${c.name}(${k}=)`);
      }
      for (const m of code.matchAll(/activation="(\w+)"/g)) {
        used.add(`"${m[1]}"`);
        if (!KERAS3_ACTIVATIONS.includes(m[1])) unknown.add(`${name}: activation "${m[1]}"`);
      }
    }
    expect([...unknown]).toEqual([]);
    // The scan saw the calls that matter.
    for (const name of ['keras.optimizers.Adam', 'keras.optimizers.SGD', 'keras.losses.BinaryCrossentropy', 'keras.regularizers.L1L2',
      'ops.where', 'layers.Dense', '"relu"', '"hard_sigmoid"']) expect(used).toContain(name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Keras code computes ActLab\'s predictions, run against a NumPy stand-in for the Keras 3 API it uses', () => {
  // js-tests/keras_stub_check.py: Keras 3's documented forward definitions in NumPy; this checks the
  // features, layers, activations written with ops, the weights' layout and the output activation.
  const specs = exportSpecs(lab);
  const cases = specs.map((spec) => exportCase(lab, spec, 'keras'));
  const { results } = runPython('keras_stub_check.py', cases);
  expect(results).toHaveLength(cases.length);
  expect(results.filter((r) => r.error || !(r.predict <= 1e-12) || !r.compiled)).toEqual([]);
}, 60000);

test('Keras\'s first Adam step with the exported epsilon is ActLab\'s (computed by hand from Keras\'s update rule)', () => {
  // Keras 3's Adam (keras.io/api/optimizers/adam; epsilon is the "epsilon hat" of Kingma & Ba, end of section 2):
  // alpha = lr·√(1 − β2^t) / (1 − β1^t); m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²; w −= alpha·m / (√v + epsilon).
  const lr = 0.05;
  const [b1, b2, eps] = [0.9, 0.99, 0.05]; // a large ε, so that where it is added matters
  const net = lab.createNetwork({ layers: [2, 3, 1], output: 'sigmoid', optimizer: 'adam', learningRate: lr, beta1: b1, beta2: b2,
    epsilon: eps, features: ['x1', 'x2'], batchSize: 64 });
  const x = [[0.3, -0.2], [0.1, 0.4], [-0.5, 0.2]];
  const y = [1, 0, 1];
  const exported = Number(/epsilon=([^,)]+)/.exec(net.exportCode('keras'))[1]);
  const w0 = net.getParams();
  const { gradient: g } = net.lossGradient(x, y);
  const kerasStep = (epsilon) => Array.from(w0, (w, i) => {
    const m = (1 - b1) * g[i];
    const v = (1 - b2) * g[i] * g[i];
    return w - (lr * Math.sqrt(1 - b2) / (1 - b1)) * m / (Math.sqrt(v) + epsilon);
  });
  net.train(x, y, { epochs: 1 });
  const after = Array.from(net.getParams());
  const gap = (a) => Math.max(...a.map((v, i) => Math.abs(v - after[i])));
  expect(gap(kerasStep(exported))).toBeLessThan(1e-15);
  expect(gap(kerasStep(eps))).toBeGreaterThan(1e-3); // ActLab's ε given to Keras unchanged would step elsewhere
  expect(net.exportCode('keras')).toContain('BinaryCrossentropy(from_logits=True)');
  net.dispose();
});
