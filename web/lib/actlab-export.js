// A trained network as code for PyTorch, Keras 3 or TF.js that computes what
// ActLab computes and trains on from where ActLab stopped. Each export
// defines `model` (outputs logits), `features(points)` (raw points in) and
// `predict(points)` (what network.predict returns). PyTorch runs in float64
// and matches ActLab exactly: the losses, the penalty, every activation of
// the catalog with its parameters, and the optimiser with its saved state
// (js-tests/export-torch.test.mjs runs it). Keras and TF.js come as close as
// each allows; each difference left is named in a comment.
//
// The input is network.toJSON() (already checked by the engine) and the
// engine's feature formulas; the comments come in the reader's language
// (web/lib/actlab-export-text.js).
import { ActLabError, checkOptions, closest, describe, readNumbers } from './actlab-base.js';
import { EXPORT_TEXT } from './actlab-export-text.js';
import { EXPORT_FRAMEWORKS, EXPORT_LANGUAGES, DERIVATIVE_FRAMEWORKS, MAX_DERIVATIVE_POINTS } from './actlab-export-names.js';

export { EXPORT_FRAMEWORKS, EXPORT_LANGUAGES, DERIVATIVE_FRAMEWORKS, MAX_DERIVATIVE_POINTS };

/**
 * Resolves once the code writer can be called. Here it always can; in the
 * page's bundle this module arrives only when code is first asked for, and
 * the stand-in there loads it (tools/build-page.mjs).
 */
export const exporterReady = () => Promise.resolve();

// ---- numbers and text ---------------------------------------------------------

/** A Python float literal that reads back as exactly v (finite). */
const py = (v) => {
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /^-?\d+$/.test(s) ? `${s}.0` : s;
};
/** A JavaScript number literal that reads back as exactly v (finite). */
const js = (v) => (Object.is(v, -0) ? '-0' : String(v));

// Lists of numbers, `per` to a line, lines after the first indented by `pad`.
function numberList(values, lit, per, pad) {
  const parts = [];
  for (let i = 0; i < values.length; i += per) parts.push(Array.from(values.slice(i, i + per), lit).join(', '));
  return `[${parts.join(`,\n${pad} `)}]`;
}

function translator(language) {
  const table = EXPORT_TEXT[language];
  const t = (key, vars = {}) => table[key].replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  /** Sentences joined as the language joins them (Chinese: no space). */
  t.join = (...parts) => parts.join(language === 'zh' ? '' : ' ');
  return t;
}

// ---- the network, read from toJSON() -------------------------------------------

// Layers with W as rows (outputs × inputs), biases, and the activation after
// each (null after the last: the head is applied by predict and the loss).
function readPlan(json, formulas) {
  const c = json.config;
  const sizes = c.layers;
  const layers = [];
  let off = 0;
  for (let l = 1; l < sizes.length; l++) {
    const [nin, nout] = [sizes[l - 1], sizes[l]];
    const rows = Array.from({ length: nout }, (_, j) => json.params.slice(off + j * nin, off + (j + 1) * nin));
    off += nin * nout;
    const bias = json.params.slice(off, off + nout);
    off += nout;
    // kernel: the transpose (inputs × outputs), as Keras and TF.js keep it.
    const kernel = Array.from({ length: nin }, (_, r) => rows.map((row) => row[r]));
    layers.push({ nin, nout, rows, kernel, bias, act: l < sizes.length - 1 ? c.activation[l - 1] : null });
  }
  const state = json.optimizerState ?? { steps: 0 };
  const features = Array.isArray(c.features) ? c.features.map((name) => ({ name, formula: formula(formulas, name) })) : null;
  return { c, layers, features, steps: state.steps, state, epochs: json.epochs ?? 0 };
}

// The engine's formula of a feature: products and sines of x1 and x2 only
// (each framework's form is written from this shape).
function formula(formulas, name) {
  const f = formulas[name];
  if (typeof f !== 'string' || !/^(x[12]|x[12] \* x[12]|sin\(x[12]\))$/.test(f)) {
    throw new ActLabError('unsupported', `exportCode: feature ${JSON.stringify(name)} has no formula the exports can write ` +
      `(${JSON.stringify(f)})`, { feature: name });
  }
  return f;
}

function shapeLine(plan) {
  const { c, layers } = plan;
  const hidden = layers.slice(0, -1).map((L) => `${L.nout} ${L.act.name}`);
  return [String(c.layers[0]), ...hidden, `${c.layers[c.layers.length - 1]} ${c.output}`].join(' → ');
}

const paramText = (params) => Object.entries(params ?? {}).map(([k, v]) => `${k}=${js(v)}`).join(', ');
const actLabel = (act) => (Object.keys(act.params ?? {}).length ? `${act.name}(${paramText(act.params)})` : act.name);

function header(plan, t, framework, comment) {
  return [`${comment} ${t('head', { shape: shapeLine(plan), epochs: plan.epochs, steps: plan.steps })}`,
    `${comment} ${t(`defines.${framework}`)}`];
}

function featureNote(plan, t) {
  return plan.features
    ? t('features', { list: plan.features.map((f) => (f.formula === f.name ? f.name : `${f.name} = ${f.formula}`)).join(', ') })
    : t('raw', { count: plan.c.layers[0] });
}

// ---- PyTorch ---------------------------------------------------------------------

const mod = (module) => ({ module });
const pyFn = (fn, extra) => ({ fn, ...extra });
const TORCH_ACT = {
  identity: () => mod('nn.Identity()'),
  step: () => pyFn('(x >= 0).to(x.dtype) + 0 * x'),
  sigmoid: () => mod('nn.Sigmoid()'),
  tanh: () => mod('nn.Tanh()'),
  relu: () => mod('nn.ReLU()'),
  leaky_relu: ({ alpha }) => mod(`nn.LeakyReLU(${py(alpha)})`),
  prelu: ({ alpha }) => ({ module: `nn.LeakyReLU(${py(alpha)})`, note: 'prelu' }),
  elu: ({ alpha }) => mod(`nn.ELU(alpha=${py(alpha)})`),
  selu: () => mod('nn.SELU()'),
  // nn.CELU's gradient takes 1/alpha in single precision (PyTorch 1.13): off by 1e-8 unless alpha is 1.
  celu: ({ alpha }) => (alpha === 1 ? mod('nn.CELU()')
    : pyFn(`torch.where(x > 0, x, ${py(alpha)} * torch.expm1(x.clamp(max=0) / ${py(alpha)}))`, { note: 'celu' })),
  gelu: () => mod('nn.GELU()'),
  gelu_tanh: () => mod('nn.GELU(approximate="tanh")'),
  silu: () => mod('nn.SiLU()'),
  swish: ({ beta }) => (beta === 1 ? mod('nn.SiLU()') : pyFn(`x * torch.sigmoid(${py(beta)} * x)`)),
  mish: () => mod('nn.Mish()'),
  softplus: ({ beta }) => ({ module: `nn.Softplus(beta=${py(beta)}, threshold=40.0)`, note: 'softplus' }),
  softsign: () => mod('nn.Softsign()'),
  squareplus: ({ b }) => (b === 0 ? pyFn('(x + x.abs()) / 2') : pyFn(`squareplus(x, ${py(b)})`, { helper: 'squareplus' })),
  hard_sigmoid: () => pyFn('(x + 3).clamp(0, 6) / 6'),
  hard_sigmoid_keras2: () => pyFn('((x + 2.5) / 5).clamp(0, 1)'),
  sparse_sigmoid: () => pyFn('((x + 1) / 2).clamp(0, 1)'),
  hard_tanh: () => mod('nn.Hardtanh()'),
  hard_swish: () => mod('nn.Hardswish()'),
  relu6: () => mod('nn.ReLU6()'),
  log_sigmoid: () => mod('nn.LogSigmoid()'),
  tanh_shrink: () => mod('nn.Tanhshrink()'),
  soft_shrink: ({ lambda: l }) => mod(`nn.Softshrink(${py(l)})`),
  hard_shrink: ({ lambda: l }) => mod(`nn.Hardshrink(${py(l)})`),
  threshold: ({ threshold, value }) => mod(`nn.Threshold(${py(threshold)}, ${py(value)})`),
  sparse_plus: () => pyFn('torch.where(x <= -1, torch.zeros_like(x), torch.where(x >= 1, x, (x + 1) ** 2 / 4))'),
  exponential: () => pyFn('torch.exp(x)'),
  sin: () => pyFn('torch.sin(x)'),
};

const TORCH_INIT = {
  he_normal: ['nn.init.normal_(m.weight, std=math.sqrt(2 / m.in_features))'],
  he_uniform: ['a = math.sqrt(6 / m.in_features)', 'nn.init.uniform_(m.weight, -a, a)'],
  glorot_normal: ['nn.init.normal_(m.weight, std=math.sqrt(2 / (m.in_features + m.out_features)))'],
  glorot_uniform: ['a = math.sqrt(6 / (m.in_features + m.out_features))', 'nn.init.uniform_(m.weight, -a, a)'],
  lecun_normal: ['nn.init.normal_(m.weight, std=math.sqrt(1 / m.in_features))'],
  uniform: ['nn.init.uniform_(m.weight, -0.5, 0.5)'],
  zeros: ['nn.init.zeros_(m.weight)'],
  normal: (c) => [`nn.init.normal_(m.weight, std=${py(c.initStd)})`],
};

const TORCH_HEAD = { identity: (o) => o, sigmoid: (o) => `torch.sigmoid(${o})`, softmax: (o) => `torch.softmax(${o}, dim=1)`,
  tanh: (o) => `torch.tanh(${o})` };
const TORCH_LOSS = {
  identity: 'nn.functional.mse_loss(out, torch.as_tensor(y, dtype=out.dtype).reshape(out.shape))',
  sigmoid: 'nn.functional.binary_cross_entropy_with_logits(out, torch.as_tensor(y, dtype=out.dtype).reshape(out.shape))',
  softmax: 'nn.functional.cross_entropy(out, torch.as_tensor(y).long().reshape(-1))',
  tanh: '0.5 * ((torch.tanh(out) - torch.as_tensor(y, dtype=out.dtype).reshape(out.shape)) ** 2).sum(dim=1).mean()',
};

function pythonFeatures(plan, t, lib, dim) {
  const width = plan.features ? 2 : plan.c.layers[0];
  const lines = ['def features(points):', `    """${t.join(featureNote(plan, t), t('points.python', { count: width }))}"""`];
  if (lib === 'torch') lines.push(`    points = torch.as_tensor(points, dtype=torch.float64).reshape(-1, ${width})`);
  else lines.push(`    points = ops.reshape(ops.convert_to_tensor(points, dtype="float64"), (-1, ${width}))`);
  if (!plan.features) return [...lines, '    return points'];
  const list = plan.features.map((f) => f.formula.replace(/^sin\(/, `${lib}.sin(`));
  return [...lines, '    x1, x2 = points[:, 0], points[:, 1]', `    return ${lib}.stack([${list.join(', ')}], ${dim}=1)`];
}

// squareplus with b > 0 in PyTorch (no built-in), as a function of x and b.
const torchSquareplus = (t) => ['def squareplus(x, b):', `    """${t('squareplus')}"""`,
  '    pos, neg = x.clamp(min=0), x.clamp(max=0)', '    root_b = torch.full_like(x, math.sqrt(b))',
  '    return torch.where(x >= 0, pos / 2 + torch.hypot(pos, root_b) / 2,',
  '                       (b / 4) / (torch.hypot(neg, root_b) / 2 - neg / 2))', '', ''];

function torchModel(plan, t) {
  const acts = plan.layers.slice(0, -1).map((L) => ({ ...TORCH_ACT[L.act.name](L.act.params ?? {}), label: actLabel(L.act) }));
  const lines = [];
  if (acts.some((a) => a.helper)) lines.push(...torchSquareplus(t));
  if (acts.some((a) => a.fn)) {
    lines.push('class Fn(nn.Module):', `    """${t('fn')}"""`, '', '    def __init__(self, f, name):', '        super().__init__()',
      '        self.f, self.name = f, name', '', '    def forward(self, x):', '        return self.f(x)', '',
      '    def extra_repr(self):', '        return self.name', '', '');
  }
  lines.push('model = nn.Sequential(');
  plan.layers.forEach((L, i) => {
    lines.push(`    nn.Linear(${L.nin}, ${L.nout}),`);
    const a = acts[i];
    if (!a) return;
    const note = a.note ? `  # ${t(a.note)}` : '';
    lines.push(a.module ? `    ${a.module},${note}` : `    Fn(lambda x: ${a.fn}, "${a.label}"),${note}`);
  });
  lines.push(`)  # ${t(`logits.${plan.c.output}`)}`, '');
  return lines;
}

function torchWeights(plan, t) {
  const lines = [`# ${t('weights.pytorch')}`, 'WEIGHTS = ['];
  plan.layers.forEach((L, i) => {
    lines.push(`    # ${t('layer', { index: i + 1, rows: L.nout, cols: L.nin, count: L.nout })}`,
      `    ([${L.rows.map((r) => numberList(r, py, 4, '       ')).join(',\n      ')}],`,
      `     ${numberList(L.bias, py, 4, '     ')}),`);
  });
  lines.push(']', 'with torch.no_grad():', '    for layer, (w, b) in zip([m for m in model if isinstance(m, nn.Linear)], WEIGHTS):',
    '        layer.weight.copy_(torch.tensor(w))', '        layer.bias.copy_(torch.tensor(b))', '', '');
  return lines;
}

function torchOptimizer(plan, t) {
  const c = plan.c;
  const opt = c.optimizer === 'adam'
    ? `torch.optim.Adam(model.parameters(), lr=${py(c.learningRate)}, betas=(${py(c.beta1)}, ${py(c.beta2)}), eps=${py(c.epsilon)})`
    : `torch.optim.SGD(model.parameters(), lr=${py(c.learningRate)}${c.optimizer === 'momentum' ? `, momentum=${py(c.momentum)}` : ''})`;
  const lines = [`optimizer = ${opt}`];
  const carry = plan.steps > 0 && c.optimizer !== 'sgd';
  if (!carry) return [...lines, `# ${t('state.none')}`, '', ''];
  const s = plan.state;
  if (c.optimizer === 'adam') {
    lines.push(`# ${t('state.adam', { steps: plan.steps })}`, `STEPS = ${plan.steps}`,
      `EXP_AVG = ${numberList(s.m, py, 4, '         ')}`, `EXP_AVG_SQ = ${numberList(s.v, py, 4, '            ')}`,
      'offset = 0', 'for p in model.parameters():', '    n = p.numel()',
      '    optimizer.state[p] = {"step": torch.tensor(float(STEPS)),',
      '                          "exp_avg": torch.tensor(EXP_AVG[offset:offset + n]).reshape(p.shape),',
      '                          "exp_avg_sq": torch.tensor(EXP_AVG_SQ[offset:offset + n]).reshape(p.shape)}',
      '    offset += n');
  } else {
    lines.push(`# ${t('state.momentum', { steps: plan.steps })}`,
      `VELOCITY = ${numberList(s.m, py, 4, '          ')}`,
      'offset = 0', 'for p in model.parameters():', '    n = p.numel()',
      `    v = torch.tensor(VELOCITY[offset:offset + n]).reshape(p.shape)`,
      `    optimizer.state[p] = {"momentum_buffer": v / -${py(c.learningRate)}}`, '    offset += n');
  }
  return [...lines, '', ''];
}

function torchCode(plan, t) {
  const c = plan.c;
  const penalty = c.l1 || c.l2
    ? ['    weights = [m.weight for m in model if isinstance(m, nn.Linear)]',
      `    return ${[c.l1 ? `${py(c.l1)} * sum(w.abs().sum() for w in weights)` : null,
        c.l2 ? `${py(c.l2 / 2)} * sum((w * w).sum() for w in weights)` : null].filter(Boolean).join(' + ')}`]
    : [`    # ${t('penalty.none')}`, '    return torch.zeros(())'];
  return [
    ...header(plan, t, 'pytorch', '#'), 'import math', '', 'import torch', 'from torch import nn', '',
    `torch.set_default_dtype(torch.float64)  # ${t('double')}`, '', '',
    ...pythonFeatures(plan, t, 'torch', 'dim'), '', '',
    ...torchModel(plan, t), ...torchWeights(plan, t),
    'def predict(points):', `    """${t.join(t(`predict.${c.output}`), t('returns.pytorch'))}"""`, '    with torch.no_grad():',
    `        return ${TORCH_HEAD[c.output]('model(features(points))')}`, '', '',
    'def loss_fn(out, y):', `    """${t.join(t(`loss.${c.output}`), t('labels', { labels: labelText(plan, t) }))}"""`,
    `    return ${TORCH_LOSS[c.output]}`, '', '',
    'def penalty():', `    """${t('penalty')}"""`, ...penalty, '', '',
    ...torchOptimizer(plan, t),
    'def train_step(points, y):', `    """${t('train.pytorch', { batch: c.batchSize })}"""`, '    optimizer.zero_grad()',
    '    loss = loss_fn(model(features(points)), y) + penalty()', '    loss.backward()', '    optimizer.step()',
    '    return loss.item()', '', '',
    'def reset_parameters():', `    """${t('reset', { init: c.init })}"""`, '    with torch.no_grad():',
    '        for m in model:', '            if isinstance(m, nn.Linear):',
    ...(typeof TORCH_INIT[c.init] === 'function' ? TORCH_INIT[c.init](c) : TORCH_INIT[c.init]).map((l) => `                ${l}`),
    `                nn.init.${c.init === 'uniform' ? 'constant_(m.bias, 0.1)' : 'zeros_(m.bias)'}`,
  ];
}

const labelText = (plan, t) => (plan.c.output === 'softmax' ? t('labels.softmax', { max: plan.layers.at(-1).nout - 1 }) : t('labels.other', { count: plan.layers.at(-1).nout }));

// ---- Keras 3 ------------------------------------------------------------------------

const named = (name) => ({ name });
const kFn = (fn, note) => ({ fn, note });
// Dense(activation="name") only for names Keras 3.0 already had with
// ActLab's definition; the rest written with keras.ops (3.0 as well), so
// that the file runs on any Keras 3.
const KERAS_ACT = {
  identity: () => named('linear'),
  step: () => kFn('ops.cast(x >= 0, x.dtype) + 0 * x'),
  sigmoid: () => named('sigmoid'),
  tanh: () => named('tanh'),
  relu: () => named('relu'),
  leaky_relu: ({ alpha }) => kFn(`ops.leaky_relu(x, negative_slope=${py(alpha)})`),
  prelu: ({ alpha }) => kFn(`ops.leaky_relu(x, negative_slope=${py(alpha)})`, 'prelu'),
  elu: ({ alpha }) => (alpha === 1 ? named('elu') : kFn(`ops.where(x > 0, x, ${py(alpha)} * ops.expm1(ops.minimum(x, 0.0)))`)),
  selu: () => named('selu'),
  celu: ({ alpha }) => kFn(`ops.where(x > 0, x, ${py(alpha)} * ops.expm1(ops.minimum(x, 0.0) / ${py(alpha)}))`),
  gelu: () => named('gelu'),
  gelu_tanh: () => kFn('ops.gelu(x, approximate=True)'),
  silu: () => named('silu'),
  swish: ({ beta }) => (beta === 1 ? named('silu') : kFn(`x * ops.sigmoid(${py(beta)} * x)`)),
  mish: () => kFn('x * ops.tanh(ops.softplus(x))'),
  softplus: ({ beta }) => (beta === 1 ? named('softplus') : kFn(`ops.softplus(${py(beta)} * x) / ${py(beta)}`)),
  softsign: () => named('softsign'),
  squareplus: ({ b }) => (b === 0 ? kFn('(x + ops.abs(x)) / 2')
    : kFn(`ops.where(x >= 0, ops.maximum(x, 0.0) / 2 + ops.sqrt(ops.square(ops.maximum(x, 0.0)) + ${py(b)}) / 2, ` +
      `${py(b / 4)} / (ops.sqrt(ops.square(ops.minimum(x, 0.0)) + ${py(b)}) / 2 - ops.minimum(x, 0.0) / 2))`, 'squareplus')),
  hard_sigmoid: () => named('hard_sigmoid'),
  hard_sigmoid_keras2: () => kFn('ops.clip((x + 2.5) / 5, 0.0, 1.0)'),
  sparse_sigmoid: () => kFn('ops.clip((x + 1) / 2, 0.0, 1.0)'),
  hard_tanh: () => kFn('ops.clip(x, -1.0, 1.0)'),
  hard_swish: () => kFn('x * ops.relu6(x + 3) / 6'),
  relu6: () => named('relu6'),
  log_sigmoid: () => kFn('ops.log_sigmoid(x)'),
  tanh_shrink: () => kFn('x - ops.tanh(x)'),
  soft_shrink: ({ lambda: l }) => kFn(`ops.where(x > ${py(l)}, x - ${py(l)}, ops.where(x < ${py(-l)}, x + ${py(l)}, 0 * x))`),
  hard_shrink: ({ lambda: l }) => kFn(`ops.where(ops.abs(x) > ${py(l)}, x, 0 * x)`),
  threshold: ({ threshold, value }) => kFn(`ops.where(x > ${py(threshold)}, x, 0 * x + ${py(value)})`),
  sparse_plus: () => kFn('ops.where(x <= -1, 0 * x, ops.where(x >= 1, x, ops.square(x + 1) / 4))'),
  exponential: () => named('exponential'),
  sin: () => kFn('ops.sin(x)'),
};

// The initial distribution of each layer's weights as ActLab draws them:
// { normal: sd } or { uniform: a }, and the biases' value.
function initOf(c, nin, nout) {
  const { init } = c;
  if (init === 'normal') return { normal: c.initStd, bias: 0 };
  const sd = { he_normal: 2 / nin, glorot_normal: 2 / (nin + nout), lecun_normal: 1 / nin }[init];
  const a = { he_uniform: 6 / nin, glorot_uniform: 6 / (nin + nout) }[init];
  if (sd !== undefined) return { normal: Math.sqrt(sd), bias: 0 };
  if (a !== undefined) return { uniform: Math.sqrt(a), bias: 0 };
  return init === 'uniform' ? { uniform: 0.5, bias: 0.1 } : { zeros: true, bias: 0 };
}

const KERAS_HEAD = { identity: (o) => o, sigmoid: (o) => `ops.sigmoid(${o})`, softmax: (o) => `ops.softmax(${o}, axis=-1)`,
  tanh: (o) => `ops.tanh(${o})` };
const KERAS_LOSS = { identity: 'keras.losses.MeanSquaredError()', sigmoid: 'keras.losses.BinaryCrossentropy(from_logits=True)',
  softmax: 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)', tanh: 'tanh_loss' };

function kerasLayers(plan, t) {
  const { c } = plan;
  const defs = [];
  const lines = ['model = keras.Sequential([', `    keras.Input(shape=(${c.layers[0]},)),`];
  const reg = c.l1 || c.l2 ? `, kernel_regularizer=keras.regularizers.L1L2(l1=${py(c.l1)}, l2=${py(c.l2 / 2)})` : '';
  plan.layers.forEach((L, i) => {
    const a = L.act ? KERAS_ACT[L.act.name](L.act.params ?? {}) : named('linear');
    let act = `"${a.name}"`;
    if (a.fn) {
      act = `act_${i + 1}`;
      defs.push(`def ${act}(x):`, `    """${actLabel(L.act)}${a.note ? `: ${t(a.note)}` : ''}"""`, `    return ${a.fn}`, '', '');
    }
    const init = initOf(c, L.nin, L.nout);
    const kernel = init.normal !== undefined ? `keras.initializers.RandomNormal(mean=0.0, stddev=${py(init.normal)})`
      : init.uniform !== undefined ? `keras.initializers.RandomUniform(minval=${py(-init.uniform)}, maxval=${py(init.uniform)})`
        : 'keras.initializers.Zeros()';
    const bias = init.bias ? `keras.initializers.Constant(${py(init.bias)})` : 'keras.initializers.Zeros()';
    const end = i === plan.layers.length - 1 ? `  # ${t(`logits.${c.output}`)}` : '';
    lines.push(`    layers.Dense(${L.nout}, activation=${act},`, `                 kernel_initializer=${kernel},`,
      `                 bias_initializer=${bias}${reg}),${end}`);
  });
  lines.push('])', '');
  const notes = [`# ${t('init.keras', { init: c.init })}`];
  if (reg) notes.push(`# ${t('regularizer.keras')}`);
  return [...defs, ...notes, ...lines];
}

function kerasOptimizer(plan, t) {
  const c = plan.c;
  const lines = [];
  let opt;
  if (c.optimizer === 'adam') {
    const eps = c.epsilon * Math.sqrt(1 - c.beta2);
    lines.push(`# ${t('adam.keras', { value: js(eps) })}`);
    opt = `keras.optimizers.Adam(learning_rate=${py(c.learningRate)}, beta_1=${py(c.beta1)}, beta_2=${py(c.beta2)}, epsilon=${py(eps)})`;
  } else {
    if (c.optimizer === 'momentum') lines.push(`# ${t('momentum.keras')}`);
    opt = `keras.optimizers.SGD(learning_rate=${py(c.learningRate)}${c.optimizer === 'momentum' ? `, momentum=${py(c.momentum)}` : ''})`;
  }
  if (plan.steps > 0 && c.optimizer !== 'sgd') lines.push(`# ${t('state.fresh', { steps: plan.steps })}`);
  return [...lines, `model.compile(optimizer=${opt}, loss=${KERAS_LOSS[c.output]})`];
}

function kerasCode(plan, t) {
  const c = plan.c;
  const weights = [`# ${t('weights.keras')}`, 'model.set_weights([np.array(v) for v in ['];
  plan.layers.forEach((L, i) => {
    weights.push(`    # ${t('layer', { index: i + 1, rows: L.nin, cols: L.nout, count: L.nout })}`,
      `    [${L.kernel.map((r) => numberList(r, py, 4, '     ')).join(',\n     ')}],`,
      `    ${numberList(L.bias, py, 4, '    ')},`);
  });
  weights.push(']])', '', '');
  const tanhLoss = c.output === 'tanh'
    ? ['def tanh_loss(y, out):', `    """${t('loss.tanh')}"""`, '    return 0.5 * ops.sum(ops.square(ops.tanh(out) - y), axis=-1)', '', '']
    : [];
  return [
    ...header(plan, t, 'keras', '#'), `# ${t('keras.version')}`, 'import numpy as np', 'import keras', 'from keras import layers, ops', '',
    `keras.config.set_floatx("float64")  # ${t('double')}`, '', '',
    ...pythonFeatures(plan, t, 'ops', 'axis'), '', '',
    ...kerasLayers(plan, t), ...weights,
    'def predict(points):', `    """${t.join(t(`predict.${c.output}`), t('returns.keras'))}"""`,
    `    return ops.convert_to_numpy(${KERAS_HEAD[c.output]('model(features(points))')})`, '', '',
    ...tanhLoss,
    `# ${t.join(t(`loss.${c.output}`), t('labels', { labels: labelText(plan, t) }))}`,
    ...kerasOptimizer(plan, t), '',
    `# ${t('train.keras', { batch: c.batchSize })}`,
  ];
}

// ---- TF.js ----------------------------------------------------------------------------

// Built-in activations of TF.js layers with ActLab's definition.
const TFJS_BUILTIN = {
  identity: () => 'linear', sigmoid: () => 'sigmoid', tanh: () => 'tanh', relu: () => 'relu', selu: () => 'selu',
  softsign: () => 'softsign', relu6: () => 'relu6', hard_sigmoid_keras2: () => 'hardSigmoid',
  elu: ({ alpha }) => (alpha === 1 ? 'elu' : null), softplus: ({ beta }) => (beta === 1 ? 'softplus' : null),
};
// The others, every one of the catalog, as (x, p) => tensor with p the
// parameters. The exported module carries the whole table, so that any
// export's ActLabActivation layer can load any other's saved model.
// Conditions use greaterEqual only: TF.js 4 has no gradient for greater, less
// or lessEqual (model.fit stops with "gradient function not found").
const TFJS_FORMULAS = {
  step: 'x.greaterEqual(0).cast(x.dtype).add(x.mul(0))',
  leaky_relu: 'tf.where(x.greaterEqual(0), x, x.mul(p.alpha))',
  prelu: 'tf.where(x.greaterEqual(0), x, x.mul(p.alpha))',
  elu: 'tf.where(tf.greaterEqual(0, x), tf.expm1(x.minimum(0)).mul(p.alpha), x)',
  celu: 'tf.where(x.greaterEqual(0), x, tf.expm1(x.minimum(0).div(p.alpha)).mul(p.alpha))',
  gelu: 'x.mul(tf.erf(x.mul(Math.SQRT1_2)).add(1)).mul(0.5)',
  gelu_tanh: 'x.mul(tf.tanh(x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI))).add(1)).mul(0.5)',
  silu: 'x.mul(tf.sigmoid(x))',
  swish: 'x.mul(tf.sigmoid(x.mul(p.beta)))',
  mish: 'x.mul(tf.tanh(tf.softplus(x)))',
  softplus: 'tf.softplus(x.mul(p.beta)).div(p.beta)',
  squareplus: 'squareplus(x, p.b)',
  hard_sigmoid: 'x.add(3).clipByValue(0, 6).div(6)',
  sparse_sigmoid: 'x.add(1).div(2).clipByValue(0, 1)',
  hard_tanh: 'x.clipByValue(-1, 1)',
  hard_swish: 'x.mul(x.add(3).clipByValue(0, 6)).div(6)',
  log_sigmoid: 'tf.logSigmoid(x)',
  tanh_shrink: 'x.sub(tf.tanh(x))',
  soft_shrink: 'tf.where(tf.greaterEqual(p.lambda, x), tf.where(x.greaterEqual(-p.lambda), tf.zerosLike(x), x.add(p.lambda)), x.sub(p.lambda))',
  hard_shrink: 'tf.where(tf.greaterEqual(p.lambda, x.abs()), tf.zerosLike(x), x)',
  threshold: 'tf.where(tf.greaterEqual(p.threshold, x), tf.zerosLike(x).add(p.value), x)',
  sparse_plus: 'tf.where(tf.greaterEqual(-1, x), tf.zerosLike(x), tf.where(x.greaterEqual(1), x, x.add(1).square().div(4)))',
  exponential: 'tf.exp(x)',
  sin: 'tf.sin(x)',
};

const TFJS_HEAD = { identity: null, sigmoid: 'tf.sigmoid', softmax: 'tf.softmax', tanh: 'tf.tanh' };

// The built-in name of a hidden layer's activation, or null for ActLabActivation.
const tfjsBuiltin = (act) => TFJS_BUILTIN[act.name]?.(act.params ?? {}) ?? null;

function tfjsFeatures(plan, t) {
  const width = plan.c.layers[0];
  const lines = [`/** ${t.join(featureNote(plan, t), t('points.tfjs'))} */`, 'export function features(points) {', '  return tf.tidy(() => {',
    `    const p = (points instanceof tf.Tensor ? points : tf.tensor(points)).cast('float32').reshape([-1, ${plan.features ? 2 : width}]);`];
  if (!plan.features) return [...lines, '    return p;', '  });', '}'];
  const term = (f) => {
    const sin = /^sin\((x[12])\)$/.exec(f);
    if (sin) return `tf.sin(${sin[1]})`;
    const [a, b] = f.split(' * ');
    return b ? `${a}.mul(${b})` : a;
  };
  return [...lines, '    const x1 = p.slice([0, 0], [-1, 1]);', '    const x2 = p.slice([0, 1], [-1, 1]);',
    `    return tf.concat([${plan.features.map((f) => term(f.formula)).join(', ')}], 1);`, '  });', '}'];
}

function tfjsActivations(plan, t) {
  if (plan.layers.every((L) => !L.act || tfjsBuiltin(L.act))) return [];
  return [
    `// ${t('squareplus')}`, 'function squareplus(x, b) {', '  if (b === 0) return x.add(x.abs()).div(2);',
    '  const pos = x.maximum(0);', '  const neg = x.minimum(0);',
    '  return tf.where(x.greaterEqual(0), pos.add(pos.square().add(b).sqrt()).div(2),',
    '    tf.scalar(b / 4).div(neg.square().add(b).sqrt().sub(neg).div(2)));', '}', '',
    `// ${t('fn.tfjs')}`, 'const FORMULAS = {',
    ...Object.entries(TFJS_FORMULAS).map(([name, body]) => `  ${name}: (x, p) => ${body},`),
    '};', '', 'class ActLabActivation extends tf.layers.Layer {', "  static className = 'ActLabActivation';", '',
    '  constructor(config) {', '    super(config);', '    this.activation = config.activation;', '    this.params = config.params ?? {};', '  }', '',
    '  call(inputs) {', '    return tf.tidy(() => FORMULAS[this.activation](Array.isArray(inputs) ? inputs[0] : inputs, this.params));', '  }', '',
    '  getConfig() {', '    return { ...super.getConfig(), activation: this.activation, params: this.params };', '  }', '}',
    `// ${t('register.tfjs')}`, 'tf.serialization.registerClass(ActLabActivation);', '',
  ];
}

function tfjsModel(plan, t) {
  const { c } = plan;
  const reg = c.l1 || c.l2 ? `, kernelRegularizer: tf.regularizers.l1l2({ l1: ${js(c.l1)}, l2: ${js(c.l2 / 2)} })` : '';
  const lines = [`// ${t('init.keras', { init: c.init })}`];
  if (reg) lines.push(`// ${t('regularizer.tfjs')}`);
  lines.push('export const model = tf.sequential();');
  plan.layers.forEach((L, i) => {
    const name = L.act ? tfjsBuiltin(L.act) : 'linear';
    const init = initOf(c, L.nin, L.nout);
    const kernel = init.normal !== undefined ? `tf.initializers.randomNormal({ mean: 0, stddev: ${js(init.normal)} })`
      : init.uniform !== undefined ? `tf.initializers.randomUniform({ minval: ${js(-init.uniform)}, maxval: ${js(init.uniform)} })`
        : "'zeros'";
    const bias = init.bias ? `tf.initializers.constant({ value: ${js(init.bias)} })` : "'zeros'";
    const input = i === 0 ? `inputShape: [${L.nin}], ` : '';
    const end = i === plan.layers.length - 1 ? `  // ${t(`logits.${c.output}`)}` : '';
    lines.push(`model.add(tf.layers.dense({ ${input}units: ${L.nout}, activation: '${name ?? 'linear'}',`,
      `  kernelInitializer: ${kernel}, biasInitializer: ${bias}${reg} }));${end}`);
    if (!name) {
      const note = L.act.name === 'prelu' ? `  // ${t('prelu')}` : '';
      lines.push(`model.add(new ActLabActivation({ activation: '${L.act.name}', params: ${JSON.stringify(L.act.params ?? {})} }));${note}`);
    }
  });
  lines.push('', `// ${t('weights.tfjs')}`, 'model.setWeights(tf.tidy(() => [');
  plan.layers.forEach((L, i) => {
    lines.push(`  // ${t('layer', { index: i + 1, rows: L.nin, cols: L.nout, count: L.nout })}`,
      `  tf.tensor2d([${L.kernel.map((r) => numberList(r, js, 4, '    ')).join(',\n    ')}]),`,
      `  tf.tensor1d(${numberList(L.bias, js, 4, '   ')}),`);
  });
  lines.push(']));', '');
  return lines;
}

function tfjsCompile(plan, t) {
  const c = plan.c;
  const k = plan.layers.at(-1).nout;
  const loss = {
    identity: "'meanSquaredError'",
    sigmoid: '(y, out) => tf.losses.sigmoidCrossEntropy(y, out)',
    softmax: '(y, out) => tf.losses.softmaxCrossEntropy(y, out)',
    tanh: '(y, out) => tf.tanh(out).sub(y).square().sum(-1).mul(0.5).mean()',
  }[c.output];
  const lines = [];
  let opt;
  if (c.optimizer === 'adam') {
    lines.push(`// ${t('adam.tfjs')}`);
    opt = `tf.train.adam(${js(c.learningRate)}, ${js(c.beta1)}, ${js(c.beta2)}, ${js(c.epsilon)})`;
  } else if (c.optimizer === 'momentum') {
    lines.push(`// ${t('momentum.tfjs')}`);
    opt = `tf.train.momentum(${js(c.learningRate)}, ${js(c.momentum)})`;
  } else {
    opt = `tf.train.sgd(${js(c.learningRate)})`;
  }
  const labels = c.output === 'softmax' ? t('labels.onehot', { count: k }) : labelText(plan, t);
  return [`// ${t.join(t(`loss.${c.output}`), t('labels', { labels }))}`, ...lines,
    `model.compile({ optimizer: ${opt}, loss: ${loss} });`, '', ...tfjsState(plan, t)];
}

// ActLab's optimiser state given to TF.js's optimiser (its public setWeights:
// the step count, then one tensor per weight in model.getWeights() order;
// Adam: first moments, then second moments; momentum: v / -lr).
function tfjsState(plan, t) {
  const c = plan.c;
  if (!(plan.steps > 0 && c.optimizer !== 'sgd')) return [];
  const s = plan.state;
  const adam = c.optimizer === 'adam';
  const lines = [`// ${t(adam ? 'state.adam' : 'state.momentum.tfjs', { steps: plan.steps })}`,
    `const STEPS = ${plan.steps};`, `const ${adam ? 'EXP_AVG' : 'VELOCITY'} = ${numberList(s.m, js, 4, adam ? '                ' : '                 ')};`];
  if (adam) lines.push(`const EXP_AVG_SQ = ${numberList(s.v, js, 4, '                   ')};`);
  lines.push('// ActLab keeps each layer\'s weights as (outputs, inputs); TF.js as [inputs, outputs].',
    'const asWeights = (flat, scale = 1) => tf.tidy(() => {', '  let offset = 0;', '  return model.getWeights().map((w) => {',
    '    const part = flat.slice(offset, offset + w.size);', '    offset += w.size;',
    '    const t = w.shape.length === 2 ? tf.tensor2d(part, [w.shape[1], w.shape[0]]).transpose() : tf.tensor1d(part);',
    '    return t.mul(scale);', '  });', '});');
  const moments = adam ? '...asWeights(EXP_AVG), ...asWeights(EXP_AVG_SQ)' : `...asWeights(VELOCITY, ${js(-1 / c.learningRate)})`;
  lines.push(`const state = [tf.scalar(STEPS, 'int32'), ${moments}];`,
    'await model.optimizer.setWeights(state.map((tensor, i) => ({ name: `actlab_${i}`, tensor })));', 'tf.dispose(state);', '');
  return lines;
}

function tfjsCode(plan, t) {
  const c = plan.c;
  const head = TFJS_HEAD[c.output];
  return [
    ...header(plan, t, 'tfjs', '//'), `// ${t('float32')}`, "import * as tf from '@tensorflow/tfjs';", '',
    ...tfjsFeatures(plan, t), '', ...tfjsActivations(plan, t), ...tfjsModel(plan, t), ...tfjsCompile(plan, t), '',
    `/** ${t.join(t(`predict.${c.output}`), t('returns.tfjs'))} */`, 'export function predict(points) {',
    `  return tf.tidy(() => ${head ? `${head}(model.predict(features(points)))` : 'model.predict(features(points))'});`, '}', '',
    `// ${t(c.output === 'softmax' ? 'train.tfjs.softmax' : 'train.tfjs', { batch: c.batchSize, count: plan.layers.at(-1).nout })}`,
  ];
}

// ---- f′ by automatic differentiation ---------------------------------------------

// A comment as lines of at most `width` columns (a Chinese character counts
// two), each starting with `# `.
const WIDE = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
function comment(text, width = 96) {
  const tokens = text.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]|[^\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+\s*|\s+/g);
  const cols = (s) => [...s].reduce((n, c) => n + (WIDE.test(c) ? 2 : 1), 0);
  const lines = [''];
  for (const tok of tokens) {
    const last = lines.length - 1;
    if (lines[last] && cols(lines[last]) + cols(tok.trimEnd()) > width - 2) lines.push(tok.trimStart());
    else lines[last] += tok;
  }
  return lines.map((l) => `# ${l.trimEnd()}`);
}

// "silu" or "leaky_relu (alpha = 0.1)": the function as the comments name it.
const withParams = (name, params) => {
  const list = Object.entries(params).map(([k, v]) => `${k} = ${py(v)}`);
  return list.length ? `${name} (${list.join(', ')})` : name;
};

// Where PyTorch's autograd takes another slope than ActLab at a corner
// (both are valid one-sided slopes there; js-tests/autograd.test.mjs checks
// PyTorch gives these).
const TORCH_CORNERS = { hard_sigmoid: 'corner.hard_sigmoid', sparse_sigmoid: 'corner.sparse_sigmoid', hard_swish: 'corner.hard_swish' };

function torchDerivative(name, params, xs, t) {
  const act = TORCH_ACT[name](params);
  const lines = [...comment(t('grad.head.pytorch', { fn: withParams(name, params) })), ...comment(t('grad.print')),
    ...(act.helper ? ['import math', ''] : []), 'import torch', ...(act.module ? ['from torch import nn'] : []), '', ''];
  if (act.helper) lines.push(...torchSquareplus(t));
  if (act.note) lines.push(...comment(t(act.note)));
  if (TORCH_CORNERS[name]) lines.push(...comment(t(TORCH_CORNERS[name])));
  if (act.module) lines.push(`f = ${act.module}`);
  else lines.push('def f(x):', `    return ${act.fn}`, '');
  lines.push('', `x = torch.tensor(${numberList(xs, py, 6, '                 ')},`, '                 dtype=torch.float64, requires_grad=True)',
    'y = f(x)', ...comment(t('grad.sum')), '(dy,) = torch.autograd.grad(y.sum(), x)', '',
    'print("x", "f(x)", "f\'(x)")', 'for row in zip(x.tolist(), y.tolist(), dy.tolist()):', '    print(*row)');
  return lines;
}

function tensorflowDerivative(name, params, xs, t) {
  const act = KERAS_ACT[name](params);
  const lines = [...comment(t('grad.head.tensorflow', { fn: withParams(name, params) })), ...comment(t('grad.print')),
    'import keras', 'import tensorflow as tf', ...(act.name ? [] : ['from keras import ops']), '', ''];
  if (act.note) lines.push(...comment(t(act.note)));
  lines.push('def f(x):', `    return ${act.name ? `keras.activations.${act.name}(x)` : act.fn}`, '', '',
    `x = tf.constant(${numberList(xs, py, 6, '                ')},`, '                dtype=tf.float64)',
    'with tf.GradientTape() as tape:', `    tape.watch(x)  # ${t('grad.watch')}`, '    y = f(x)',
    ...comment(t('grad.sum')), 'dy = tape.gradient(y, x)', '',
    'print("x", "f(x)", "f\'(x)")', 'for row in zip(x.numpy().tolist(), y.numpy().tolist(), dy.numpy().tolist()):', '    print(*row)');
  return lines;
}

/**
 * Checks derivativeCode's options (already copied by checkOptions) other than
 * params: framework (default 'pytorch'), language (default 'en'), xs
 * (default 13 points from -6 to 6; finite, 1 to MAX_DERIVATIVE_POINTS).
 */
export function derivativeArgs(fn, o) {
  const framework = oneOf(fn, 'framework', o.framework ?? 'pytorch', DERIVATIVE_FRAMEWORKS);
  const language = oneOf(fn, 'language', o.language ?? 'en', EXPORT_LANGUAGES);
  const xs = o.xs === undefined ? Array.from({ length: 13 }, (_, i) => i - 6) : Array.from(readNumbers(fn, 'xs', o.xs));
  if (xs.length > MAX_DERIVATIVE_POINTS) {
    throw new ActLabError('invalid_param', `${fn}: xs has ${xs.length} points; code is written for at most ${MAX_DERIVATIVE_POINTS}`,
      { param: 'xs', value: xs.length, limit: MAX_DERIVATIVE_POINTS });
  }
  const bad = xs.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) {
    throw new ActLabError('invalid_param', `${fn}: xs[${bad}] is ${xs[bad]}; every x must be a finite number`,
      { param: 'xs', index: bad, value: xs[bad] });
  }
  return { framework, language, xs };
}

/**
 * Python that computes f and f′ of one activation at the points xs by
 * automatic differentiation (PyTorch's torch.autograd or TensorFlow's
 * GradientTape), in double precision, and prints x, f(x), f′(x) per line.
 * name: a catalog name; params: its full parameters by name (checked);
 * xs: finite numbers; comments in `language`.
 * @returns {string}
 */
export function writeDerivativeCode(name, params, framework, xs, language) {
  const write = framework === 'pytorch' ? torchDerivative : tensorflowDerivative;
  return `${write(name, params, xs, translator(language)).join('\n')}\n`;
}

// ---- the entry point ---------------------------------------------------------------

const WRITERS = { pytorch: torchCode, keras: kerasCode, tfjs: tfjsCode };

/**
 * Checks exportCode's arguments: framework one of EXPORT_FRAMEWORKS, options
 * {language: 'en' | 'zh'}. Returns {framework, language}.
 */
export function exportArgs(fn, framework, options) {
  const checked = oneOf(fn, 'framework', framework, EXPORT_FRAMEWORKS);
  const o = checkOptions(fn, options, ['language']);
  return { framework: checked, language: oneOf(fn, 'language', o.language ?? 'en', EXPORT_LANGUAGES) };
}

// value if allowed has it, else invalid_param naming the choices (and the nearest one).
function oneOf(fn, param, value, allowed) {
  if (typeof value === 'string' && allowed.includes(value)) return value;
  const guess = typeof value === 'string' ? closest(value, allowed) : null;
  throw new ActLabError('invalid_param', `${fn}: ${param} must be one of ${allowed.join(', ')}; got ${describe(value)}` +
    (guess ? ` (did you mean ${guess}?)` : ''), { param, value, allowed, suggestion: guess });
}

/**
 * The code of a network (its toJSON(), already checked) in one framework,
 * comments in one language. formulas: lab.networkOptions.formulas.
 * @returns {string}
 */
export function writeExport(json, framework, language, formulas) {
  const plan = readPlan(json, formulas);
  return `${WRITERS[framework](plan, translator(language)).join('\n')}\n`;
}
