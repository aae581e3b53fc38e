// The playground's network as Keras or PyTorch code: the same inputs, layers,
// activations, output, loss, optimiser, penalties and the trained weights,
// so the framework's model gives the same outputs as the page. No DOM here:
// each function takes network.toJSON() and a translator for the comments.
//
// Every activation of the catalog has a form in each framework: the
// built-in where its definition is the engine's (checked against each
// framework's documentation), else the engine's formula written out.

import { FIELDS, makeContext, compactActs } from './state.js';

const num = (v) => {
  const s = String(v);
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${s}.0` : s; // Python floats
};

// Keras 3: a string for Dense(activation=...), or an expression in x with
// keras.ops (written as a Lambda activation).
const KERAS_ACT = {
  identity: () => null,
  step: () => ({ fn: 'ops.cast(x >= 0, x.dtype)' }),
  sigmoid: () => '"sigmoid"',
  tanh: () => '"tanh"',
  relu: () => '"relu"',
  leaky_relu: ({ alpha }) => ({ layer: `layers.LeakyReLU(negative_slope=${num(alpha)})` }),
  prelu: ({ alpha }) => ({ fn: `ops.where(x >= 0, x, ${num(alpha)} * x)`, note: 'prelu' }),
  elu: ({ alpha }) => (alpha === 1 ? '"elu"' : { fn: `ops.where(x > 0, x, ${num(alpha)} * ops.expm1(x))` }),
  selu: () => '"selu"',
  celu: ({ alpha }) => ({ fn: `ops.maximum(x, 0) + ops.minimum(0, ${num(alpha)} * ops.expm1(x / ${num(alpha)}))` }),
  gelu: () => ({ fn: 'keras.activations.gelu(x, approximate=False)' }),
  gelu_tanh: () => ({ fn: 'keras.activations.gelu(x, approximate=True)' }),
  silu: () => '"silu"',
  swish: ({ beta }) => (beta === 1 ? '"silu"' : { fn: `x * ops.sigmoid(${num(beta)} * x)` }),
  mish: () => '"mish"',
  softplus: ({ beta }) => (beta === 1 ? '"softplus"' : { fn: `ops.softplus(${num(beta)} * x) / ${num(beta)}` }),
  softsign: () => '"softsign"',
  squareplus: ({ b }) => ({ fn: `(x + ops.sqrt(ops.square(x) + ${num(b)})) / 2` }),
  hard_sigmoid: () => ({ fn: 'ops.relu6(x + 3) / 6' }),
  sparse_sigmoid: () => ({ fn: 'ops.clip((x + 1) / 2, 0, 1)' }),
  hard_tanh: () => ({ fn: 'ops.clip(x, -1, 1)' }),
  hard_swish: () => ({ fn: 'x * ops.relu6(x + 3) / 6' }),
  relu6: () => '"relu6"',
  log_sigmoid: () => ({ fn: '-ops.softplus(-x)' }),
  tanh_shrink: () => ({ fn: 'x - ops.tanh(x)' }),
  soft_shrink: ({ lambda: l }) => ({ fn: `ops.where(x > ${num(l)}, x - ${num(l)}, ops.where(x < -${num(l)}, x + ${num(l)}, 0.0))` }),
  hard_shrink: ({ lambda: l }) => ({ fn: `ops.where(ops.abs(x) > ${num(l)}, x, 0.0)` }),
  threshold: ({ threshold, value }) => ({ fn: `ops.where(x > ${num(threshold)}, x, ${num(value)})` }),
  sparse_plus: () => ({ fn: 'ops.where(x <= -1, 0.0, ops.where(x >= 1, x, ops.square(x + 1) / 4))' }),
  exponential: () => '"exponential"',
  sin: () => ({ fn: 'ops.sin(x)' }),
};

// PyTorch: a torch.nn module, or an expression in x (wrapped in Fn).
const TORCH_ACT = {
  identity: () => 'nn.Identity()',
  step: () => ({ fn: '(x >= 0).to(x.dtype)' }),
  sigmoid: () => 'nn.Sigmoid()',
  tanh: () => 'nn.Tanh()',
  relu: () => 'nn.ReLU()',
  leaky_relu: ({ alpha }) => `nn.LeakyReLU(${num(alpha)})`,
  prelu: ({ alpha }) => ({ fn: `torch.where(x >= 0, x, ${num(alpha)} * x)`, note: 'prelu' }),
  elu: ({ alpha }) => `nn.ELU(alpha=${num(alpha)})`,
  selu: () => 'nn.SELU()',
  celu: ({ alpha }) => `nn.CELU(alpha=${num(alpha)})`,
  gelu: () => 'nn.GELU()',
  gelu_tanh: () => 'nn.GELU(approximate="tanh")',
  silu: () => 'nn.SiLU()',
  swish: ({ beta }) => (beta === 1 ? 'nn.SiLU()' : { fn: `x * torch.sigmoid(${num(beta)} * x)` }),
  mish: () => 'nn.Mish()',
  softplus: ({ beta }) => ({ fn: `nn.functional.softplus(${num(beta)} * x, threshold=1e9) / ${num(beta)}` }),
  softsign: () => 'nn.Softsign()',
  squareplus: ({ b }) => ({ fn: `(x + torch.sqrt(x * x + ${num(b)})) / 2` }),
  hard_sigmoid: () => 'nn.Hardsigmoid()',
  sparse_sigmoid: () => ({ fn: 'torch.clamp((x + 1) / 2, 0, 1)' }),
  hard_tanh: () => 'nn.Hardtanh()',
  hard_swish: () => 'nn.Hardswish()',
  relu6: () => 'nn.ReLU6()',
  log_sigmoid: () => 'nn.LogSigmoid()',
  tanh_shrink: () => 'nn.Tanhshrink()',
  soft_shrink: ({ lambda: l }) => `nn.Softshrink(${num(l)})`,
  hard_shrink: ({ lambda: l }) => `nn.Hardshrink(${num(l)})`,
  threshold: ({ threshold, value }) => `nn.Threshold(${num(threshold)}, ${num(value)})`,
  sparse_plus: () => ({ fn: 'torch.where(x <= -1, 0.0, torch.where(x >= 1, x, (x + 1) ** 2 / 4))' }),
  exponential: () => ({ fn: 'torch.exp(x)' }),
  sin: () => ({ fn: 'torch.sin(x)' }),
};

/** The activations each framework's code can write (every name of the catalog). */
export const EXPORTABLE = Object.keys(KERAS_ACT);


const KERAS_INIT = { he_normal: '"he_normal"', he_uniform: '"he_uniform"', glorot_normal: '"glorot_normal"',
  glorot_uniform: '"glorot_uniform"', lecun_normal: '"lecun_normal"',
  uniform: 'keras.initializers.RandomUniform(-0.5, 0.5)', zeros: '"zeros"' };
const TORCH_INIT = { he_normal: 'nn.init.kaiming_normal_(w)', he_uniform: 'nn.init.kaiming_uniform_(w)',
  glorot_normal: 'nn.init.xavier_normal_(w)', glorot_uniform: 'nn.init.xavier_uniform_(w)',
  lecun_normal: 'nn.init.normal_(w, std=w.shape[1] ** -0.5)', uniform: 'nn.init.uniform_(w, -0.5, 0.5)', zeros: 'nn.init.zeros_(w)' };

const pyList = (values) => `[${Array.from(values, num).join(', ')}]`;

/** Weight matrices and biases per layer from toJSON(): W (outputs, inputs) as rows. */
function layersOf(json) {
  const sizes = json.config.layers;
  const out = [];
  let off = 0;
  for (let l = 1; l < sizes.length; l++) {
    const [nin, nout] = [sizes[l - 1], sizes[l]];
    const rows = Array.from({ length: nout }, (_, j) => json.params.slice(off + j * nin, off + (j + 1) * nin));
    off += nin * nout;
    out.push({ nin, nout, rows, bias: json.params.slice(off, off + nout) });
    off += nout;
  }
  return out;
}

function summary(json, t) {
  const c = json.config;
  const hidden = c.layers.slice(1, -1).map((n, i) => `${n} ${c.activation[i].name}`);
  return t('pgx.head', { shape: [`${c.layers[0]}`, ...hidden, `${c.layers[c.layers.length - 1]} ${c.output}`].join(' → '),
    epochs: json.epochs });
}

// The input features in Python: the engine's formulas (lab.networkOptions.formulas,
// written with * and sin only), sin taken from the framework's library.
function featureLines(features, lib, stack, t, formulas) {
  const python = (f) => formulas[f].replace(/\bsin\(/g, `${lib}.sin(`);
  return [
    `def features(points):  # ${t('pgx.features')}`,
    '    x1, x2 = points[:, 0], points[:, 1]',
    `    return ${stack}([${features.map(python).join(', ')}], ${lib === 'np' ? 'axis' : 'dim'}=1)`,
  ];
}

/** Keras 3 code for a playground network (network.toJSON(); formulas: lab.networkOptions.formulas). */
export function kerasModelCode(json, t, formulas) {
  const c = json.config;
  const layers = layersOf(json);
  const reg = c.l1 || c.l2 ? `, kernel_regularizer=keras.regularizers.L1L2(l1=${num(c.l1)}, l2=${num(c.l2 / 2)})` : '';
  const lines = [`# ${summary(json, t)}`, 'import numpy as np', 'import keras', 'from keras import layers, ops', '',
    `keras.config.set_floatx("float64")  # ${t('pgx.double')}`, '', ...featureLines(c.features, 'np', 'np.stack', t, formulas), ''];
  lines.push('model = keras.Sequential([', `    keras.Input(shape=(${c.layers[0]},)),`);
  layers.forEach((L, i) => {
    const last = i === layers.length - 1;
    const name = last ? c.output : c.activation[i].name;
    const act = last ? (c.output === 'identity' ? null : `"${c.output}"`) : KERAS_ACT[name](c.activation[i].params);
    const init = `kernel_initializer=${KERAS_INIT[c.init]}`;
    if (act === null || typeof act === 'string') {
      lines.push(`    layers.Dense(${L.nout}${act ? `, activation=${act}` : ''}, ${init}${reg}),`);
    } else if (act.layer) {
      lines.push(`    layers.Dense(${L.nout}, ${init}${reg}),`, `    ${act.layer},`);
    } else {
      lines.push(`    layers.Dense(${L.nout}, activation=lambda x: ${act.fn}, ${init}${reg}),${act.note ? `  # ${t(`pgx.${act.note}`)}` : ''}`);
    }
  });
  lines.push('])', '', `# ${t('pgx.weights.keras')}`, 'model.set_weights([np.array(v) for v in [');
  layers.forEach((L, i) => {
    const kernel = Array.from({ length: L.nin }, (_, r) => L.rows.map((row) => row[r]));
    lines.push(`    [${kernel.map(pyList).join(',\n     ')}],  # kernel ${i + 1} (${L.nin}, ${L.nout})`,
      `    ${pyList(L.bias)},  # bias ${i + 1}`);
  });
  lines.push(']])', '');
  const opt = c.optimizer === 'adam'
    ? `keras.optimizers.Adam(learning_rate=${num(c.learningRate)}, beta_1=${num(c.beta1)}, beta_2=${num(c.beta2)}, epsilon=${num(c.epsilon)})`
    : `keras.optimizers.SGD(learning_rate=${num(c.learningRate)}${c.optimizer === 'momentum' ? `, momentum=${num(c.momentum)}` : ''})`;
  const loss = { identity: 'lambda y, p: ops.mean(ops.square(y - p), axis=-1) / 2', sigmoid: '"binary_crossentropy"',
    softmax: '"sparse_categorical_crossentropy"' }[c.output];
  if (c.output === 'identity') lines.push(`# ${t('pgx.mse')}`);
  lines.push(`model.compile(optimizer=${opt}, loss=${loss}${c.output === 'identity' ? '' : ', metrics=["accuracy"]'})`, '',
    `# ${t('pgx.train')}`, `# model.fit(features(points), labels, batch_size=${c.batchSize}, epochs=100)`,
    `# ${t(`pgx.predict.${c.output}`)}`, `# ${c.output === 'softmax' ? 'model.predict(features(points)).argmax(axis=1)' : 'model.predict(features(points))'}`);
  return `${lines.join('\n')}\n`;
}

/** PyTorch code for a playground network (network.toJSON(); formulas: lab.networkOptions.formulas). */
export function torchModelCode(json, t, formulas) {
  const c = json.config;
  const layers = layersOf(json);
  const acts = c.activation.map((a) => TORCH_ACT[a.name](a.params));
  const lines = [`# ${summary(json, t)}`, 'import torch', 'from torch import nn', '',
    `torch.set_default_dtype(torch.float64)  # ${t('pgx.double')}`, '', ...featureLines(c.features, 'torch', 'torch.stack', t, formulas), ''];
  if (acts.some((a) => typeof a !== 'string')) {
    lines.push('class Fn(nn.Module):', `    """${t('pgx.fn')}"""`, '    def __init__(self, f):', '        super().__init__()',
      '        self.f = f', '', '    def forward(self, x):', '        return self.f(x)', '');
  }
  lines.push('model = nn.Sequential(');
  layers.forEach((L, i) => {
    lines.push(`    nn.Linear(${L.nin}, ${L.nout}),`);
    if (i < acts.length) {
      const a = acts[i];
      lines.push(typeof a === 'string' ? `    ${a},` : `    Fn(lambda x: ${a.fn}),${a.note ? `  # ${t(`pgx.${a.note}`)}` : ''}`);
    }
  });
  const head = { identity: null, sigmoid: 'torch.sigmoid', softmax: 'torch.softmax' }[c.output];
  lines.push(`)  # ${t(`pgx.logits.${c.output}`)}`, '', `# ${t('pgx.init', { init: c.init })}`,
    'for m in model:', '    if isinstance(m, nn.Linear):', '        w = m.weight', `        ${TORCH_INIT[c.init]}`, '        nn.init.zeros_(m.bias)', '',
    `# ${t('pgx.weights.torch')}`, 'trained = [');
  layers.forEach((L, i) => {
    lines.push(`    ([${L.rows.map(pyList).join(',\n      ')}],  # weight ${i + 1} (${L.nout}, ${L.nin})`,
      `     ${pyList(L.bias)}),  # bias ${i + 1}`);
  });
  lines.push(']', 'with torch.no_grad():', '    linears = [m for m in model if isinstance(m, nn.Linear)]',
    '    for m, (w, b) in zip(linears, trained):', '        m.weight.copy_(torch.tensor(w))', '        m.bias.copy_(torch.tensor(b))', '');
  const lossExpr = { identity: 'nn.functional.mse_loss(out, y) / 2', sigmoid: 'nn.functional.binary_cross_entropy_with_logits(out, y)',
    softmax: 'nn.functional.cross_entropy(out, y)' }[c.output];
  lines.push('def loss_fn(out, y):');
  if (c.output === 'identity') lines.push(`    # ${t('pgx.mse')}`);
  lines.push(`    loss = ${lossExpr}`);
  if (c.l1 || c.l2) {
    lines.push(`    # ${t('pgx.l1l2')}`, '    weights = [m.weight for m in model if isinstance(m, nn.Linear)]');
    if (c.l1) lines.push(`    loss = loss + ${num(c.l1)} * sum(w.abs().sum() for w in weights)`);
    if (c.l2) lines.push(`    loss = loss + ${num(c.l2 / 2)} * sum((w ** 2).sum() for w in weights)`);
  }
  lines.push('    return loss', '');
  const opt = c.optimizer === 'adam'
    ? `torch.optim.Adam(model.parameters(), lr=${num(c.learningRate)}, betas=(${num(c.beta1)}, ${num(c.beta2)}), eps=${num(c.epsilon)})`
    : `torch.optim.SGD(model.parameters(), lr=${num(c.learningRate)}${c.optimizer === 'momentum' ? `, momentum=${num(c.momentum)}` : ''})`;
  lines.push(`optimizer = ${opt}`, `# ${t('pgx.train.torch', { batch: c.batchSize })}`, '',
    `# ${t(`pgx.predict.${c.output}`)}`,
    `# ${head === null ? 'model(features(points))' : head === 'torch.sigmoid' ? 'torch.sigmoid(model(features(points)))' : 'model(features(points)).argmax(dim=1)'}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Reads a saved playground network (network.toJSON() plus a `playground`
 * part saying where its data came from) into what the page needs: the state
 * fields that describe it, and where its data comes from. Each value must be
 * one the URL itself would accept (the state's own parsers decide): anything
 * the playground cannot show is refused with a message key and its values;
 * data settings it cannot show are ignored.
 * @param {object} json the parsed file
 * @param {{activations: object[], datasets: object[]}} lab the catalog and datasets
 * @param {{maxLayers: number, maxNeurons: number}} limits for the size message
 * @returns {{patch?: object, source?: {ds?: string, points?: string}, error?: {key: string, vars: object}}}
 */
export function readSavedNetwork(json, lab, limits) {
  const c = json?.config;
  if (!c || typeof c !== 'object' || !Array.isArray(c.layers) || !Array.isArray(c.activation)) {
    return { error: { key: 'pg.export.bad', vars: { detail: 'not an ActLab network (no config with layers and activation)' } } };
  }
  if (!Array.isArray(c.features)) return { error: { key: 'pg.export.raw', vars: {} } };
  const ctx = makeContext(lab, []);
  const accepts = (field, v) => v !== undefined && v !== null && FIELDS[field].parse(FIELDS[field].write(v), ctx) !== undefined;
  const hidden = c.layers.slice(1, -1);
  if (!accepts('hidden', hidden)) {
    return { error: { key: 'pg.export.size', vars: { layers: hidden.join(', '), layers_max: limits.maxLayers, neurons_max: limits.maxNeurons } } };
  }
  for (const a of c.activation) {
    const entry = ctx.catalog.get(a?.name);
    if (!entry) return { error: { key: 'pg.export.bad', vars: { detail: `unknown activation ${JSON.stringify(a?.name).slice(0, 40)}` } } };
    if (entry.params.some((p) => a.params?.[p.name] !== undefined && a.params[p.name] !== p.default)) {
      return { error: { key: 'pg.export.params', vars: { act: a.name } } };
    }
  }
  const names = c.activation.map((a) => a.name);
  const settings = { feat: ['features', c.features], lr: ['learningRate', c.learningRate], bs: ['batchSize', c.batchSize],
    opt: ['optimizer', c.optimizer], init: ['init', c.init], l1: ['l1', c.l1], l2: ['l2', c.l2] };
  const patch = { hidden, act: names.length ? compactActs(names) : [...FIELDS.act.default] };
  for (const [field, [key, v]] of Object.entries(settings)) {
    if (!accepts(field, v)) return { error: { key: 'pg.export.bad', vars: { detail: `${key} ${String(v).slice(0, 20)} is outside the playground's range` } } };
    patch[field] = Array.isArray(v) ? [...v] : v;
  }
  if (!accepts('seed', c.seed)) {
    return { error: { key: 'pg.export.bad', vars: { detail: `seed ${String(c.seed).slice(0, 24)} is outside the playground's range` } } };
  }
  patch.seed = c.seed;
  const p = json.playground ?? {};
  const source = {};
  if (typeof p.points === 'string') source.points = p.points;
  else if (accepts('ds', p.ds)) {
    source.ds = p.ds;
    patch.ds = p.ds;
    for (const field of ['noise', 'n', 'test', 'dseed']) if (typeof p[field] === 'number' && accepts(field, p[field])) patch[field] = p[field];
  }
  return { patch, source };
}
