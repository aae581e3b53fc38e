// actlab.js - the JavaScript API over the ActLab Wasm core.
//
// The only code that touches the Wasm heap. The same file loads unchanged in
// a browser page (<script type="module">), in plain Node and in Jest: the
// module is a standalone Wasm reactor with one import, so no Emscripten glue
// is needed. Every call copies its inputs into the heap, calls C, copies the
// results out into JS-owned arrays and frees in `finally`; heap views are
// re-created after every allocation because memory growth detaches them.

// Two builds of the same core: baseline Wasm, and Wasm SIMD (faster
// training and grids, same results bit for bit). loadActLab picks the SIMD
// file when the engine validates SIMD code.
const WASM_FILE = 'actlab_core.wasm';
const WASM_SIMD_FILE = 'actlab_core_simd.wasm';

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

// Largest array length any call accepts: 2^27 doubles is 1 GiB, half of the
// module's 2 GiB memory cap, so in-place batch calls always fit.
export const MAX_LENGTH = 2 ** 27;

const RULES = ['any', 'positive', 'nonnegative', 'nonzero'];
const RULE_TEXT = {
  any: 'a finite number',
  positive: 'a finite number > 0',
  nonnegative: 'a finite number >= 0',
  nonzero: 'a finite number other than 0',
};

/**
 * The one error class of the API. `code` is stable (for programs and for
 * translating messages in a UI); `message` is an English sentence naming what
 * was wrong; `details` carries the offending names and values.
 */
export class ActLabError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'ActLabError';
    this.code = code;
    this.details = details;
  }
}

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);

async function readWasmBytes(url) {
  if (url.protocol === 'file:' && isNode) {
    const fs = await import('node:fs/promises');
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

function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkSimdOption(fn, simd) {
  if (simd !== 'auto' && simd !== true && simd !== false) {
    throw new TypeError(`${fn}: simd must be true, false or 'auto', got ${describe(simd)}`);
  }
}

/**
 * The URL of the module file loadActLab() fetches by default (next to this
 * file): the SIMD build for simd = true, or 'auto' where the engine runs
 * Wasm SIMD; else the baseline build. For pages that fetch the bytes
 * themselves (to show progress) and pass them as wasmBinary.
 * @param {boolean|'auto'} [simd]
 * @returns {URL}
 */
export function defaultWasmUrl(simd = 'auto') {
  checkSimdOption('defaultWasmUrl', simd);
  const file = simd === true || (simd === 'auto' && wasmSimdSupported()) ? WASM_SIMD_FILE : WASM_FILE;
  return new URL(file, import.meta.url);
}

/**
 * Loads and instantiates the Wasm core.
 * @param {object} [options]
 * @param {string|URL} [options.wasmUrl] where the module is (default: next to this file,
 *   actlab_core_simd.wasm where the engine runs Wasm SIMD, else actlab_core.wasm)
 * @param {ArrayBuffer|Uint8Array|WebAssembly.Module} [options.wasmBinary] the module itself,
 *   for pages that embed it (no request is made then)
 * @param {boolean|'auto'} [options.simd] which default file: 'auto' (the default), true or false
 * @returns {Promise<ActLab>}
 */
export async function loadActLab(options = {}) {
  if (!isPlainObject(options)) {
    throw new TypeError(`loadActLab(options): options must be a plain object, got ${describe(options)}`);
  }
  const simd = options.simd ?? 'auto';
  checkSimdOption('loadActLab(options)', simd);
  if (simd === true && !wasmSimdSupported()) {
    throw new ActLabError('load_failed', 'this JavaScript engine does not support WebAssembly SIMD; '
      + "load with {simd: 'auto'} or {simd: false}");
  }
  let source = options.wasmBinary;
  if (source === undefined) {
    const url = options.wasmUrl === undefined ? defaultWasmUrl(simd) : new URL(options.wasmUrl, import.meta.url);
    source = await readWasmBytes(url);
  }
  let module;
  try {
    module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  } catch (err) {
    throw new ActLabError('load_failed', `the ActLab WebAssembly module could not be compiled: ${err.message}`);
  }
  const imports = { env: { emscripten_notify_memory_growth() {} } };
  const instance = await WebAssembly.instantiate(module, imports);
  instance.exports._initialize();
  return new ActLab(instance.exports);
}

/** The API object returned by loadActLab(). */
export class ActLab {
  #c;
  #core;
  #kinds; // name -> {kind, name, params: [{name, default, rule}]}
  #datasets; // name -> {kind, entry}

  constructor(exports) {
    this.#c = exports;
    this.#core = new Core(exports);
    const c = exports;
    const list = [];
    this.#kinds = new Map();
    for (let k = 0, n = c.al_kind_count(); k < n; k++) {
      const params = [];
      for (let i = 0, np = c.al_kind_param_count(k); i < np; i++) {
        params.push(Object.freeze({
          name: this.#string(c.al_kind_param_name(k, i)),
          default: c.al_kind_param_default(k, i),
          rule: RULES[c.al_kind_param_rule(k, i)],
        }));
      }
      const entry = Object.freeze({ name: this.#string(c.al_kind_name(k)), params: Object.freeze(params) });
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
        name: this.#string(c.al_dataset_name(k)),
        task: classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass',
        classes,
      });
      sets.push(entry);
      this.#datasets.set(entry.name, { kind: k, entry });
    }
    /** The toy datasets: [{name, task: 'binary'|'multiclass'|'regression', classes}]. */
    this.datasets = Object.freeze(sets);
    /** The names createNetwork accepts for each choice. */
    this.networkOptions = NETWORK_OPTIONS;
    /** Which build of the core is running: {simd: true} for the Wasm SIMD build. */
    this.build = Object.freeze({ simd: c.al_wasm_simd() === 1 });
    Object.freeze(this);
  }

  // ---- heap helpers (shared with Network through #core) --------------------

  #string(ptr) { return this.#core.string(ptr); }
  #f64(ptr, n) { return this.#core.f64(ptr, n); }
  #withDoubles(sizes, fn) { return this.#core.withDoubles(sizes, fn); }
  #check(status, context) { this.#core.check(status, context); }

  // ---- argument validation -----------------------------------------------

  // Returns the length of a number[] / Float64Array / Float32Array, or throws.
  #arrayLength(value, fn, what, { allowEmpty = false } = {}) {
    let n;
    if (value instanceof Float64Array || value instanceof Float32Array) {
      n = value.length;
    } else if (Array.isArray(value)) {
      n = value.length;
      for (let i = 0; i < n; i++) {
        if (typeof value[i] !== 'number') {
          throw new TypeError(`${fn}: ${what}[${i}] must be a number, got ${describe(value[i])}`);
        }
      }
    } else {
      throw new TypeError(`${fn}: ${what} must be a number[], Float64Array or Float32Array, got ${describe(value)}`);
    }
    if (n === 0 && !allowEmpty) {
      throw new ActLabError('bad_size', `${fn}: ${what} is empty; at least one value is needed`, { argument: what });
    }
    if (n > MAX_LENGTH) {
      throw new ActLabError('bad_size', `${fn}: ${what} has ${n} elements; the limit is ${MAX_LENGTH}`,
        { argument: what, length: n, limit: MAX_LENGTH });
    }
    return n;
  }

  #lookup(fn, name) {
    if (typeof name !== 'string') {
      throw new TypeError(`${fn}: the activation name must be a string, got ${describe(name)}`);
    }
    return findName(fn, this.#kinds, name, 'activation');
  }

  // Resolves {alpha: 0.1} against the catalog: returns the full parameter
  // vector in catalog order (defaults filled in), or throws naming the problem.
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
          `${fn}: ${found.entry.name} has no parameter ${JSON.stringify(key)}` +
          (guess ? ` (did you mean ${guess}?)` : '') + `; ${list}`,
          { activation: found.entry.name, param: key, allowed, suggestion: guess });
      }
      const v = params[key];
      if (typeof v !== 'number') {
        throw new TypeError(`${fn}: ${found.entry.name} parameter ${key} must be a number, got ${describe(v)}`);
      }
      if (!paramOk(v, spec[i].rule)) {
        throw new ActLabError('invalid_param',
          `${fn}: ${found.entry.name} parameter ${key} must be ${RULE_TEXT[spec[i].rule]}, got ${v}`,
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
          `${fn}: unknown option ${JSON.stringify(key)}; the only option is temperature`,
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

  #batch(fn, cfn, name, xs, params, extra) {
    const found = this.#lookup(fn, name);
    const values = this.#params(fn, found, params);
    const n = this.#arrayLength(xs, fn, 'xs', { allowEmpty: true });
    if (n === 0) return new Float64Array(0);
    return this.#withDoubles([AL_MAX_PARAMS, n], ([pp, xp]) => {
      this.#f64(pp, values.length).set(values);
      this.#f64(xp, n).set(xs);
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
        `paramDerivative: ${name} has no parameter ${JSON.stringify(param)}` +
        (names.length ? `; its parameters are ${names.join(', ')}` : '; it takes no parameters'),
        { activation: name, param, allowed: names });
    }
    return this.#batch('paramDerivative', this.#c.al_param_derivative, name, xs, params, index);
  }

  // ---- vector functions -----------------------------------------------------

  #vector(fn, logits, outSize, call) {
    const n = this.#arrayLength(logits, fn, 'logits');
    const m = outSize(n);
    if (m > MAX_LENGTH) {
      throw new ActLabError('bad_size', `${fn}: ${n} logits need ${m} outputs; the limit is ${MAX_LENGTH}`,
        { length: n, limit: MAX_LENGTH });
    }
    return this.#withDoubles([n, m], ([zp, op]) => {
      this.#f64(zp, n).set(logits);
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
  argmax(logits) {
    const n = this.#arrayLength(logits, 'argmax', 'logits');
    return this.#withDoubles([n, 1], ([zp, ip]) => {
      this.#f64(zp, n).set(logits);
      this.#check(this.#c.al_argmax(zp, n, ip), 'argmax');
      // size_t is 32-bit in wasm32.
      return new Uint32Array(this.#c.memory.buffer, ip, 1)[0];
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
    const m = this.#arrayLength(target, fn, 'target');
    if (m !== n) {
      throw new ActLabError('bad_size', `${fn}: target has ${m} values but logits has ${n}`,
        { logits: n, target: m });
    }
    return target;
  }

  /**
   * Categorical cross-entropy from logits. `target` is a class index or a
   * probability distribution (values in [0, 1] summing to 1).
   * @returns {{loss: number, gradient: Float64Array}} gradient = softmax(z) - y
   */
  crossEntropy(logits, target) {
    const n = this.#arrayLength(logits, 'crossEntropy', 'logits');
    const y = this.#targets('crossEntropy', target, n);
    return this.#withDoubles([n, n, 1], ([zp, yp, lp]) => {
      this.#f64(zp, n).set(logits);
      this.#f64(yp, n).set(y);
      this.#check(this.#c.al_cross_entropy(zp, yp, n, lp, zp), 'crossEntropy');
      return { loss: this.#f64(lp, 1)[0], gradient: this.#core.copy(zp, n) };
    });
  }

  /**
   * Binary cross-entropy from logits, element by element, targets in [0, 1].
   * @returns {{loss: number, losses: Float64Array, gradient: Float64Array}}
   *   losses[i] = softplus(z_i) - y_i z_i, loss = their mean,
   *   gradient[i] = d losses[i] / d z_i = sigmoid(z_i) - y_i
   */
  binaryCrossEntropy(logits, targets) {
    const fn = 'binaryCrossEntropy';
    const n = this.#arrayLength(logits, fn, 'logits');
    const m = this.#arrayLength(targets, fn, 'targets');
    if (m !== n) {
      throw new ActLabError('bad_size', `${fn}: targets has ${m} values but logits has ${n}`,
        { logits: n, targets: m });
    }
    return this.#withDoubles([n, n, n], ([zp, yp, lp]) => {
      this.#f64(zp, n).set(logits);
      this.#f64(yp, n).set(targets);
      this.#check(this.#c.al_binary_cross_entropy(zp, yp, n, lp, zp), fn);
      const losses = this.#core.copy(lp, n);
      let sum = 0;
      let comp = 0; // Neumaier summation: the mean of many small losses stays exact
      for (let i = 0; i < n; i++) {
        const v = losses[i];
        const t = sum + v;
        comp += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
      }
      return { loss: (sum + comp) / n, losses, gradient: this.#core.copy(zp, n) };
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
    return this.#withDoubles([2 * count, count], ([xp, yp]) => {
      this.#check(this.#c.al_dataset_generate(found.kind, count, noise, seed, xp, yp), fn);
      const labels = this.#core.copy(yp, count);
      if (signed) for (let i = 0; i < count; i++) labels[i] = 2 * labels[i] - 1;
      return {
        inputs: this.#core.copy(xp, 2 * count), labels, name, task: found.entry.task,
        classes: found.entry.classes, count,
      };
    });
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
    const lw = integerOption(fn, o, 'labelWidth', 1, 1, 8);
    const nl = this.#arrayLength(data.labels, fn, 'data.labels');
    const ni = this.#arrayLength(data.inputs, fn, 'data.inputs');
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
      return new Uint32Array(this.#c.memory.buffer, pp, rows).slice();
    });
    const part = (from, to) => {
      const inputs = new Float64Array((to - from) * iw);
      const labels = new Float64Array((to - from) * lw);
      for (let r = from; r < to; r++) {
        const s = order[r];
        for (let j = 0; j < iw; j++) inputs[(r - from) * iw + j] = data.inputs[s * iw + j];
        for (let j = 0; j < lw; j++) labels[(r - from) * lw + j] = data.labels[s * lw + j];
      }
      return { inputs, labels };
    };
    return { train: part(nTest, rows), test: part(0, nTest) };
  }

  // ---- networks ----------------------------------------------------------------

  /**
   * Creates a network. See docs/api.md for every key; required: layers.
   * @returns {Network}
   */
  createNetwork(config) {
    const cfg = normaliseConfig('createNetwork', config, (fn, name, params) => {
      const found = this.#lookup(fn, name);
      return { kind: found.kind, name, values: this.#params(fn, found, params), entry: found.entry };
    });
    return new Network(TOKEN, this.#core, this, cfg);
  }

  /**
   * Recreates a network saved with network.toJSON() (an object or its JSON text):
   * the same config and parameters, so the same predictions.
   * @returns {Network}
   */
  networkFromJSON(json) {
    const fn = 'networkFromJSON';
    let data = json;
    if (typeof json === 'string') {
      try {
        data = JSON.parse(json);
      } catch (err) {
        throw new ActLabError('invalid_json', `${fn}: the text is not valid JSON (${err.message})`);
      }
    }
    if (!isPlainObject(data)) {
      throw new TypeError(`${fn}: expected the object from network.toJSON() or its JSON text, got ${describe(json)}`);
    }
    if (data.format !== JSON_FORMAT) {
      throw new ActLabError('invalid_json',
        `${fn}: format is ${JSON.stringify(data.format)}, expected ${JSON.stringify(JSON_FORMAT)}`,
        { format: data.format });
    }
    if (data.version !== JSON_VERSION) {
      throw new ActLabError('invalid_json',
        `${fn}: version ${JSON.stringify(data.version)} is not supported; this library reads version ${JSON_VERSION}`,
        { version: data.version });
    }
    if (!Array.isArray(data.params)) {
      throw new ActLabError('invalid_json', `${fn}: params must be an array of numbers`, {});
    }
    const network = this.createNetwork(data.config);
    try {
      network.setParams(data.params);
      if (data.epochs !== undefined) network[RESTORE_EPOCHS](fn, data.epochs);
    } catch (err) {
      network.dispose();
      throw err;
    }
    return network;
  }

}

// ---- shared heap access --------------------------------------------------------

// The heap helpers used by ActLab and Network. Every allocation is freed in
// `finally`; views are created fresh because memory growth detaches them.
class Core {
  constructor(exports) {
    this.c = exports;
  }

  string(ptr) {
    if (!ptr) return null;
    const bytes = new Uint8Array(this.c.memory.buffer);
    let end = ptr;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(ptr, end));
  }

  malloc(bytes) {
    const ptr = this.c.malloc(Math.max(bytes, 8));
    if (!ptr) {
      throw new ActLabError('out_of_memory',
        `out of memory: could not allocate ${bytes} bytes in the Wasm heap`, { bytes });
    }
    return ptr;
  }

  f64(ptr, n) { return new Float64Array(this.c.memory.buffer, ptr, n); }

  // A JS-owned copy of n doubles at ptr. new + set is about twice as fast
  // as slice() in V8 for large arrays (bench/network.mjs grids: 1.4 MB).
  // n doubles at ptr into out (a new array by default), which is returned.
  copy(ptr, n, out = new Float64Array(n)) {
    out.set(this.f64(ptr, n));
    return out;
  }

  withBytes(sizes, fn) {
    const ptrs = [];
    try {
      for (const n of sizes) ptrs.push(this.malloc(n));
      return fn(ptrs);
    } finally {
      for (const p of ptrs) this.c.free(p);
    }
  }

  withDoubles(sizes, fn) { return this.withBytes(sizes.map((n) => n * 8), fn); }

  check(status, context, details = {}) {
    if (status === 0) return;
    const code = this.string(this.c.al_status_code(status));
    const message = this.string(this.c.al_status_message(status));
    throw new ActLabError(code, `${context}: ${message}`, details);
  }
}

// ---- network configuration -------------------------------------------------------

const MAX_DATASET_COUNT = 10000;
/** Most rows one train() call accepts (the C engine's AL_NET_MAX_SAMPLES). */
export const MAX_TRAIN_ROWS = 20000;
const MAX_EPOCHS = 1000000;
const JSON_FORMAT = 'actlab-network';
const JSON_VERSION = 1;
const TOKEN = Symbol('internal');
const RESTORE_EPOCHS = Symbol('restoreEpochs');

// Output activation -> its loss and the C head (enum al_head).
const HEADS = {
  identity: { loss: 'mse', head: 0 },
  sigmoid: { loss: 'binary_cross_entropy', head: 1 },
  softmax: { loss: 'cross_entropy', head: 2 },
  tanh: { loss: 'squared_error', head: 3 },
};
const INITIALIZERS = ['he_normal', 'he_uniform', 'glorot_normal', 'glorot_uniform', 'lecun_normal',
  'uniform', 'zeros'];
const OPTIMIZERS = ['sgd', 'momentum', 'adam'];
const FEATURES = ['x1', 'x2', 'x1_sq', 'x2_sq', 'x1_x2', 'sin_x1', 'sin_x2'];
const CONFIG_KEYS = ['layers', 'activation', 'output', 'loss', 'init', 'optimizer', 'learningRate',
  'batchSize', 'l1', 'l2', 'seed', 'features', 'momentum', 'beta1', 'beta2', 'epsilon'];
// Hidden activations whose usual initialiser is He (fan-in, variance 2) or LeCun.
const HE_FAMILY = new Set(['relu', 'leaky_relu', 'prelu', 'relu6', 'elu', 'celu', 'gelu', 'gelu_tanh',
  'silu', 'swish', 'mish', 'hard_swish', 'softplus', 'squareplus', 'sparse_plus']);

const NETWORK_OPTIONS = Object.freeze({
  outputs: Object.freeze(Object.keys(HEADS)),
  losses: Object.freeze(Object.values(HEADS).map((h) => h.loss)),
  initializers: Object.freeze(INITIALIZERS),
  optimizers: Object.freeze(OPTIMIZERS),
  features: Object.freeze(FEATURES),
});

function configError(fn, key, message, details = {}) {
  return new ActLabError('invalid_config', `${fn}: ${key} ${message}`, { key, ...details });
}

function choice(fn, key, value, allowed, fallback) {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    const guess = typeof value === 'string' ? closest(value, allowed) : null;
    throw configError(fn, key, `must be one of ${allowed.join(', ')}; got ${describe(value)}` +
      (guess ? ` (did you mean ${guess}?)` : ''), { value, allowed, suggestion: guess });
  }
  return value;
}

function numberKey(fn, cfg, key, fallback, ok, rule) {
  const v = cfg[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
    throw configError(fn, key, `must be ${rule}, got ${describe(v)}`, { value: v, rule });
  }
  return v;
}

function seedValue(v, make) {
  if (v === undefined) return 1n;
  if (typeof v === 'bigint' && v >= 0n && v < 2n ** 64n) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  // toJSON writes seeds above 2^53 as decimal strings.
  if (typeof v === 'string' && /^[0-9]{1,20}$/.test(v) && BigInt(v) < 2n ** 64n) return BigInt(v);
  throw make(`must be an integer from 0 to 2^53 - 1 (or a BigInt below 2^64), got ${describe(v)}`);
}

// Validates a createNetwork config and returns it normalised (every key
// present, activations resolved) plus what C needs. `resolve(fn, name,
// params)` looks up an activation and its parameters, throwing if unknown.
function normaliseConfig(fn, config, resolve) {
  if (!isPlainObject(config)) {
    throw new TypeError(`${fn}: config must be a plain object like {layers: [2, 8, 1]}, got ${describe(config)}`);
  }
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS.includes(key)) {
      const guess = closest(key, CONFIG_KEYS);
      throw configError(fn, JSON.stringify(key), `is not a config key` +
        (guess ? ` (did you mean ${guess}?)` : '') + `; the keys are ${CONFIG_KEYS.join(', ')}`,
        { key, allowed: CONFIG_KEYS, suggestion: guess });
    }
  }
  // layers
  const layers = config.layers;
  if (!Array.isArray(layers) || layers.length < 2 || layers.length > 10 ||
      !layers.every((v) => Number.isInteger(v))) {
    throw configError(fn, 'layers', 'must be an array of 2 to 10 integers: input size, hidden sizes, ' +
      `output size (e.g. [2, 8, 8, 1]); got ${describe(layers)}`, { value: layers });
  }
  const last = layers.length - 1;
  for (let i = 0; i <= last; i++) {
    const [lo, hi, what] = i === 0 ? [1, 9, 'the input size'] : i === last ? [1, 8, 'the output size']
      : [1, 64, `hidden layer ${i}`];
    if (layers[i] < lo || layers[i] > hi) {
      throw configError(fn, 'layers', `[${i}] (${what}) must be from ${lo} to ${hi}, got ${layers[i]}`,
        { index: i, value: layers[i], min: lo, max: hi });
    }
  }
  // features
  let features = null;
  if (config.features !== undefined && config.features !== null) {
    const f = config.features;
    if (!Array.isArray(f) || f.length === 0) {
      throw configError(fn, 'features', `must be a non-empty array of names from ${FEATURES.join(', ')}; ` +
        `got ${describe(f)}`, { value: f, allowed: FEATURES });
    }
    for (const name of f) {
      choice(fn, 'features', name, FEATURES);
    }
    if (new Set(f).size !== f.length) {
      throw configError(fn, 'features', `lists a feature twice: ${f.join(', ')}`, { value: f });
    }
    features = FEATURES.filter((name) => f.includes(name)); // the engine's order
    if (layers[0] !== features.length) {
      throw configError(fn, 'layers', `[0] must equal the number of features (${features.length}), ` +
        `got ${layers[0]}`, { value: layers[0], features });
    }
  } else if (layers[0] === 2) {
    features = ['x1', 'x2']; // plain 2-D points: the decision-boundary grid works
  } else if (layers[0] < 2) {
    throw configError(fn, 'layers', `[0] must be from 2 to 9 without features, got ${layers[0]}`,
      { value: layers[0] });
  }
  // hidden activations
  const hidden = last - 1;
  let spec = config.activation === undefined ? 'tanh' : config.activation;
  if (Array.isArray(spec)) {
    if (spec.length !== hidden) {
      throw configError(fn, 'activation', `has ${spec.length} entries but layers has ${hidden} hidden ` +
        'layer(s); give one name for all or one per hidden layer', { value: spec.length, expected: hidden });
    }
  } else {
    spec = Array(hidden).fill(spec);
  }
  const activation = spec.map((entry, i) => {
    const at = `${fn}: activation${Array.isArray(config.activation) ? `[${i}]` : ''}`;
    let name = entry;
    let params;
    if (isPlainObject(entry)) {
      name = entry.name;
      params = entry.params;
      const extra = Object.keys(entry).filter((k) => k !== 'name' && k !== 'params');
      if (extra.length) {
        throw configError(fn, 'activation', `entries are a name or {name, params}; unexpected key ${extra[0]}`,
          { value: extra[0] });
      }
    } else if (typeof entry !== 'string') {
      throw configError(fn, 'activation', `must be an activation name, {name, params} or an array of ` +
        `those; got ${describe(entry)}`, { value: entry });
    }
    try {
      return resolve(at, name, params);
    } catch (err) {
      if (err instanceof ActLabError) err.details.key = 'activation';
      throw err;
    }
  });
  // output and loss
  const outputs = Object.keys(HEADS);
  const losses = outputs.map((o) => HEADS[o].loss);
  let output = choice(fn, 'output', config.output, outputs, undefined);
  let loss = choice(fn, 'loss', config.loss, losses, undefined);
  const pairs = outputs.map((o) => `${o} + ${HEADS[o].loss}`).join(', ');
  if (output === undefined) {
    output = loss !== undefined ? outputs[losses.indexOf(loss)] : layers[last] === 1 ? 'sigmoid' : 'softmax';
  }
  if (loss === undefined) loss = HEADS[output].loss;
  if (HEADS[output].loss !== loss) {
    throw configError(fn, 'loss', `${loss} does not go with output ${output}; the pairs are ${pairs}`,
      { value: loss, output, allowed: pairs });
  }
  if (output === 'softmax' && layers[last] < 2) {
    throw configError(fn, 'layers', `[${last}] must be at least 2 for a softmax output (one unit per ` +
      'class); for two classes use 1 unit with output sigmoid', { value: layers[last] });
  }
  // training
  const names = activation.map((a) => a.name);
  const defaultInit = names.length && names.every((n) => HE_FAMILY.has(n)) ? 'he_normal'
    : names.length && names.every((n) => n === 'selu') ? 'lecun_normal' : 'glorot_uniform';
  const init = choice(fn, 'init', config.init, INITIALIZERS, defaultInit);
  const optimizer = choice(fn, 'optimizer', config.optimizer, OPTIMIZERS, 'sgd');
  const unit = (v) => v >= 0 && v < 1;
  const learningRate = numberKey(fn, config, 'learningRate', optimizer === 'adam' ? 0.01 : 0.03,
    (v) => v > 0 && v <= 10, 'a number > 0 and <= 10');
  const batchSize = config.batchSize === undefined ? 10 : config.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1024) {
    throw configError(fn, 'batchSize', `must be an integer from 1 to 1024, got ${describe(batchSize)}`,
      { value: batchSize, min: 1, max: 1024 });
  }
  const l1 = numberKey(fn, config, 'l1', 0, (v) => v >= 0, 'a number >= 0');
  const l2 = numberKey(fn, config, 'l2', 0, (v) => v >= 0, 'a number >= 0');
  const momentum = numberKey(fn, config, 'momentum', 0.9, unit, 'a number from 0 up to 1');
  const beta1 = numberKey(fn, config, 'beta1', 0.9, unit, 'a number from 0 up to 1');
  const beta2 = numberKey(fn, config, 'beta2', 0.999, unit, 'a number from 0 up to 1');
  const epsilon = numberKey(fn, config, 'epsilon', 1e-8, (v) => v > 0, 'a number > 0');
  const seed = seedValue(config.seed, (m) => configError(fn, 'seed', m, { value: config.seed }));
  const normal = {
    layers: [...layers],
    activation: activation.map((a) => ({
      name: a.name,
      params: Object.fromEntries(a.entry.params.map((p, i) => [p.name, a.values[i]])),
    })),
    output, loss, init, optimizer, learningRate, batchSize, l1, l2,
    seed: seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seed) : seed,
    features, momentum, beta1, beta2, epsilon,
  };
  return { normal, activation, seed };
}

// Freezes the normalised config (and its arrays) for network.config.
function freezeConfig(c) {
  return Object.freeze({
    ...c,
    layers: Object.freeze([...c.layers]),
    features: c.features && Object.freeze([...c.features]),
    activation: Object.freeze(c.activation.map((a) => Object.freeze({ name: a.name,
      params: Object.freeze({ ...a.params }) }))),
  });
}

// Option-object helpers for makeDataset, train, grid, ...
function checkOptions(fn, options, allowed) {
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) {
    throw new TypeError(`${fn}: options must be a plain object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      const guess = closest(key, allowed);
      throw new ActLabError('invalid_param', `${fn}: unknown option ${JSON.stringify(key)}` +
        (guess ? ` (did you mean ${guess}?)` : '') + `; the options are ${allowed.join(', ')}`,
        { param: key, allowed, suggestion: guess });
    }
  }
  return options;
}

function numberOption(fn, o, key, fallback, ok, rule) {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw new TypeError(`${fn}: ${key} must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v) || !ok(v)) {
    throw new ActLabError('invalid_param', `${fn}: ${key} must be ${rule}, got ${v}`,
      { param: key, value: v, rule });
  }
  return v;
}

function integerOption(fn, o, key, fallback, min, max) {
  return numberOption(fn, o, key, fallback, (v) => Number.isInteger(v) && v >= min && v <= max,
    `an integer from ${min} to ${max}`);
}

// grid({into}): an earlier result (or any {outputs, neurons} object) whose
// Float64Arrays have the sizes this grid needs; they are filled in place.
function gridTarget(fn, into, m, nn) {
  if (!isPlainObject(into)) throw new TypeError(`${fn}: into must be an object, got ${describe(into)}`);
  const want = nn ? [['outputs', m], ['neurons', nn]] : [['outputs', m]];
  for (const [key, length] of want) {
    const a = into[key];
    if (!(a instanceof Float64Array) || a.length !== length) {
      throw new ActLabError('invalid_param', `${fn}: into.${key} must be a Float64Array of length ${length} ` +
        `for this resolution and network, got ${a instanceof Float64Array ? `length ${a.length}` : describe(a)}`,
      { param: `into.${key}`, expected: length });
    }
  }
  return into;
}

function booleanOption(fn, o, key, fallback) {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${key} must be true or false, got ${describe(v)}`);
  return v;
}

function seedOption(fn, o) {
  return seedValue(o.seed, (m) => new ActLabError('invalid_param', `${fn}: seed ${m}`,
    { param: 'seed', value: o.seed }));
}

// Field order of al_wasm_config_layout().
const LAYOUT_FIELDS = ['size', 'n_layers', 'sizes', 'hidden_kind', 'hidden_params', 'features', 'head',
  'init', 'optimizer', 'learning_rate', 'momentum', 'beta1', 'beta2', 'epsilon', 'l1', 'l2',
  'batch_size', 'seed'];
// C's al_net_check_config field names -> config keys (a safety net: the JS
// checks above catch everything first).
const C_FIELD_KEY = { n_layers: 'layers', sizes: 'layers', hidden_kind: 'activation',
  hidden_params: 'activation', features: 'features', head: 'output', init: 'init',
  optimizer: 'optimizer', learning_rate: 'learningRate', momentum: 'momentum', beta1: 'beta1',
  beta2: 'beta2', epsilon: 'epsilon', l1: 'l1', l2: 'l2', batch_size: 'batchSize', config: 'config' };

const layoutCache = new WeakMap();
function configLayout(core) {
  let layout = layoutCache.get(core);
  if (!layout) {
    layout = core.withBytes([4 * LAYOUT_FIELDS.length], ([p]) => {
      const n = core.c.al_wasm_config_layout(p);
      const values = new Uint32Array(core.c.memory.buffer, p, n);
      return Object.fromEntries(LAYOUT_FIELDS.map((f, i) => [f, values[i]]));
    });
    layoutCache.set(core, layout);
  }
  return layout;
}

// Frees the C network of a Network that was garbage-collected undisposed.
const finalizer = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, ptr }) => core.c.al_net_free(ptr)) : null;

// ---- the network -----------------------------------------------------------------

/**
 * A multilayer perceptron in the Wasm heap. Create with lab.createNetwork();
 * call dispose() when done (a forgotten network is freed when collected).
 */
export class Network {
  #core;
  #lab;
  #ptr = 0;
  #epochs = 0;
  #holder;

  constructor(token, core, lab, cfg) {
    if (token !== TOKEN) throw new TypeError('Network: use lab.createNetwork(config)');
    this.#core = core;
    this.#lab = lab;
    const c = core.c;
    const n = cfg.normal;
    const layout = configLayout(core);
    this.#ptr = core.withBytes([layout.size, 4, 4], ([cp, sp, fp]) => {
      c.al_net_config_default(cp);
      const view = new DataView(c.memory.buffer);
      const put32 = (off, v) => view.setInt32(cp + off, v, true);
      put32(layout.n_layers, n.layers.length);
      n.layers.forEach((v, i) => put32(layout.sizes + 4 * i, v));
      cfg.activation.forEach((a, i) => {
        put32(layout.hidden_kind + 4 * i, a.kind);
        a.values.forEach((v, j) => view.setFloat64(cp + layout.hidden_params + 8 * (AL_MAX_PARAMS * i + j), v, true));
      });
      put32(layout.features, n.features ? n.features.reduce((m, f) => m | (1 << FEATURES.indexOf(f)), 0) : 0);
      put32(layout.head, HEADS[n.output].head);
      put32(layout.init, INITIALIZERS.indexOf(n.init));
      put32(layout.optimizer, OPTIMIZERS.indexOf(n.optimizer));
      const putF = (field, v) => view.setFloat64(cp + layout[field], v, true);
      putF('learning_rate', n.learningRate);
      putF('momentum', n.momentum);
      putF('beta1', n.beta1);
      putF('beta2', n.beta2);
      putF('epsilon', n.epsilon);
      putF('l1', n.l1);
      putF('l2', n.l2);
      put32(layout.batch_size, n.batchSize);
      view.setBigUint64(cp + layout.seed, cfg.seed, true);
      const st = c.al_net_check_config(cp, fp);
      if (st !== 0) {
        const field = core.string(new Uint32Array(c.memory.buffer, fp, 1)[0]);
        const key = C_FIELD_KEY[field] ?? field;
        throw configError('createNetwork', key, 'is out of range', { key });
      }
      const ptr = c.al_net_create(cp, sp);
      if (!ptr) core.check(new Int32Array(c.memory.buffer, sp, 1)[0], 'createNetwork');
      return ptr;
    });
    /** The config, normalised: every key present, activations as {name, params}. */
    this.config = freezeConfig(n);
    /** Values per input row (2 with features, else layers[0]). */
    this.inputWidth = c.al_net_input_width(this.#ptr);
    /** Values per label row (1 for softmax: a class index; else the output count). */
    this.labelWidth = c.al_net_label_width(this.#ptr);
    /** Output units. */
    this.outputCount = n.layers[n.layers.length - 1];
    /** Number of weights and biases. */
    this.paramCount = c.al_net_param_count(this.#ptr);
    /** Neurons in hidden and output layers (rows of neuronOutputs()). */
    this.neuronCount = c.al_net_neuron_count(this.#ptr);
    this.#holder = {};
    finalizer?.register(this, { core, ptr: this.#ptr }, this.#holder);
  }

  /** Epochs trained so far (kept by toJSON). */
  get epochs() { return this.#epochs; }

  /** True after dispose(). */
  get disposed() { return this.#ptr === 0; }

  /** Frees the network; calling it again does nothing. */
  dispose() {
    if (this.#ptr === 0) return;
    finalizer?.unregister(this.#holder);
    this.#core.c.al_net_free(this.#ptr);
    this.#ptr = 0;
  }

  #alive(fn) {
    if (this.#ptr === 0) {
      throw new ActLabError('disposed', `${fn}: this network has been disposed; create a new one`);
    }
    return this.#ptr;
  }

  [RESTORE_EPOCHS](fn, epochs) {
    if (!Number.isSafeInteger(epochs) || epochs < 0) {
      throw new ActLabError('invalid_json', `${fn}: epochs must be an integer >= 0, got ${describe(epochs)}`);
    }
    this.#epochs = epochs;
  }

  // Rows of `value` (flat row-major or an array of rows), each `width` long:
  // returns {data: Float64Array, rows}; throws naming the first bad value.
  #rows(fn, what, value, width, { finite = true } = {}) {
    let data;
    if (Array.isArray(value) && value.length > 0 && (Array.isArray(value[0]) || ArrayBuffer.isView(value[0]))) {
      data = new Float64Array(value.length * width);
      value.forEach((row, r) => {
        if (!(Array.isArray(row) || row instanceof Float64Array || row instanceof Float32Array) ||
            row.length !== width) {
          throw new ActLabError('bad_size', `${fn}: ${what}[${r}] must be an array of ${width} numbers, ` +
            `got ${describe(row)}${row && row.length !== undefined ? ` of length ${row.length}` : ''}`,
          { argument: what, row: r, width });
        }
        for (let j = 0; j < width; j++) {
          if (typeof row[j] !== 'number') {
            throw new TypeError(`${fn}: ${what}[${r}][${j}] must be a number, got ${describe(row[j])}`);
          }
          data[r * width + j] = row[j];
        }
      });
    } else if (value instanceof Float64Array || value instanceof Float32Array || Array.isArray(value)) {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (typeof value[i] !== 'number') {
            throw new TypeError(`${fn}: ${what}[${i}] must be a number, got ${describe(value[i])}`);
          }
        }
      }
      if (value.length % width !== 0) {
        throw new ActLabError('bad_size', `${fn}: ${what} has ${value.length} values, not a multiple of ` +
          `${width} (values per row)`, { argument: what, length: value.length, width });
      }
      data = value;
    } else {
      throw new TypeError(`${fn}: ${what} must be a number[], Float64Array, Float32Array or an array of ` +
        `rows, got ${describe(value)}`);
    }
    const rows = data.length / width;
    if (rows === 0) {
      throw new ActLabError('bad_size', `${fn}: ${what} is empty; at least one row is needed`, { argument: what });
    }
    if (data.length > MAX_LENGTH) {
      throw new ActLabError('bad_size', `${fn}: ${what} has ${data.length} values; the limit is ${MAX_LENGTH}`,
        { argument: what, length: data.length, limit: MAX_LENGTH });
    }
    if (finite) {
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i])) {
          throw new ActLabError('invalid_input', `${fn}: ${what} row ${Math.floor(i / width)} column ` +
            `${i % width} is ${data[i]}; every value must be a finite number`,
          { argument: what, row: Math.floor(i / width), column: i % width, value: data[i] });
        }
      }
    }
    return { data, rows };
  }

  // Labels for `rows` input rows, checked against the output's rule.
  #labels(fn, value, rows) {
    const lw = this.labelWidth;
    const { data, rows: n } = this.#rows(fn, 'labels', value, lw, { finite: false });
    if (n !== rows) {
      throw new ActLabError('bad_size', `${fn}: inputs has ${rows} rows but labels has ${n}` +
        (lw > 1 ? ` (${lw} values per row)` : ''), { inputs: rows, labels: n });
    }
    const { output } = this.config;
    const k = this.outputCount;
    const rule = {
      identity: [(y) => Number.isFinite(y), 'finite numbers (regression targets)'],
      sigmoid: [(y) => y >= 0 && y <= 1, 'from 0 to 1 (0/1 for binary classes)'],
      softmax: [(y) => Number.isInteger(y) && y >= 0 && y < k, `class indices 0 to ${k - 1}`],
      tanh: [(y) => y === 1 || y === -1, '-1 or +1 (the tanh output; map 0/1 labels with 2y - 1, or ' +
        'makeDataset(name, {signedLabels: true}))'],
    }[output];
    for (let i = 0; i < data.length; i++) {
      if (!rule[0](data[i])) {
        throw new ActLabError('invalid_label', `${fn}: labels[${i}] is ${data[i]}; with output ${output} ` +
          `labels must be ${rule[1]}`, { index: i, value: data[i], output });
      }
    }
    return data;
  }

  // Copies inputs (and labels) into the heap, runs call(ptrs...), frees.
  #withData(inputs, labels, extra, call) {
    const sizes = [inputs.data.length, labels ? labels.length : 0, ...extra];
    return this.#core.withDoubles(sizes, (ptrs) => {
      this.#core.f64(ptrs[0], inputs.data.length).set(inputs.data);
      if (labels) this.#core.f64(ptrs[1], labels.length).set(labels);
      return call(...ptrs);
    });
  }

  /**
   * Trains `epochs` epochs (default 1), reshuffling every epoch.
   * @returns {{loss: number, epochs: number}} mean loss over the last epoch; epochs so far
   * @throws {ActLabError} code 'diverged' if the loss or a gradient became NaN or
   *   infinite; the network keeps the parameters of its last finite step
   */
  train(inputs, labels, options) {
    const fn = 'train';
    const ptr = this.#alive(fn);
    const o = checkOptions(fn, options, ['epochs']);
    const epochs = integerOption(fn, o, 'epochs', 1, 1, MAX_EPOCHS);
    const x = this.#rows(fn, 'inputs', inputs, this.inputWidth);
    if (x.rows > MAX_TRAIN_ROWS) {
      throw new ActLabError('bad_size', `${fn}: ${x.rows} rows; one call trains on at most ${MAX_TRAIN_ROWS}`,
        { rows: x.rows, limit: MAX_TRAIN_ROWS });
    }
    const y = this.#labels(fn, labels, x.rows);
    return this.#withData(x, y, [1], (xp, yp, lp) => {
      const st = this.#core.c.al_net_train(ptr, xp, yp, x.rows, epochs, lp);
      const loss = this.#core.f64(lp, 1)[0];
      if (st !== 0 && this.#core.string(this.#core.c.al_status_code(st)) === 'diverged') {
        throw new ActLabError('diverged', `${fn}: training diverged (the loss became ${loss}); the ` +
          'network keeps its last finite parameters. Lower the learning rate or use a smaller ' +
          'initialisation.', { loss, learningRate: this.config.learningRate, epochs: this.#epochs });
      }
      this.#core.check(st, fn);
      this.#epochs += epochs;
      return { loss, epochs: this.#epochs };
    });
  }

  /** Outputs after the head, row-major (rows, outputCount). */
  predict(inputs) {
    const fn = 'predict';
    const ptr = this.#alive(fn);
    const x = this.#rows(fn, 'inputs', inputs, this.inputWidth);
    const m = x.rows * this.outputCount;
    return this.#withData(x, null, [m], (xp, _yp, op) => {
      this.#core.check(this.#core.c.al_net_predict(ptr, xp, x.rows, op), fn);
      return this.#core.copy(op, m);
    });
  }

  /**
   * Mean loss (without regularisation) and accuracy: the share of correct
   * labels (for sigmoid, per unit); null for regression (identity output).
   * @returns {{loss: number, accuracy: number|null}}
   */
  evaluate(inputs, labels) {
    const fn = 'evaluate';
    const ptr = this.#alive(fn);
    const x = this.#rows(fn, 'inputs', inputs, this.inputWidth);
    const y = this.#labels(fn, labels, x.rows);
    return this.#withData(x, y, [2], (xp, yp, rp) => {
      this.#core.check(this.#core.c.al_net_evaluate(ptr, xp, yp, x.rows, rp, rp + 8), fn);
      const [loss, accuracy] = this.#core.f64(rp, 2);
      return { loss, accuracy: Number.isNaN(accuracy) ? null : accuracy };
    });
  }

  /**
   * The training loss (data loss + regularisation) over up to max(256,
   * batchSize) rows and its gradient with respect to every parameter (the
   * getParams() layout), without changing the network. For gradient checks.
   * @returns {{loss: number, gradient: Float64Array}}
   */
  lossGradient(inputs, labels) {
    const fn = 'lossGradient';
    const ptr = this.#alive(fn);
    const x = this.#rows(fn, 'inputs', inputs, this.inputWidth);
    const limit = Math.max(256, this.config.batchSize);
    if (x.rows > limit) {
      throw new ActLabError('bad_size', `${fn}: ${x.rows} rows; at most ${limit} at once`,
        { rows: x.rows, limit });
    }
    const y = this.#labels(fn, labels, x.rows);
    return this.#withData(x, y, [1, this.paramCount], (xp, yp, lp, gp) => {
      this.#core.check(this.#core.c.al_net_loss_gradient(ptr, xp, yp, x.rows, lp, gp), fn);
      return { loss: this.#core.f64(lp, 1)[0], gradient: this.#core.copy(gp, this.paramCount) };
    });
  }

  /**
   * Predictions over a resolution x resolution grid of 2-D points: columns run
   * x1 from xMin to xMax, rows x2 from yMax down to yMin (image order).
   * @param {{xMin?: number, xMax?: number, yMin?: number, yMax?: number,
   *   resolution?: number, neurons?: boolean}} [options] defaults -6, 6, -6, 6, 50, false
   * @returns {{outputs: Float64Array, neurons: Float64Array|null, resolution: number}}
   *   outputs (resolution², outputCount); neurons (neuronCount, resolution²) if asked
   */
  grid(options) {
    const fn = 'grid';
    const ptr = this.#alive(fn);
    const o = checkOptions(fn, options, ['xMin', 'xMax', 'yMin', 'yMax', 'resolution', 'neurons', 'into']);
    const any = () => true;
    const xMin = numberOption(fn, o, 'xMin', -6, any, 'a finite number');
    const xMax = numberOption(fn, o, 'xMax', 6, any, 'a finite number');
    const yMin = numberOption(fn, o, 'yMin', -6, any, 'a finite number');
    const yMax = numberOption(fn, o, 'yMax', 6, any, 'a finite number');
    const res = integerOption(fn, o, 'resolution', 50, 2, 1000);
    const withNeurons = booleanOption(fn, o, 'neurons', false);
    if (!(xMin < xMax && yMin < yMax)) {
      throw new ActLabError('invalid_param', `${fn}: the range must have xMin < xMax and yMin < yMax, got ` +
        `x ${xMin}..${xMax}, y ${yMin}..${yMax}`, { xMin, xMax, yMin, yMax });
    }
    if (!this.config.features) {
      throw new ActLabError('unsupported', `${fn}: this network takes ${this.inputWidth} raw inputs, not ` +
        '2-D points; give it features (or layers[0] = 2) to draw a grid', {});
    }
    const points = res * res;
    const m = points * this.outputCount;
    const nn = withNeurons ? this.neuronCount * points : 0;
    const into = o.into === undefined ? undefined : gridTarget(fn, o.into, m, nn);
    return this.#core.withDoubles([m, nn], ([op, np]) => {
      this.#core.check(this.#core.c.al_net_grid(ptr, xMin, xMax, yMin, yMax, res, op, withNeurons ? np : 0), fn);
      const outputs = this.#core.copy(op, m, into?.outputs);
      const neurons = withNeurons ? this.#core.copy(np, nn, into?.neurons) : null;
      if (!into) return { outputs, neurons, resolution: res };
      into.resolution = res;
      return into;
    });
  }

  /** Every neuron's output for each input row: (neuronCount, rows), neuron-major. */
  neuronOutputs(inputs) {
    const fn = 'neuronOutputs';
    const ptr = this.#alive(fn);
    const x = this.#rows(fn, 'inputs', inputs, this.inputWidth);
    const m = x.rows * this.neuronCount;
    return this.#withData(x, null, [m], (xp, _yp, op) => {
      this.#core.check(this.#core.c.al_net_neuron_outputs(ptr, xp, x.rows, op), fn);
      return this.#core.copy(op, m);
    });
  }

  /**
   * Per hidden and output layer over the inputs: mean and std of its outputs,
   * the share of (row, neuron) pairs whose slope |f'(z)| is below 1% of the
   * activation's peak (saturated), and the share of neurons with f'(z) = 0 for
   * every row (dead). saturated/dead are null for a softmax output.
   * @returns {{mean: number, std: number, saturated: number|null, dead: number|null}[]}
   */
  layerStats(inputs) {
    const fn = 'layerStats';
    const ptr = this.#alive(fn);
    const x = this.#rows(fn, 'inputs', inputs, this.inputWidth);
    const L = this.config.layers.length - 1;
    return this.#withData(x, null, [4 * L], (xp, _yp, sp) => {
      this.#core.check(this.#core.c.al_net_layer_stats(ptr, xp, x.rows, sp), fn);
      const s = this.#core.f64(sp, 4 * L);
      const nullable = (v) => (Number.isNaN(v) ? null : v);
      return Array.from({ length: L }, (_, l) => ({
        mean: s[4 * l], std: s[4 * l + 1], saturated: nullable(s[4 * l + 2]), dead: nullable(s[4 * l + 3]),
      }));
    });
  }

  /** Norm of each layer's gradient (weights and biases) at the last training step; zeros before training. */
  gradientNorms() {
    const fn = 'gradientNorms';
    const ptr = this.#alive(fn);
    const L = this.config.layers.length - 1;
    return this.#core.withDoubles([L], ([np]) => {
      this.#core.check(this.#core.c.al_net_grad_norms(ptr, np), fn);
      return this.#core.copy(np, L);
    });
  }

  /** Every weight and bias: per layer, W (outputs, inputs) row-major then b. */
  getParams() {
    const fn = 'getParams';
    const ptr = this.#alive(fn);
    const n = this.paramCount;
    return this.#core.withDoubles([n], ([pp]) => {
      this.#core.check(this.#core.c.al_net_get_params(ptr, pp, n), fn);
      return this.#core.copy(pp, n);
    });
  }

  /** Replaces every weight and bias (getParams() layout); resets the optimiser state. */
  setParams(values) {
    const fn = 'setParams';
    const ptr = this.#alive(fn);
    const n = this.paramCount;
    const x = this.#rows(fn, 'values', values, 1);
    if (x.rows !== n) {
      throw new ActLabError('bad_size', `${fn}: this network has ${n} parameters, got ${x.rows} values`,
        { expected: n, length: x.rows });
    }
    this.#core.withDoubles([n], ([pp]) => {
      this.#core.f64(pp, n).set(x.data);
      this.#core.check(this.#core.c.al_net_set_params(ptr, pp, n), fn);
    });
  }

  /**
   * The parameters by layer: [{inputs, outputs, activation, weights, biases}],
   * weights (outputs, inputs) row-major. activation of the last layer is the output.
   */
  layers() {
    const p = this.getParams();
    const { layers, activation, output } = this.config;
    const result = [];
    let off = 0;
    for (let l = 1; l < layers.length; l++) {
      const nin = layers[l - 1];
      const nout = layers[l];
      const weights = p.slice(off, off + nin * nout);
      off += nin * nout;
      const biases = p.slice(off, off + nout);
      off += nout;
      result.push({ inputs: nin, outputs: nout, activation: l < layers.length - 1 ? activation[l - 1].name : output,
        weights, biases });
    }
    return result;
  }

  /**
   * For a network whose hidden activations are all identity: the one affine
   * map z = A x + c it computes before the output activation (x the input
   * features). With `inputs`, also maxDifference: the largest difference
   * between predict(inputs) and the output activation applied to A x + c.
   * @returns {{matrix: Float64Array, bias: Float64Array, inputs: number, outputs: number,
   *   maxDifference?: number}} matrix (outputs, inputs) row-major
   * @throws {ActLabError} 'unsupported' if a hidden activation is not identity
   */
  collapse(inputs) {
    const fn = 'collapse';
    const ptr = this.#alive(fn);
    const bad = this.config.activation.findIndex((a) => a.name !== 'identity');
    if (bad >= 0) {
      throw new ActLabError('unsupported', `${fn}: only a network whose hidden activations are all identity ` +
        `collapses to one affine map; hidden layer ${bad + 1} uses ${this.config.activation[bad].name}`,
        { layer: bad + 1, activation: this.config.activation[bad].name });
    }
    const n0 = this.config.layers[0];
    const k = this.outputCount;
    const result = this.#core.withDoubles([k * n0, k], ([ap, cp]) => {
      this.#core.check(this.#core.c.al_net_collapse(ptr, ap, cp), fn);
      return { matrix: this.#core.copy(ap, k * n0), bias: this.#core.copy(cp, k),
        inputs: n0, outputs: k };
    });
    if (inputs !== undefined) {
      const x = this.#rows(fn, 'inputs', inputs, this.inputWidth);
      const predicted = this.predict(x.data);
      const z = new Float64Array(x.rows * k);
      const feats = new Float64Array(n0);
      for (let r = 0; r < x.rows; r++) {
        this.#features(x.data, r, feats);
        for (let j = 0; j < k; j++) {
          let s = result.bias[j];
          for (let i = 0; i < n0; i++) s += result.matrix[j * n0 + i] * feats[i];
          z[r * k + j] = s;
        }
      }
      const out = this.#head(z, x.rows);
      let max = 0;
      for (let i = 0; i < out.length; i++) max = Math.max(max, Math.abs(out[i] - predicted[i]));
      result.maxDifference = max;
    }
    return result;
  }

  // Input features of row r (as the engine computes them).
  #features(data, r, out) {
    const f = this.config.features;
    if (!f) {
      for (let i = 0; i < out.length; i++) out[i] = data[r * out.length + i];
      return;
    }
    const x1 = data[2 * r];
    const x2 = data[2 * r + 1];
    const value = { x1, x2, x1_sq: x1 * x1, x2_sq: x2 * x2, x1_x2: x1 * x2, sin_x1: Math.sin(x1), sin_x2: Math.sin(x2) };
    f.forEach((name, i) => { out[i] = value[name]; });
  }

  // The output activation applied to pre-activations z (rows, outputCount).
  #head(z, rows) {
    const { output } = this.config;
    if (output === 'identity') return z;
    if (output !== 'softmax') return this.#lab.evaluate(output, z);
    const k = this.outputCount;
    const out = new Float64Array(z.length);
    for (let r = 0; r < rows; r++) out.set(this.#lab.softmax(z.subarray(r * k, (r + 1) * k)), r * k);
    return out;
  }

  /** {format, version, config, epochs, params}: everything lab.networkFromJSON needs. */
  toJSON() {
    const params = Array.from(this.getParams());
    const config = { ...this.config, seed: typeof this.config.seed === 'bigint' ? this.config.seed.toString() : this.config.seed };
    return { format: JSON_FORMAT, version: JSON_VERSION, config: JSON.parse(JSON.stringify(config)),
      epochs: this.#epochs, params };
  }
}

const AL_MAX_PARAMS = 2;

function paramOk(v, rule) {
  if (!Number.isFinite(v)) return false;
  switch (rule) {
    case 'positive': return v > 0;
    case 'nonnegative': return v >= 0;
    case 'nonzero': return v !== 0;
    default: return true;
  }
}

// map.get(name), or an ActLabError 'unknown_<what>' that lists every valid
// name and suggests the nearest one.
function findName(fn, map, name, what) {
  const found = map.get(name);
  if (found) return found;
  const valid = [...map.keys()];
  const guess = closest(name, valid);
  throw new ActLabError(`unknown_${what}`,
    `${fn}: unknown ${what} ${JSON.stringify(name.slice(0, 60))}` +
    (guess ? ` (did you mean ${guess}?)` : '') + `; valid names are ${valid.join(', ')}`,
    { name, valid, suggestion: guess });
}

// The candidate nearest to `word` in edit distance, if it is close enough to
// be a plausible typo (at most a third of the letters differ); else null.
function closest(word, candidates) {
  const w = word.toLowerCase().slice(0, 64);
  let best = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}

// Optimal string alignment distance: insertions, deletions, substitutions and
// swaps of two neighbouring letters ("alhpa" -> "alpha") each cost 1.
function editDistance(a, b) {
  let before = null;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}
