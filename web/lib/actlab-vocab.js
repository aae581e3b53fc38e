// actlab-vocab.js - the network engine's vocabulary and limits, read from
// the core's tables at load: the names createNetwork accepts, the limits,
// the byte layout of its config. Every module has these tables, the
// activation-only one too, so a page checks a link's network settings
// before the engine itself has loaded (actlab-config.js checks configs).

// al_vocab tables and al_limit values (src/actlab.h), in enum order.
const TABLES = ['output', 'loss', 'init', 'optimizer', 'features', 'formulas'];
const LIMITS = ['hiddenLayers', 'width', 'inputs', 'outputs', 'batchSize', 'trainBytes', 'learningRate'];
// Field order of al_wasm_config_layout().
const LAYOUT_FIELDS = ['size', 'n_layers', 'sizes', 'hidden_kind', 'hidden_params', 'features', 'head',
  'init', 'optimizer', 'learning_rate', 'momentum', 'beta1', 'beta2', 'epsilon', 'l1', 'l2',
  'batch_size', 'seed', 'init_std'];

// The keys setTrainingOptions takes: what can change without starting again.
export const TRAINING_KEYS = ['learningRate', 'batchSize', 'l1', 'l2', 'momentum', 'beta1', 'beta2', 'epsilon',
  'optimizer'];

/** The engine's vocabulary and limits, read from its tables (once per loaded module). */
export function readVocabulary(core) {
  const c = core.c;
  const table = (t) => Array.from({ length: c.al_vocab_count(t) }, (_, i) => core.string(c.al_vocab_name(t, i)));
  const names = Object.fromEntries(TABLES.map((name, t) => [name, Object.freeze(table(t))]));
  const formulas = Object.freeze(Object.fromEntries(names.features.map((f, i) => [f, names.formulas[i]])));
  const limits = Object.freeze(Object.fromEntries(LIMITS.map((name, i) => [name, c.al_net_limit(i)])));
  const labelRules = Object.freeze(Object.fromEntries(names.output.map((o, h) => [o, core.string(c.al_head_label_rule(h))])));
  const layout = core.withBytes([4 * LAYOUT_FIELDS.length], ([p]) => {
    const n = c.al_wasm_config_layout(p);
    const values = core.u32(p, n);
    return Object.freeze(Object.fromEntries(LAYOUT_FIELDS.map((f, i) => [f, values[i]])));
  });
  return Object.freeze({
    output: names.output, loss: names.loss, init: names.init, optimizer: names.optimizer,
    features: names.features, formulas, limits, labelRules, layout,
  });
}

/** lab.networkOptions: the names and limits (plus the older plural names, not enumerable). */
export function networkOptions(vocab) {
  const options = {
    output: vocab.output, loss: vocab.loss, init: vocab.init, optimizer: vocab.optimizer,
    features: vocab.features, formulas: vocab.formulas, limits: vocab.limits, trainingKeys: Object.freeze([...TRAINING_KEYS]),
  };
  for (const [old, now] of [['outputs', 'output'], ['losses', 'loss'], ['initializers', 'init'], ['optimizers', 'optimizer']]) {
    Object.defineProperty(options, old, { value: vocab[now], enumerable: false });
  }
  return Object.freeze(options);
}

