// actlab-config.js - a network's config between JavaScript and the C engine:
// the engine's vocabulary and limits read from its tables, createNetwork's
// config checked for types and names here and for every value rule by C
// (al_net_config_check), and C's answer turned into an error naming the key.
// Only web/lib/actlab-network.js imports it. (The vocabulary itself, which
// every module has, is read in actlab-vocab.js.)

import { ActLabError, describe, isPlainObject, seedValue, closest, quote } from './actlab-base.js';
import { TRAINING_KEYS } from './actlab-vocab.js';

export { TRAINING_KEYS };

const AL_MAX_PARAMS = 2;

const CONFIG_KEYS = ['layers', 'activation', 'output', 'loss', 'init', 'optimizer', 'learningRate',
  'batchSize', 'l1', 'l2', 'seed', 'features', 'momentum', 'beta1', 'beta2', 'epsilon', 'initStd'];
// Number keys and their C fields (doubles); batchSize is the one int.
export const NUMBER_FIELDS = { learningRate: 'learning_rate', momentum: 'momentum', beta1: 'beta1', beta2: 'beta2',
  epsilon: 'epsilon', l1: 'l1', l2: 'l2', initStd: 'init_std' };

export function configError(fn, key, message, details = {}) {
  return new ActLabError('invalid_config', `${fn}: ${key} ${message}`, { key, ...details });
}

// A name from a list, or an invalid_config error with the list and a guess.
export function choice(fn, key, value, allowed, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    const guess = typeof value === 'string' ? closest(value, allowed) : null;
    throw configError(fn, key, `must be one of ${allowed.join(', ')}; got ${describe(value)}` +
      (guess ? ` (did you mean ${guess}?)` : ''), { value, allowed, suggestion: guess });
  }
  return value;
}

export const isInt32 = (v) => Number.isInteger(v) && Math.abs(v) < 2 ** 31;

// ---- the C config struct ------------------------------------------------------------

// Writes and reads the fields of one al_net_config at cp, by the offsets C reported.
export function configView(core, layout, cp) {
  const view = () => new DataView(core.c.memory.buffer);
  return {
    put32: (field, v, i = 0) => view().setInt32(cp + layout[field] + 4 * i, v, true),
    get32: (field, i = 0) => view().getInt32(cp + layout[field] + 4 * i, true),
    putF: (field, v) => view().setFloat64(cp + layout[field], v, true),
    getF: (field) => view().getFloat64(cp + layout[field], true),
    putParam: (layer, j, v) => view().setFloat64(cp + layout.hidden_params + 8 * (AL_MAX_PARAMS * layer + j), v, true),
    putSeed: (v) => view().setBigUint64(cp + layout.seed, v, true),
  };
}

// Runs C's check on the struct at cp; a problem becomes an error naming the
// key (with its index and role for layers) and what the value must be.
export function checkStruct(fn, core, cp, given, check = (pp) => core.c.al_net_config_check(cp, pp)) {
  core.withBytes([16], ([pp]) => {
    const st = check(pp);
    if (st === 0) return;
    const [fieldPtr, keyPtr, rulePtr] = core.u32(pp, 3);
    const index = core.i32(pp + 12, 1)[0];
    if (!keyPtr) core.check(st, fn);
    const key = core.string(keyPtr);
    const rule = core.string(rulePtr);
    let where = key;
    let value = given[key];
    if (key === 'layers' && index >= 0 && Array.isArray(given.layers)) {
      const last = given.layers.length - 1;
      const role = index === 0 ? 'the input size' : index === last ? 'the output size' : `hidden layer ${index}`;
      where = `layers[${index}] (${role})`;
      value = given.layers[index];
    } else if (key === 'activation' && index >= 0 && Array.isArray(given.activation)) {
      where = `activation[${index}]`;
      value = given.activation[index];
    }
    const extra = key === 'layers' && index === 0 && given.featureCount ? ` (${given.featureCount})` : '';
    const shown = key === 'layers' && index < 0 && Array.isArray(value) ? `an array of length ${value.length}` : describe(value);
    throw configError(fn, where, `must be ${rule}${extra}, got ${shown}`,
      { key, index, rule, value, field: core.string(fieldPtr) });
  });
}

// ---- createNetwork's config ------------------------------------------------------------

/**
 * Validates a createNetwork config and returns it normalised (every key
 * present, activations resolved) with a function that writes the C struct.
 * `resolve(fn, name, params)` looks up an activation and its parameters
 * (throwing if unknown). Names are checked here; every value rule by C.
 */
export function normaliseConfig(fn, config, { core, vocab, resolve }) {
  if (!isPlainObject(config)) {
    throw new TypeError(`${fn}: config must be a plain object like {layers: [2, 8, 1]}, got ${describe(config)}`);
  }
  const given = {};
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.includes(key)) {
      const guess = closest(key, CONFIG_KEYS);
      throw configError(fn, quote(key), 'is not a config key' + (guess ? ` (did you mean ${guess}?)` : '') +
        `; the keys are ${CONFIG_KEYS.join(', ')}`, { key, allowed: CONFIG_KEYS, suggestion: guess });
    }
    given[key] = config[key];
  }
  // Arrays are read once into copies: what C checks is what we keep.
  const layers = Array.isArray(given.layers) ? Array.from(given.layers) : given.layers;
  given.layers = layers;
  const cap = vocab.limits.hiddenLayers + 2;
  const sizes = Array.isArray(layers) ? layers : [];
  const hidden = Math.max(sizes.length - 2, 0);
  if (!Array.isArray(layers) || layers.length < 2 || layers.length > cap) {
    // The layers first (C's rule and message): the other keys' checks count on them.
    core.withBytes([vocab.layout.size], ([cp]) => {
      core.c.al_net_config_default(cp);
      configView(core, vocab.layout, cp).put32('n_layers', Array.isArray(layers) ? layers.length : 0);
      checkStruct(fn, core, cp, given);
    });
  }
  const features = readFeatures(fn, given, sizes, vocab);
  given.featureCount = features ? features.length : 0;
  const activation = readActivations(fn, given, Math.min(hidden, vocab.limits.hiddenLayers), resolve);
  const outputs = vocab.output;
  let output = choice(fn, 'output', given.output, outputs, undefined);
  const loss = choice(fn, 'loss', given.loss, vocab.loss, undefined);
  if (output === undefined) {
    output = loss !== undefined ? outputs[vocab.loss.indexOf(loss)] : sizes[sizes.length - 1] === 1 ? 'sigmoid' : 'softmax';
  }
  const head = outputs.indexOf(output);
  if (loss !== undefined && vocab.loss.indexOf(loss) !== head) {
    const pairs = outputs.map((o, h) => `${o} + ${vocab.loss[h]}`).join(', ');
    throw configError(fn, 'loss', `${loss} does not go with output ${output}; the pairs are ${pairs}`,
      { value: loss, output, allowed: pairs });
  }
  const initName = choice(fn, 'init', given.init, vocab.init, undefined);
  const optimizer = choice(fn, 'optimizer', given.optimizer, vocab.optimizer, 'sgd');
  const seed = seedValue(given.seed, (m) => configError(fn, 'seed', m, { value: given.seed }));
  const numbers = {};
  for (const key of Object.keys(NUMBER_FIELDS)) numbers[key] = given[key];
  const batchSize = given.batchSize === undefined ? 10 : given.batchSize;

  const write = (cp) => {
    const s = configView(core, vocab.layout, cp);
    core.c.al_net_config_default(cp);
    s.put32('n_layers', Array.isArray(layers) ? layers.length : 0);
    if (Array.isArray(layers) && layers.length <= cap) layers.forEach((v, i) => s.put32('sizes', isInt32(v) ? v : -1, i));
    activation.forEach((a, i) => {
      s.put32('hidden_kind', a.kind, i);
      a.values.forEach((v, j) => s.putParam(i, j, v));
    });
    s.put32('features', features ? features.reduce((m, f) => m | (1 << vocab.features.indexOf(f)), 0) : 0);
    s.put32('head', head);
    s.put32('init', initName === undefined ? core.c.al_net_suggested_init(cp) : vocab.init.indexOf(initName));
    s.put32('optimizer', vocab.optimizer.indexOf(optimizer));
    for (const [key, field] of Object.entries(NUMBER_FIELDS)) {
      const v = numbers[key];
      if (v !== undefined) s.putF(field, typeof v === 'number' ? v : NaN);
    }
    if (numbers.learningRate === undefined) {
      s.putF('learning_rate', core.c.al_net_default_learning_rate(vocab.optimizer.indexOf(optimizer)));
    }
    s.put32('batch_size', isInt32(batchSize) ? batchSize : -1);
    s.putSeed(seed);
    return s;
  };

  // Let C check the values, then read back what it will build.
  const normal = core.withBytes([vocab.layout.size], ([cp]) => {
    const s = write(cp);
    checkStruct(fn, core, cp, given);
    const read = {};
    for (const [key, field] of Object.entries(NUMBER_FIELDS)) read[key] = s.getF(field);
    return {
      layers: [...layers],
      activation: activation.map((a) => ({ name: a.name,
        params: Object.fromEntries(a.entry.params.map((p, i) => [p.name, a.values[i]])) })),
      output, loss: vocab.loss[head], init: vocab.init[s.get32('init')], initStd: read.initStd, optimizer,
      learningRate: read.learningRate, batchSize: s.get32('batch_size'), l1: read.l1, l2: read.l2,
      seed: seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seed) : seed,
      features, momentum: read.momentum, beta1: read.beta1, beta2: read.beta2, epsilon: read.epsilon,
    };
  });
  return { normal, write };
}

// The feature names (in the engine's order), ['x1', 'x2'] for plain 2-D
// points, or null for raw inputs.
function readFeatures(fn, given, sizes, vocab) {
  const f = given.features;
  if (f === undefined || f === null) return sizes[0] === 2 ? ['x1', 'x2'] : null;
  const list = Array.isArray(f) ? Array.from(f) : null;
  if (!list || list.length === 0) {
    throw configError(fn, 'features', `must be a non-empty array of names from ${vocab.features.join(', ')}; ` +
      `got ${describe(f)}`, { value: f, allowed: vocab.features });
  }
  for (const name of list) choice(fn, 'features', name, vocab.features);
  if (new Set(list).size !== list.length) {
    const twice = list.find((name, i) => list.indexOf(name) !== i);
    throw configError(fn, 'features', `lists ${twice} twice`, { value: twice });
  }
  return vocab.features.filter((name) => list.includes(name));
}

// One resolved activation per hidden layer: [{kind, name, values, entry}].
function readActivations(fn, given, hidden, resolve) {
  let spec = given.activation === undefined ? 'tanh' : given.activation;
  const perLayer = Array.isArray(spec);
  if (perLayer) {
    spec = Array.from(spec);
    given.activation = spec;
    if (spec.length !== hidden) {
      throw configError(fn, 'activation', `has ${spec.length} entries but layers has ${hidden} hidden ` +
        'layer(s); give one name for all or one per hidden layer', { value: spec.length, expected: hidden });
    }
  } else {
    // Checked even without hidden layers ({layers: [2, 1], activation: 'nope'} is refused too).
    spec = Array(Math.max(hidden, 1)).fill(spec);
  }
  const resolved = spec.map((entry, i) => {
    const at = `${fn}: activation${perLayer ? `[${i}]` : ''}`;
    let name = entry;
    let params;
    if (isPlainObject(entry)) {
      const keys = Object.keys(entry);
      const extra = keys.filter((k) => k !== 'name' && k !== 'params');
      if (extra.length) {
        throw configError(fn, 'activation', `entries are a name or {name, params}; unexpected key ${extra[0]}`,
          { value: extra[0] });
      }
      name = entry.name;
      params = entry.params;
    } else if (typeof entry !== 'string') {
      throw configError(fn, 'activation', 'must be an activation name, {name, params} or an array of ' +
        `those; got ${describe(entry)}`, { value: entry });
    }
    try {
      return resolve(at, name, params);
    } catch (err) {
      if (err instanceof ActLabError) err.details.key = 'activation';
      throw err;
    }
  });
  return resolved.slice(0, hidden);
}

export function freezeConfig(c) {
  return Object.freeze({
    ...c,
    layers: Object.freeze([...c.layers]),
    features: c.features && Object.freeze([...c.features]),
    activation: Object.freeze(c.activation.map((a) => Object.freeze({ name: a.name, params: Object.freeze({ ...a.params }) }))),
  });
}
