// actlab.js - the JavaScript API over the ActLab Wasm core.
//
// The same files load unchanged in a browser page (<script type="module">),
// in plain Node and in Jest: the module is a standalone Wasm reactor with one
// import, so no Emscripten glue is needed. This file loads the core and
// holds the activation, softmax and dataset functions; networks live in
// actlab-network.js (their configs in actlab-config.js), bound data in
// actlab-data.js, the shared heap helpers in actlab-base.js. Only these
// files touch the Wasm heap: every call copies its inputs
// in, calls C, copies the results out into JS-owned arrays and frees in
// `finally`; heap views are re-created after every allocation because memory
// growth detaches them.

import {
  ActLabError, Core, MAX_LENGTH, describe, isPlainObject, readNumbers, checkOptions, numberOption, integerOption,
  booleanOption, seedOption, findName, closest, quote,
} from './actlab-base.js';
import { Network, MAX_TRAIN_BYTES, createNetwork, networkFromJSON, BoundData, bindData } from './actlab-engine.js';
import { readVocabulary, networkOptions } from './actlab-vocab.js';
import { exportArgs, derivativeArgs, writeDerivativeCode, EXPORT_FRAMEWORKS, EXPORT_LANGUAGES, DERIVATIVE_FRAMEWORKS,
  MAX_DERIVATIVE_POINTS } from './actlab-export.js';
import * as digitsSource from './actlab-digits.js';
import { parseCSV, CSV_LIMITS, CSV_REASONS } from './actlab-csv.js';

export { ActLabError, MAX_LENGTH, Network, BoundData, MAX_TRAIN_BYTES, EXPORT_FRAMEWORKS, EXPORT_LANGUAGES, DERIVATIVE_FRAMEWORKS,
  MAX_DERIVATIVE_POINTS, parseCSV, CSV_LIMITS, CSV_REASONS };

// Two builds of the same core: baseline Wasm, and Wasm SIMD (faster
// training and grids, same results bit for bit). loadActLab picks the SIMD
// file when the engine validates SIMD code. A third, much smaller module has
// everything but the network engine (core: 'activations'): the activations,
// the softmax family, the datasets and the engine's names and limits.
const WASM_FILE = 'actlab_core.wasm';
const WASM_SIMD_FILE = 'actlab_core_simd.wasm';
const WASM_ACTIVATIONS_FILE = 'actlab_activations.wasm';
const CORES = ['full', 'activations'];
const LOAD_OPTIONS = ['wasmUrl', 'wasmBinary', 'simd', 'core'];
// What every ActLab module exports (a module without one of these is not
// ActLab's), and what only the full core adds.
const ACTIVATION_EXPORTS = ['memory', 'malloc', 'free', '_initialize', 'al_status_message', 'al_status_code', 'al_kind_count',
  'al_kind_name', 'al_kind_param_count', 'al_kind_param_name', 'al_kind_param_default', 'al_kind_param_rule',
  'al_kind_param_ok', 'al_param_rule_text', 'al_forward', 'al_derivative', 'al_param_derivative', 'al_softmax',
  'al_log_softmax', 'al_softmax_jacobian', 'al_sparsemax', 'al_argmax', 'al_cross_entropy', 'al_binary_cross_entropy',
  'al_dataset_count', 'al_dataset_name', 'al_dataset_classes', 'al_dataset_generate', 'al_permutation', 'al_vocab_count',
  'al_vocab_name', 'al_net_limit', 'al_head_label_rule', 'al_wasm_config_layout', 'al_wasm_heap_in_use', 'al_wasm_simd'];
const ENGINE_EXPORTS = ['al_net_create', 'al_net_free', 'al_net_train', 'al_net_config_default', 'al_net_config_check',
  'al_data_create', 'al_data_free'];

// The smallest module that uses a SIMD instruction: a function () -> v128
// whose body is i32.const 0, i8x16.splat. Engines without SIMD reject it.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, //       types: () -> v128
  0x03, 0x02, 0x01, 0x00, //                         one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, //                   code: one body, 6 bytes, no locals
  0x41, 0x00, 0xfd, 0x0f, 0x0b, //                   i32.const 0; i8x16.splat; end
]);

/** Whether this JavaScript engine runs WebAssembly SIMD (128-bit) code. */
export function wasmSimdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

const RULES = ['any', 'positive', 'nonnegative', 'nonzero'];
const MAX_DATASET_COUNT = 10000; // AL_DATA_MAX_COUNT
const DIGITS_COUNT = 1797;
const DIGIT_CELLS = 64;

/**
 * The digits of web/lib/actlab-digits.js as counts: {cells: Uint8Array (1797 x 64),
 * labels: Uint8Array}. A build that loads the images later (the page's) has
 * DIGITS null until its loadDigits() has resolved.
 */
function decodeDigits(fn) {
  const source = digitsSource.DIGITS;
  if (!source) {
    throw new ActLabError('not_loaded', `${fn}: the digits images are not loaded yet in this build; ` +
      'await loadDigits() from actlab-digits.js first');
  }
  const lines = source.lines.split('\n');
  if (lines.length !== DIGITS_COUNT || source.count !== DIGITS_COUNT) {
    throw new ActLabError('load_failed', `${fn}: actlab-digits.js has ${lines.length} images, not ${DIGITS_COUNT}`);
  }
  const cells = new Uint8Array(DIGITS_COUNT * DIGIT_CELLS);
  const labels = new Uint8Array(DIGITS_COUNT);
  lines.forEach((line, r) => {
    if (!/^[a-q]{64}[0-9]$/.test(line)) {
      throw new ActLabError('load_failed', `${fn}: actlab-digits.js line ${r + 1} is not 64 cells (a-q) and a label`);
    }
    for (let j = 0; j < DIGIT_CELLS; j++) cells[r * DIGIT_CELLS + j] = line.charCodeAt(j) - 97;
    labels[r] = line.charCodeAt(DIGIT_CELLS) - 48;
  });
  return { cells, labels };
}
const AL_MAX_PARAMS = 2;

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);
const NODE_FS = 'node:fs/promises';

async function readWasmBytes(url) {
  if (url.protocol === 'file:' && isNode) {
    // A name the bundlers leave alone: a page's bundle never takes this branch (nor node:fs with it).
    const fs = await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_FS);
    try {
      return await fs.readFile(url);
    } catch (err) {
      throw new ActLabError('load_failed', `could not read ${url.href}: ${err.message}`, { url: url.href });
    }
  }
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new ActLabError('load_failed', `could not load ${url.href}: ${err.message}`, { url: url.href });
  }
  if (!response.ok) {
    throw new ActLabError('load_failed', `could not load ${url.href}: HTTP ${response.status}`,
      { url: url.href, status: response.status });
  }
  return response.arrayBuffer();
}

function checkSimdOption(fn, simd) {
  if (simd !== 'auto' && simd !== true && simd !== false) {
    throw new TypeError(`${fn}: simd must be true, false or 'auto', got ${describe(simd)}`);
  }
}

/**
 * The URL of the module file loadActLab() fetches by default (next to this
 * file): for the full core, the SIMD build for simd = true, or 'auto' where
 * the engine runs Wasm SIMD, else the baseline build; for core
 * 'activations', the activation-only module (one build). For pages that
 * fetch the bytes themselves (to show progress) and pass them as wasmBinary.
 * @param {boolean|'auto'} [simd]
 * @param {'full'|'activations'} [core]
 * @returns {URL}
 */
export function defaultWasmUrl(simd = 'auto', core = 'full') {
  checkSimdOption('defaultWasmUrl', simd);
  checkCoreOption('defaultWasmUrl', core);
  if (core === 'activations') return new URL(WASM_ACTIVATIONS_FILE, import.meta.url);
  const file = simd === true || (simd === 'auto' && wasmSimdSupported()) ? WASM_SIMD_FILE : WASM_FILE;
  return new URL(file, import.meta.url);
}

function checkCoreOption(fn, core) {
  if (!CORES.includes(core)) {
    throw new TypeError(`${fn}: core must be 'full' or 'activations', got ${describe(core)}`);
  }
}

/**
 * Loads and instantiates the Wasm core.
 * @param {object} [options]
 * @param {string|URL} [options.wasmUrl] where the module is (default: next to this file,
 *   actlab_core_simd.wasm where the engine runs Wasm SIMD, else actlab_core.wasm;
 *   actlab_activations.wasm for core 'activations')
 * @param {ArrayBuffer|Uint8Array|WebAssembly.Module} [options.wasmBinary] the module itself,
 *   for pages that embed it (no request is made then)
 * @param {boolean|'auto'} [options.simd] which default file: 'auto' (the default), true or false
 * @param {'full'|'activations'} [options.core] which default file: the full core (the
 *   default) or the activation-only module, a third of its size, without networks
 * @returns {Promise<ActLab>}
 */
export async function loadActLab(options = {}) {
  if (!isPlainObject(options)) {
    throw new TypeError(`loadActLab(options): options must be a plain object, got ${describe(options)}`);
  }
  const o = checkOptions('loadActLab(options)', options, LOAD_OPTIONS);
  const simd = o.simd ?? 'auto';
  checkSimdOption('loadActLab(options)', simd);
  const core = o.core ?? 'full';
  checkCoreOption('loadActLab(options)', core);
  if (simd === true && core === 'full' && !wasmSimdSupported()) {
    throw new ActLabError('load_failed', 'this JavaScript engine does not support WebAssembly SIMD; '
      + "load with {simd: 'auto'} or {simd: false}");
  }
  let source = o.wasmBinary;
  if (source === undefined) {
    const url = o.wasmUrl === undefined ? defaultWasmUrl(simd, core) : new URL(o.wasmUrl, import.meta.url);
    source = await readWasmBytes(url);
  }
  let module;
  try {
    module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  } catch (err) {
    throw new ActLabError('load_failed', `the ActLab WebAssembly module could not be compiled: ${err.message}`);
  }
  // A valid module that is not ActLab's says so, rather than failing later on a missing function.
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missing = ACTIVATION_EXPORTS.filter((name) => !exported.has(name));
  if (missing.length) {
    throw new ActLabError('load_failed', 'this WebAssembly module is not an ActLab core: it does not export ' +
      `${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`, { missing });
  }
  const imports = { env: { emscripten_notify_memory_growth() {} } };
  let instance;
  try {
    instance = await WebAssembly.instantiate(module, imports);
    instance.exports._initialize();
  } catch (err) {
    throw new ActLabError('load_failed', `the ActLab WebAssembly module could not be started: ${err.message}`);
  }
  return new ActLab(instance.exports);
}

// The sum of values[i] * scale, by Neumaier's summation (the mean of many small losses stays exact).
function compensatedSum(values, scale) {
  let sum = 0;
  let comp = 0;
  for (const x of values) {
    const v = x * scale;
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
    sum = t;
  }
  return sum + comp;
}

/** The API object returned by loadActLab(). */
export class ActLab {
  #c;
  #core;
  #kinds; // name -> {kind, entry: {name, params: [{name, default, rule}]}}
  #datasets; // name -> {kind, entry} (kind -1: the digits)
  #digitImages = null; // decoded on first use
  #vocab; // the network engine's names and limits

  constructor(exports) {
    this.#c = exports;
    this.#core = new Core(exports);
    const c = exports;
    const str = (ptr) => this.#core.string(ptr);
    const list = [];
    this.#kinds = new Map();
    for (let k = 0, n = c.al_kind_count(); k < n; k++) {
      const params = [];
      for (let i = 0, np = c.al_kind_param_count(k); i < np; i++) {
        params.push(Object.freeze({
          name: str(c.al_kind_param_name(k, i)),
          default: c.al_kind_param_default(k, i),
          rule: RULES[c.al_kind_param_rule(k, i)],
        }));
      }
      const entry = Object.freeze({ name: str(c.al_kind_name(k)), params: Object.freeze(params) });
      list.push(entry);
      this.#kinds.set(entry.name, { kind: k, entry });
    }
    /** The catalog, in the C core's order: [{name, params: [{name, default, rule}]}]. */
    this.activations = Object.freeze(list);
    this.#datasets = new Map();
    const sets = [];
    for (let k = 0, n = c.al_dataset_count(); k < n; k++) {
      const classes = c.al_dataset_classes(k);
      const entry = Object.freeze({
        name: str(c.al_dataset_name(k)),
        task: classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass',
        classes, inputs: 2,
      });
      sets.push(entry);
      this.#datasets.set(entry.name, { kind: k, entry });
    }
    // Real data: the UCI handwritten digits (web/lib/actlab-digits.js).
    const digits = Object.freeze({ name: 'digits', task: 'multiclass', classes: 10, inputs: DIGIT_CELLS, count: DIGITS_COUNT });
    sets.push(digits);
    this.#datasets.set(digits.name, { kind: -1, entry: digits });
    /**
     * The datasets: [{name, task: 'binary'|'multiclass'|'regression', classes,
     * inputs}]: the toy sets of 2-D points (inputs 2), then 'digits' (inputs 64, count 1797).
     */
    this.datasets = Object.freeze(sets);
    this.#vocab = readVocabulary(this.#core);
    /**
     * The network engine's vocabulary, read from its tables: the names
     * createNetwork accepts for output, loss, init, optimizer and features,
     * each feature's formula, the limits, and the keys setTrainingOptions takes.
     */
    this.networkOptions = networkOptions(this.#vocab);
    /**
     * Which build of the core is running: simd true for the Wasm SIMD build;
     * core 'full', or 'activations' for the module without networks.
     */
    this.build = Object.freeze({ simd: c.al_wasm_simd() === 1,
      core: ENGINE_EXPORTS.every((name) => typeof c[name] === 'function') ? 'full' : 'activations' });
    Object.freeze(this);
  }

  #check(status, context) { this.#core.check(status, context); }

  #lookup(fn, name) {
    if (typeof name !== 'string') {
      throw new TypeError(`${fn}: the activation name must be a string, got ${describe(name)}`);
    }
    return findName(fn, this.#kinds, name, 'activation');
  }

  // Resolves {alpha: 0.1} against the catalog: returns the full parameter
  // vector in catalog order (defaults filled in), or throws naming the
  // problem. The rules are the core's (al_kind_param_ok).
  #params(fn, found, params) {
    const spec = found.entry.params;
    const values = spec.map((p) => p.default);
    if (params === undefined || params === null) return values;
    if (!isPlainObject(params)) {
      throw new TypeError(`${fn}: params must be a plain object like {alpha: 0.1}, got ${describe(params)}`);
    }
    const allowed = spec.map((p) => p.name);
    for (const key of Object.keys(params)) {
      const i = allowed.indexOf(key);
      if (i < 0) {
        const list = allowed.length ? `its parameters are ${allowed.join(', ')}` : 'it takes no parameters';
        const guess = closest(key, allowed);
        throw new ActLabError('invalid_param',
          `${fn}: ${found.entry.name} has no parameter ${quote(key)}` +
          (guess ? ` (did you mean ${guess}?)` : '') + `; ${list}`,
          { activation: found.entry.name, param: key, allowed, suggestion: guess });
      }
      const v = params[key];
      if (typeof v !== 'number') {
        throw new TypeError(`${fn}: ${found.entry.name} parameter ${key} must be a number, got ${describe(v)}`);
      }
      if (!this.#c.al_kind_param_ok(found.kind, i, v)) {
        const rule = this.#core.string(this.#c.al_param_rule_text(this.#c.al_kind_param_rule(found.kind, i)));
        throw new ActLabError('invalid_param', `${fn}: ${found.entry.name} parameter ${key} must be ${rule}, got ${v}`,
          { activation: found.entry.name, param: key, value: v, rule: spec[i].rule });
      }
      values[i] = v;
    }
    return values;
  }

  #temperature(fn, options) {
    if (options === undefined || options === null) return 1;
    if (!isPlainObject(options)) {
      throw new TypeError(`${fn}: options must be a plain object like {temperature: 2}, got ${describe(options)}`);
    }
    for (const key of Object.keys(options)) {
      if (key !== 'temperature') {
        throw new ActLabError('invalid_param',
          `${fn}: unknown option ${quote(key)}; the only option is temperature`,
          { param: key, allowed: ['temperature'] });
      }
    }
    const t = options.temperature ?? 1;
    if (typeof t !== 'number') {
      throw new TypeError(`${fn}: temperature must be a number, got ${describe(t)}`);
    }
    if (!(Number.isFinite(t) && t > 0)) {
      throw new ActLabError('invalid_param', `${fn}: temperature must be a finite number > 0, got ${t}`,
        { param: 'temperature', value: t, rule: 'positive' });
    }
    return t;
  }

  // ---- element-wise activations -------------------------------------------

  #batch(fn, cfn, name, input, params, extra) {
    const found = this.#lookup(fn, name);
    const values = this.#params(fn, found, params);
    const xs = readNumbers(fn, 'xs', input, { allowEmpty: true });
    const n = xs.length;
    if (n === 0) return new Float64Array(0);
    return this.#core.withDoubles([AL_MAX_PARAMS, n], ([pp, xp]) => {
      this.#core.f64(pp, values.length).set(values);
      this.#core.f64(xp, n).set(xs);
      // In place: the C batch functions allow y == x, halving heap use.
      const st = extra === undefined
        ? cfn(found.kind, pp, values.length, xp, xp, n)
        : cfn(found.kind, pp, values.length, extra, xp, xp, n);
      this.#check(st, `${fn}(${name})`);
      return this.#core.copy(xp, n);
    });
  }

  /** f(x) for each x. */
  evaluate(name, xs, params) {
    return this.#batch('evaluate', this.#c.al_forward, name, xs, params);
  }

  /** f'(x) = df/dx for each x. */
  derivative(name, xs, params) {
    return this.#batch('derivative', this.#c.al_derivative, name, xs, params);
  }

  /**
   * Python that reproduces this function's f and f′ by automatic
   * differentiation, in double precision: PyTorch (torch.autograd) or
   * TensorFlow (GradientTape, Keras 3). It prints x, f(x), f′(x) per line,
   * the numbers evaluate and derivative give.
   * @param {{framework?: 'pytorch' | 'tensorflow', params?: object, xs?: ArrayLike<number>,
   *   language?: 'en' | 'zh'}} [options] xs: default the 13 integers from -6 to 6,
   *   at most MAX_DERIVATIVE_POINTS, finite
   * @returns {string}
   */
  derivativeCode(name, options) {
    const fn = 'derivativeCode';
    const found = this.#lookup(fn, name);
    const o = checkOptions(fn, options, ['framework', 'params', 'xs', 'language']); // each option read once
    const values = this.#params(fn, found, o.params);
    const args = derivativeArgs(fn, o);
    const params = Object.fromEntries(found.entry.params.map((p, i) => [p.name, values[i]]));
    return writeDerivativeCode(found.entry.name, params, args.framework, args.xs, args.language);
  }

  /** df/d(param) for each x; supported: prelu alpha. */
  paramDerivative(name, xs, param, params) {
    const found = this.#lookup('paramDerivative', name);
    const names = found.entry.params.map((p) => p.name);
    const index = names.indexOf(param);
    if (typeof param !== 'string') {
      throw new TypeError(`paramDerivative: param must be a parameter name string, got ${describe(param)}`);
    }
    if (index < 0) {
      throw new ActLabError('invalid_param',
        `paramDerivative: ${name} has no parameter ${quote(param)}` +
        (names.length ? `; its parameters are ${names.join(', ')}` : '; it takes no parameters'),
        { activation: name, param, allowed: names });
    }
    return this.#batch('paramDerivative', this.#c.al_param_derivative, name, xs, params, index);
  }

  // ---- vector functions -----------------------------------------------------

  #vector(fn, input, outSize, call) {
    const logits = readNumbers(fn, 'logits', input);
    const n = logits.length;
    const m = outSize(n);
    if (m > MAX_LENGTH) {
      throw new ActLabError('bad_size', `${fn}: ${n} logits need ${m} outputs; the limit is ${MAX_LENGTH}`,
        { length: n, limit: MAX_LENGTH });
    }
    return this.#core.withDoubles([n, m], ([zp, op]) => {
      this.#core.f64(zp, n).set(logits);
      this.#check(call(zp, n, op), fn);
      return this.#core.copy(op, m);
    });
  }

  /** Probabilities exp(z_i/T) / sum_j exp(z_j/T); options.temperature defaults to 1. */
  softmax(logits, options) {
    const t = this.#temperature('softmax', options);
    return this.#vector('softmax', logits, (n) => n, (z, n, o) => this.#c.al_softmax(z, n, t, o));
  }

  /** log softmax(z / T), accurate also where probabilities are tiny or near 1. */
  logSoftmax(logits, options) {
    const t = this.#temperature('logSoftmax', options);
    return this.#vector('logSoftmax', logits, (n) => n, (z, n, o) => this.#c.al_log_softmax(z, n, t, o));
  }

  /** The n×n Jacobian dp_i/dz_j, row-major. */
  softmaxJacobian(logits, options) {
    const t = this.#temperature('softmaxJacobian', options);
    return this.#vector('softmaxJacobian', logits, (n) => n * n,
      (z, n, o) => this.#c.al_softmax_jacobian(z, n, t, o));
  }

  /** Euclidean projection onto the probability simplex (sparse probabilities). */
  sparsemax(logits) {
    return this.#vector('sparsemax', logits, (n) => n, (z, n, o) => this.#c.al_sparsemax(z, n, o));
  }

  /** Index of the largest logit; the first one on ties (a NaN counts as largest). */
  argmax(input) {
    const logits = readNumbers('argmax', 'logits', input);
    const n = logits.length;
    return this.#core.withDoubles([n, 1], ([zp, ip]) => {
      this.#core.f64(zp, n).set(logits);
      this.#check(this.#c.al_argmax(zp, n, ip), 'argmax');
      // size_t is 32-bit in wasm32.
      return this.#core.u32(ip, 1)[0];
    });
  }

  // Target for crossEntropy: a class index or a distribution of length n.
  #targets(fn, target, n) {
    if (typeof target === 'number') {
      if (!Number.isInteger(target) || target < 0 || target >= n) {
        throw new ActLabError('invalid_label',
          `${fn}: the target class must be an integer from 0 to ${n - 1}, got ${target}`,
          { target, classes: n });
      }
      const y = new Float64Array(n);
      y[target] = 1;
      return y;
    }
    const y = readNumbers(fn, 'target', target);
    if (y.length !== n) {
      throw new ActLabError('bad_size', `${fn}: target has ${y.length} values but logits has ${n}`,
        { logits: n, target: y.length });
    }
    return y;
  }

  /**
   * Categorical cross-entropy from logits. `target` is a class index or a
   * probability distribution (values in [0, 1] summing to 1).
   * @returns {{loss: number, gradient: Float64Array}} gradient = softmax(z) - y
   */
  crossEntropy(input, target) {
    const logits = readNumbers('crossEntropy', 'logits', input);
    const n = logits.length;
    const y = this.#targets('crossEntropy', target, n);
    return this.#core.withDoubles([n, n, 1], ([zp, yp, lp]) => {
      this.#core.f64(zp, n).set(logits);
      this.#core.f64(yp, n).set(y);
      this.#check(this.#c.al_cross_entropy(zp, yp, n, lp, zp), 'crossEntropy');
      return { loss: this.#core.f64(lp, 1)[0], gradient: this.#core.copy(zp, n) };
    });
  }

  /**
   * Binary cross-entropy from logits, element by element, targets in [0, 1].
   * @returns {{loss: number, losses: Float64Array, gradient: Float64Array}}
   *   losses[i] = softplus(z_i) - y_i z_i, loss = their mean,
   *   gradient[i] = d losses[i] / d z_i = sigmoid(z_i) - y_i
   */
  binaryCrossEntropy(input, targetInput) {
    const fn = 'binaryCrossEntropy';
    const logits = readNumbers(fn, 'logits', input);
    const targets = readNumbers(fn, 'targets', targetInput);
    const n = logits.length;
    const m = targets.length;
    if (m !== n) {
      throw new ActLabError('bad_size', `${fn}: targets has ${m} values but logits has ${n}`,
        { logits: n, targets: m });
    }
    // Each target on its own in [0, 1] (they need not sum to 1, unlike crossEntropy's distribution).
    const bad = targets.findIndex((y) => !(y >= 0 && y <= 1));
    if (bad >= 0) {
      throw new ActLabError('invalid_label', `${fn}: targets[${bad}] is ${targets[bad]}; each target must be in [0, 1]`,
        { index: bad, target: targets[bad] });
    }
    return this.#core.withDoubles([n, n, n], ([zp, yp, lp]) => {
      this.#core.f64(zp, n).set(logits);
      this.#core.f64(yp, n).set(targets);
      this.#check(this.#c.al_binary_cross_entropy(zp, yp, n, lp, zp), fn);
      const losses = this.#core.copy(lp, n);
      let loss = compensatedSum(losses, 1) / n;
      // Losses near the largest number: their sum overflows where their mean does not.
      if (!Number.isFinite(loss) && losses.every(Number.isFinite)) loss = compensatedSum(losses, 1 / n);
      return { loss, losses, gradient: this.#core.copy(zp, n) };
    });
  }

  /**
   * Bytes allocated in the Wasm heap right now. Every call frees what it
   * allocates, so this grows only with live networks: a check that
   * networks are disposed.
   */
  memoryInUse() {
    return this.#c.al_wasm_heap_in_use();
  }

  // ---- datasets ----------------------------------------------------------------

  /**
   * A seeded toy dataset of 2-D points.
   * @param {string} name one of lab.datasets
   * @param {{count?: number, noise?: number, seed?: number|bigint, signedLabels?: boolean}} [options]
   *   count 1..10000 (default 500), noise 0..1 (default 0), seed (default 1),
   *   signedLabels: binary labels as -1/+1 (for the tanh output) instead of 0/1
   * @returns {{inputs: Float64Array, labels: Float64Array, name: string, task: string,
   *   classes: number, count: number}} inputs row-major (count, 2)
   */
  makeDataset(name, options) {
    const fn = 'makeDataset';
    if (typeof name !== 'string') {
      throw new TypeError(`${fn}: the dataset name must be a string, got ${describe(name)}`);
    }
    const found = findName(fn, this.#datasets, name, 'dataset');
    if (found.kind < 0) return this.#digits(fn, options);
    const o = checkOptions(fn, options, ['count', 'noise', 'seed', 'signedLabels']);
    const count = integerOption(fn, o, 'count', 500, 1, MAX_DATASET_COUNT);
    const noise = numberOption(fn, o, 'noise', 0, (v) => v >= 0 && v <= 1, 'a number from 0 to 1');
    const seed = seedOption(fn, o);
    const signed = booleanOption(fn, o, 'signedLabels', false);
    if (signed && found.entry.task !== 'binary') {
      throw new ActLabError('invalid_param',
        `${fn}: signedLabels needs a binary dataset; ${name} is ${found.entry.task}`,
        { param: 'signedLabels', task: found.entry.task });
    }
    return this.#core.withDoubles([2 * count, count], ([xp, yp]) => {
      this.#check(this.#c.al_dataset_generate(found.kind, count, noise, seed, xp, yp), fn);
      const labels = this.#core.copy(yp, count);
      if (signed) for (let i = 0; i < count; i++) labels[i] = 2 * labels[i] - 1;
      return {
        inputs: this.#core.copy(xp, 2 * count), labels, name, task: found.entry.task,
        classes: found.entry.classes, count, inputWidth: 2,
      };
    });
  }

  // The UCI digits in a seeded order: the first `count` of a permutation of
  // all 1,797 (al_permutation, as splitDataset), cells scaled to [0, 1].
  #digits(fn, options) {
    const o = checkOptions(fn, options, ['count', 'noise', 'seed', 'signedLabels']);
    for (const [key, why] of [['noise', 'the images are real scans, not generated points'],
      ['signedLabels', 'digits has 10 classes (signedLabels is for binary sets)']]) {
      if (o[key] !== undefined) {
        throw new ActLabError('invalid_param', `${fn}: ${key} does not apply to digits: ${why}`, { param: key });
      }
    }
    const count = integerOption(fn, o, 'count', DIGITS_COUNT, 1, DIGITS_COUNT);
    const seed = seedOption(fn, o);
    const all = this.#digitImages ??= decodeDigits(fn);
    const order = this.#core.withBytes([4 * DIGITS_COUNT], ([pp]) => {
      this.#check(this.#c.al_permutation(DIGITS_COUNT, seed, pp), fn);
      return this.#core.u32(pp, count).slice();
    });
    const inputs = new Float64Array(count * DIGIT_CELLS);
    const labels = new Float64Array(count);
    order.forEach((row, i) => {
      for (let j = 0; j < DIGIT_CELLS; j++) inputs[i * DIGIT_CELLS + j] = all.cells[row * DIGIT_CELLS + j] / 16;
      labels[i] = all.labels[row];
    });
    return { inputs, labels, name: 'digits', task: 'multiclass', classes: 10, count, inputWidth: DIGIT_CELLS };
  }

  /**
   * Points from CSV text in the playground's format (x1,x2,label[,split]; see
   * web/lib/actlab-csv.js): {inputs, labels, splits, rows, inputWidth, task,
   * classes, problems}, every line not used in problems as {line, message,
   * reason, vars}. Needs no Wasm: also exported as parseCSV.
   */
  parseCSV(text, options) {
    return parseCSV(text, options);
  }

  /**
   * Splits a dataset into train and test parts by a seeded shuffle.
   * @param {{inputs: ArrayLike<number>, labels: ArrayLike<number>}} data rows of
   *   inputs (flat, row-major) and labels; labelWidth (default 1) labels per row
   * @param {{testFraction?: number, seed?: number|bigint, labelWidth?: number}} [options]
   *   testFraction in [0, 1) (default 0.5)
   * @returns {{train: {inputs: Float64Array, labels: Float64Array},
   *   test: {inputs: Float64Array, labels: Float64Array}}}
   */
  splitDataset(data, options) {
    const fn = 'splitDataset';
    if (!data || typeof data !== 'object') {
      throw new TypeError(`${fn}: data must be an object {inputs, labels}, got ${describe(data)}`);
    }
    const o = checkOptions(fn, options, ['testFraction', 'seed', 'labelWidth']);
    const fraction = numberOption(fn, o, 'testFraction', 0.5, (v) => v >= 0 && v < 1,
      'a number from 0 up to (not including) 1');
    const seed = seedOption(fn, o);
    const lw = integerOption(fn, o, 'labelWidth', 1, 1, 10);
    const labels = readNumbers(fn, 'data.labels', data.labels);
    const inputs = readNumbers(fn, 'data.inputs', data.inputs);
    const nl = labels.length;
    const ni = inputs.length;
    if (nl % lw !== 0 || ni % (nl / lw) !== 0) {
      throw new ActLabError('bad_size',
        `${fn}: data.inputs has ${ni} values and data.labels ${nl}; with ${lw} label(s) per row ` +
        'the inputs must hold the same number of rows', { inputs: ni, labels: nl, labelWidth: lw });
    }
    const rows = nl / lw;
    const iw = ni / rows;
    const nTest = Math.round(rows * fraction);
    const order = this.#core.withBytes([4 * rows], ([pp]) => {
      this.#check(this.#c.al_permutation(rows, seed, pp), fn);
      return this.#core.u32(pp, rows).slice();
    });
    const part = (from, to) => {
      const x = new Float64Array((to - from) * iw);
      const y = new Float64Array((to - from) * lw);
      for (let r = from; r < to; r++) {
        const s = order[r];
        for (let j = 0; j < iw; j++) x[(r - from) * iw + j] = inputs[s * iw + j];
        for (let j = 0; j < lw; j++) y[(r - from) * lw + j] = labels[s * lw + j];
      }
      return { inputs: x, labels: y };
    };
    return { train: part(nTest, rows), test: part(0, nTest) };
  }

  // ---- networks ----------------------------------------------------------------

  // The core and the code the network functions need, or a not_loaded error saying which is missing.
  #engine(fn) {
    if (this.build.core !== 'full') {
      throw new ActLabError('not_loaded', `${fn}: this ActLab runs the activation-only core, which has no networks; ` +
        'load the full core for them (loadActLab() without core: \'activations\')', { core: this.build.core });
    }
    if (typeof createNetwork !== 'function') {
      throw new ActLabError('not_loaded', `${fn}: this build loads the network code on demand; ` +
        'await engineReady() from actlab-engine.js first');
    }
    return this.#core;
  }

  // Looks up an activation and its parameters for a network config.
  #resolve = (fn, name, params) => {
    const found = this.#lookup(fn, name);
    return { kind: found.kind, name, values: this.#params(fn, found, params), entry: found.entry };
  };

  /**
   * Creates a network. See docs/api.md for every key; required: layers.
   * @returns {Network}
   */
  createNetwork(config) {
    return createNetwork(this.#engine('createNetwork'), this, this.#vocab, config, this.#resolve);
  }

  /**
   * Recreates a network saved with network.toJSON() (an object or its JSON
   * text): the same config, parameters, epoch count and optimiser state, so
   * the same predictions and the same training from here on (a version 1
   * file gets a fresh optimiser state).
   * @returns {Network}
   */
  networkFromJSON(json) {
    return networkFromJSON(this.#engine('networkFromJSON'), this, this.#vocab, json, this.#resolve);
  }

  /**
   * A saved network (network.toJSON() or its text, read as networkFromJSON
   * reads it) as PyTorch, Keras or TF.js code: network.exportCode without
   * keeping the network. For pages whose network lives in a worker.
   * @returns {string}
   */
  exportCode(json, framework, options) {
    const args = exportArgs('exportCode', framework, options); // options read once, here
    const network = this.networkFromJSON(json);
    try {
      return network.exportCode(args.framework, { language: args.language });
    } finally {
      network.dispose();
    }
  }

  /**
   * A training or test set copied into the Wasm heap once and checked once,
   * for train(bound, options) and evaluate(bound): rows (flat or an array of
   * rows) and labels (one per row, or labelWidth per row).
   * @param {{inputWidth?: number, labelWidth?: number}} [options] inputWidth
   *   default 2 (or the length of the first row), labelWidth default 1
   * @returns {BoundData} dispose() it when done
   */
  bindData(inputs, labels, options) {
    return bindData(this.#engine('bindData'), inputs, labels, options);
  }
}
