// actlab.js - the JavaScript API over the ActLab Wasm core.
//
// The only code that touches the Wasm heap. The same file loads unchanged in
// a browser page (<script type="module">), in plain Node and in Jest: the
// module is a standalone Wasm reactor with one import, so no Emscripten glue
// is needed. Every call copies its inputs into the heap, calls C, copies the
// results out into JS-owned arrays and frees in `finally`; heap views are
// re-created after every allocation because memory growth detaches them.

const WASM_FILE = 'actlab_core.wasm';

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
    return fs.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new ActLabError('load_failed', `could not load ${url.href}: HTTP ${response.status}`,
      { url: url.href, status: response.status });
  }
  return response.arrayBuffer();
}

function describe(value) {
  if (value === null) return 'null';
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

/**
 * Loads and instantiates the Wasm core.
 * @param {object} [options]
 * @param {string|URL} [options.wasmUrl] where actlab_core.wasm is (default: next to this file)
 * @param {ArrayBuffer|Uint8Array|WebAssembly.Module} [options.wasmBinary] the module itself,
 *   for pages that embed it (no request is made then)
 * @returns {Promise<ActLab>}
 */
export async function loadActLab(options = {}) {
  if (!isPlainObject(options)) {
    throw new TypeError(`loadActLab(options): options must be a plain object, got ${describe(options)}`);
  }
  let source = options.wasmBinary;
  if (source === undefined) {
    const url = new URL(options.wasmUrl ?? WASM_FILE, import.meta.url);
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
  #kinds; // name -> {kind, name, params: [{name, default, rule}]}

  constructor(exports) {
    this.#c = exports;
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
    Object.freeze(this);
  }

  // ---- heap helpers ------------------------------------------------------

  #string(ptr) {
    if (!ptr) return null;
    const bytes = new Uint8Array(this.#c.memory.buffer);
    let end = ptr;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(ptr, end));
  }

  #malloc(bytes) {
    const ptr = this.#c.malloc(Math.max(bytes, 8));
    if (!ptr) {
      throw new ActLabError('out_of_memory',
        `out of memory: could not allocate ${bytes} bytes in the Wasm heap`, { bytes });
    }
    return ptr;
  }

  // A fresh view on every use: memory growth replaces memory.buffer.
  #f64(ptr, n) { return new Float64Array(this.#c.memory.buffer, ptr, n); }

  // Allocates doubles for each length in `sizes`, runs fn(ptrs), frees all.
  #withDoubles(sizes, fn) {
    const ptrs = [];
    try {
      for (const n of sizes) ptrs.push(this.#malloc(n * 8));
      return fn(ptrs);
    } finally {
      for (const p of ptrs) this.#c.free(p);
    }
  }

  #check(status, context) {
    if (status === 0) return;
    const code = this.#string(this.#c.al_status_code(status));
    const message = this.#string(this.#c.al_status_message(status));
    throw new ActLabError(code, `${context}: ${message}`);
  }

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
    const found = this.#kinds.get(name);
    if (!found) {
      const valid = [...this.#kinds.keys()];
      const guess = closest(name, valid);
      throw new ActLabError('unknown_activation',
        `${fn}: unknown activation ${JSON.stringify(name.slice(0, 60))}` +
        (guess ? ` (did you mean ${guess}?)` : '') + `; valid names are ${valid.join(', ')}`,
        { name, valid, suggestion: guess });
    }
    return found;
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
      return this.#f64(xp, n).slice();
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
      return this.#f64(op, m).slice();
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
      return { loss: this.#f64(lp, 1)[0], gradient: this.#f64(zp, n).slice() };
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
      const losses = this.#f64(lp, n).slice();
      let sum = 0;
      let comp = 0; // Neumaier summation: the mean of many small losses stays exact
      for (let i = 0; i < n; i++) {
        const v = losses[i];
        const t = sum + v;
        comp += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
      }
      return { loss: (sum + comp) / n, losses, gradient: this.#f64(zp, n).slice() };
    });
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
