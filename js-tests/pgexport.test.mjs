// The playground's exports (web/app/pgexport.js): the Keras and PyTorch code
// holds the network's layers, activations, inputs, output, loss and
// optimiser, and the trained weights to the last bit (Keras transposed);
// a saved network is read back into the playground's settings, and what the
// playground cannot show is refused with a message.
import { loadActLab } from '../web/lib/actlab.js';
import { kerasModelCode, torchModelCode, readSavedNetwork, EXPORTABLE } from '../web/app/pgexport.js';
import { translator } from '../web/app/i18n.js';
import { LIMITS } from '../web/app/state.js';

let lab;
const t = translator('en');
beforeAll(async () => {
  lab = await loadActLab();
});

// Every Python float literal in a bracketed list, in order.
const numbersIn = (text) => [...text.matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/g)].map((m) => Number(m[0]));

// The weights block of the code: the lines between its opening and closing lines.
function weightBlock(code, open, close) {
  const lines = code.split('\n');
  const from = lines.findIndex((l) => l.startsWith(open));
  const to = lines.indexOf(close, from);
  return lines.slice(from + 1, to).map((l) => l.replace(/#.*$/, ''));
}

function trained(config, epochs = 30) {
  const data = lab.makeDataset('spiral_multi', { count: 60, seed: 2 });
  const net = lab.createNetwork(config);
  for (let e = 0; e < epochs; e++) net.train(data.inputs, data.labels, { epochs: 1 });
  return net;
}

test('every catalog activation has a Keras and a PyTorch form', () => {
  expect(EXPORTABLE.sort()).toEqual(lab.activations.map((a) => a.name).sort());
});

test('the code holds the layers, activations, inputs and output in order, and every weight exactly', () => {
  const config = { layers: [3, 5, 4, 3], activation: ['leaky_relu', 'gelu_tanh'], output: 'softmax', features: ['x1', 'x2', 'x1_x2'],
    optimizer: 'adam', learningRate: 0.01, batchSize: 7, l1: 0.001, l2: 0.01, init: 'he_uniform', seed: 5 };
  const net = trained(config);
  const json = net.toJSON();
  const p = net.layers();
  const keras = kerasModelCode(json, t, lab.networkOptions.formulas);
  // Layers and activations.
  expect([...keras.matchAll(/layers\.Dense\((\d+)/g)].map((m) => Number(m[1]))).toEqual([5, 4, 3]);
  expect(keras).toContain('layers.LeakyReLU(negative_slope=0.01)');
  expect(keras).toContain('keras.activations.gelu(x, approximate=True)');
  expect(keras).toContain('activation="softmax"');
  expect(keras).toContain('keras.Input(shape=(3,))');
  expect(keras).toContain('return np.stack([x1, x2, x1 * x2], axis=1)');
  expect(keras).toContain('loss="sparse_categorical_crossentropy"');
  expect(keras).toContain('keras.optimizers.Adam(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-8)');
  expect(keras).toContain('kernel_regularizer=keras.regularizers.L1L2(l1=0.001, l2=0.005)'); // Keras's l2 has no ½
  expect(keras).toContain('kernel_initializer="he_uniform"');
  expect(keras).toContain('batch_size=7');
  // Keras kernels are (inputs, outputs): the transpose of the engine's W.
  const kblock = numbersIn(weightBlock(keras, 'model.set_weights(', ']])').join('\n'));
  const expected = p.flatMap((L) => [...Array.from({ length: L.inputs }, (_, i) => Array.from({ length: L.outputs }, (_, j) => L.weights[j * L.inputs + i])).flat(), ...L.biases]);
  expect(kblock).toEqual(expected);

  const torch = torchModelCode(json, t, lab.networkOptions.formulas);
  expect([...torch.matchAll(/nn\.Linear\((\d+), (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])])).toEqual([[3, 5], [5, 4], [4, 3]]);
  expect(torch).toContain('nn.LeakyReLU(0.01)');
  expect(torch).toContain('nn.GELU(approximate="tanh")');
  expect(torch).toContain('nn.functional.cross_entropy(out, y)');
  expect(torch).toContain('loss = loss + 0.001 * sum(w.abs().sum() for w in weights)');
  expect(torch).toContain('loss = loss + 0.005 * sum((w ** 2).sum() for w in weights)');
  expect(torch).toContain('torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.9, 0.999), eps=1e-8)');
  expect(torch).toContain('nn.init.kaiming_uniform_(w)');
  // PyTorch weights are (outputs, inputs), as the engine's.
  const tblock = numbersIn(weightBlock(torch, 'trained = [', ']').join('\n'));
  expect(tblock).toEqual(p.flatMap((L) => [...L.weights, ...L.biases]));
  // No activation after the last Linear: the loss takes logits.
  expect(torch.split('model = nn.Sequential(')[1].split(')  #')[0].trim().split('\n').pop().trim()).toBe('nn.Linear(4, 3),');
  net.dispose();
});

test('binary and regression heads, parameters, and formulas for activations without a built-in', () => {
  const bin = trained({ layers: [2, 3, 1], activation: { name: 'prelu', params: { alpha: 0.25 } }, output: 'sigmoid', features: ['x1', 'x2'] }, 0);
  const k = kerasModelCode(bin.toJSON(), t, lab.networkOptions.formulas);
  expect(k).toContain('activation=lambda x: ops.where(x >= 0, x, 0.25 * x)');
  expect(k).toContain('loss="binary_crossentropy"');
  expect(torchModelCode(bin.toJSON(), t, lab.networkOptions.formulas)).toContain('binary_cross_entropy_with_logits');
  bin.dispose();
  const reg = lab.createNetwork({ layers: [2, 2, 2, 1], activation: ['squareplus', 'softplus'], output: 'identity', features: ['sin_x1', 'x2_sq'] });
  const kr = kerasModelCode(reg.toJSON(), t, lab.networkOptions.formulas);
  expect(kr).toContain('(x + ops.sqrt(ops.square(x) + 4.0)) / 2');
  expect(kr).toContain('activation="softplus"');
  // The features line, run as JavaScript (np.sin as Math.sin), gives the engine's features in its order.
  const point = [0.75, -2.5];
  const run = (code, lib) => {
    const list = new RegExp(`return ${lib}\\.stack\\(\\[(.*)\\], (axis|dim)=1\\)`).exec(code)[1];
    return new Function('x1', 'x2', lib, `return [${list}];`)(...point, { sin: Math.sin });
  };
  expect(run(kr, 'np')).toEqual(Array.from(reg.features(point)));
  expect(kr).toContain('ops.mean(ops.square(y - p), axis=-1) / 2');
  const tr = torchModelCode(reg.toJSON(), t, lab.networkOptions.formulas);
  expect(tr).toContain('class Fn(nn.Module):');
  expect(tr).toContain('nn.functional.mse_loss(out, y) / 2');
  expect(run(tr, 'torch')).toEqual(Array.from(reg.features(point)));
  reg.dispose();
  // Comments follow the language.
  const zh = kerasModelCode(lab.createNetwork({ layers: [2, 1], features: ['x1', 'x2'] }).toJSON(), translator('zh'), lab.networkOptions.formulas);
  expect(zh).toContain('训练场网络');
});

test('a saved network reads back into settings; what the playground cannot show is refused', () => {
  const net = lab.createNetwork({ layers: [2, 4, 3], activation: 'relu', output: 'softmax', features: ['x1_sq', 'x2'], learningRate: 0.1,
    batchSize: 20, optimizer: 'momentum', l2: 0.003, seed: 9 });
  const json = { ...net.toJSON(), playground: { ds: 'blobs', noise: 0.2, n: 300, test: 0.3, dseed: 4 } };
  expect(readSavedNetwork(json, lab, LIMITS)).toEqual({
    patch: { feat: ['x2', 'x1_sq'], hidden: [4], act: ['relu'], lr: 0.1, bs: 20,
      opt: 'momentum', init: 'he_normal', l1: 0, l2: 0.003, seed: 9, ds: 'blobs', noise: 0.2, n: 300, test: 0.3, dseed: 4 },
    source: { ds: 'blobs' },
  });
  const bad = (change) => readSavedNetwork({ ...json, config: { ...json.config, ...change } }, lab, LIMITS).error;
  expect(bad({ activation: [{ name: 'leaky_relu', params: { alpha: 0.2 } }] })).toEqual({ key: 'pg.export.params', vars: { act: 'leaky_relu' } });
  expect(bad({ layers: [2, 9, 3] }).key).toBe('pg.export.size');
  expect(bad({ layers: [2, 1, 1, 1, 1, 1, 1, 1, 3], activation: Array(7).fill({ name: 'relu', params: {} }) }).key).toBe('pg.export.size');
  expect(bad({ features: null }).key).toBe('pg.export.raw');
  expect(bad({ batchSize: 512 }).vars.detail).toContain('batchSize 512');
  // A seed the URL cannot hold would leave the page describing another network: refused, not dropped.
  expect(bad({ seed: String(2n ** 60n) }).vars.detail).toContain('seed 1152921504606846976');
  expect(bad({ activation: [{ name: 'eval', params: {} }] }).vars.detail).toContain('unknown activation "eval"');
  expect(readSavedNetwork({ format: 'x' }, lab, LIMITS).error.key).toBe('pg.export.bad');
  // Unknown data in the playground part is ignored, not trusted.
  expect(readSavedNetwork({ ...json, playground: { ds: 'mnist', n: -1 } }, lab, LIMITS).source).toEqual({});
  // Data settings the URL would not accept (too few points, a test share of 95 %) are ignored too.
  const odd = readSavedNetwork({ ...json, playground: { ds: 'blobs', n: 5, test: 0.95, noise: 0.5 } }, lab, LIMITS).patch;
  expect([odd.ds, odd.n, odd.test, odd.noise]).toEqual(['blobs', undefined, undefined, 0.5]);
  expect(bad({ l2: 1.5 }).vars.detail).toContain('l2 1.5');
  expect(bad({ features: ['x1', 'x9'] }).vars.detail).toContain('features x1,x9');
  net.dispose();
});
