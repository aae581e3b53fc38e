// actlab-base.js - what the two halves of the ActLab API share: the error
// class, the Wasm heap helpers (every byte count checked before it reaches
// malloc, views re-created after every allocation, results copied out), the
// readers that take a caller's arrays apart exactly once, and the option
// helpers. Only web/lib/actlab.js and web/lib/actlab-network.js import it.

/** Largest array length any call accepts: 2^27 doubles is 1 GiB, half of the module's 2 GiB memory cap. */
export const MAX_LENGTH = 2 ** 27;

// The module's memory is capped at 2 GiB and malloc takes a 32-bit size: a
// request above this is refused in JS, before the value could wrap.
const MAX_ALLOCATION = 2 ** 31 - 2 ** 16;

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

/** A name or key from the caller, quoted for a message: at most `max` characters of it (a key may be a megabyte long). */
export const quote = (text, max = 60) => JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

export function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object' || typeof value === 'function') return `a${typeof value === 'object' ? 'n object' : ' function'}`;
  return `${typeof value} ${String(value)}`;
}

export function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// ---- the heap ------------------------------------------------------------------

/** The heap helpers of one loaded module. Every allocation is freed in `finally`. */
export class Core {
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
    if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > MAX_ALLOCATION) {
      throw new ActLabError('bad_size', `a request for ${bytes} bytes is more than the Wasm heap can hold ` +
        `(at most ${MAX_ALLOCATION})`, { bytes, limit: MAX_ALLOCATION });
    }
    const ptr = this.c.malloc(Math.max(bytes, 8));
    if (!ptr) {
      throw new ActLabError('out_of_memory', `out of memory: could not allocate ${bytes} bytes in the Wasm heap`,
        { bytes });
    }
    return ptr;
  }

  f64(ptr, n) { return new Float64Array(this.c.memory.buffer, ptr, n); }
  u32(ptr, n) { return new Uint32Array(this.c.memory.buffer, ptr, n); }
  i32(ptr, n) { return new Int32Array(this.c.memory.buffer, ptr, n); }

  // A JS-owned copy of n doubles at ptr into out (a new array by default).
  // new + set is about twice as fast as slice() in V8 for large arrays.
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

  code(status) { return this.string(this.c.al_status_code(status)); }

  check(status, context, details = {}) {
    if (status === 0) return;
    throw new ActLabError(this.code(status), `${context}: ${this.string(this.c.al_status_message(status))}`, details);
  }
}

// ---- reading the caller's arrays ---------------------------------------------------

// The length of a genuine Float64Array or Float32Array, read through the
// intrinsic getter (a subclass cannot override it); -1 for anything else.
const typedLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Float64Array.prototype), 'length').get;
function typedArrayLength(value) {
  if (!ArrayBuffer.isView(value) || !(value instanceof Float64Array || value instanceof Float32Array)) return -1;
  return typedLength.call(value);
}

function checkLength(fn, what, n, allowEmpty) {
  if (n === 0 && !allowEmpty) {
    throw new ActLabError('bad_size', `${fn}: ${what} is empty; at least one value is needed`, { argument: what });
  }
  if (n > MAX_LENGTH) {
    throw new ActLabError('bad_size', `${fn}: ${what} has ${n} elements; the limit is ${MAX_LENGTH}`,
      { argument: what, length: n, limit: MAX_LENGTH });
  }
}

/**
 * A number[] / Float64Array / Float32Array as a Float64Array copy the caller
 * can no longer change under us: a typed array is copied at once (its
 * buffer could be resized or refilled by code that runs later in the
 * call), a plain array (or a Proxy of one) is read once, element by
 * element. Holes and non-numbers are TypeErrors.
 */
export function readNumbers(fn, what, value, { allowEmpty = false } = {}) {
  const n = typedArrayLength(value);
  if (n >= 0) {
    checkLength(fn, what, n, allowEmpty);
    return new Float64Array(value);
  }
  if (!Array.isArray(value)) {
    throw new TypeError(`${fn}: ${what} must be a number[], Float64Array or Float32Array, got ${describe(value)}`);
  }
  const length = value.length;
  if (!Number.isSafeInteger(length)) throw new TypeError(`${fn}: ${what} has no valid length`);
  checkLength(fn, what, length, allowEmpty);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const v = i in value ? value[i] : undefined;
    if (typeof v !== 'number') throw new TypeError(`${fn}: ${what}[${i}] must be a number, got ${describe(v)}`);
    out[i] = v;
  }
  return out;
}

/**
 * Rows of `value` (flat row-major, or an array of rows), each `width` long
 * (width null: the first row's length for an array of rows, else
 * `flatWidth`), read once into {data: Float64Array, rows, width}: the top
 * level and each row are read element by element exactly once, so getters
 * and Proxies cannot change what we see. Throws naming the first bad value
 * (finite checked unless finite is false).
 */
export function readRows(fn, what, value, width, { finite = true, flatWidth = 2, rowsHint = 0 } = {}) {
  let data;
  let items = null; // the top level of a plain array (or Proxy of one), read once
  if (Array.isArray(value)) {
    const count = value.length;
    if (!Number.isSafeInteger(count) || count < 0) throw new TypeError(`${fn}: ${what} has no valid length`);
    checkLength(fn, what, count, true);
    items = new Array(count);
    for (let i = 0; i < count; i++) {
      // A hole is a mistake wherever it is, not a row of zeros nor a flat input (docs/api.md: a TypeError).
      if (!(i in value)) throw new TypeError(`${fn}: ${what}[${i}] is a hole (a missing element)`);
      items[i] = value[i];
    }
  } else if (typedArrayLength(value) < 0) {
    throw new TypeError(`${fn}: ${what} must be a number[], Float64Array, Float32Array or an array of ` +
      `rows, got ${describe(value)}`);
  }
  const nested = items !== null && items.length > 0 && (Array.isArray(items[0]) || ArrayBuffer.isView(items[0]));
  if (nested) {
    const rowsOf = items.map((row, r) => {
      if (!Array.isArray(row) && typedArrayLength(row) < 0) {
        throw new ActLabError('bad_size', `${fn}: ${what}[${r}] must be an array of ${width ?? 'the same count of'} numbers, ` +
          `got ${describe(row)}`, { argument: what, row: r, width });
      }
      return readNumbers(fn, `${what}[${r}]`, row, { allowEmpty: true });
    });
    width ??= rowsOf[0].length;
    if (width < 1 || items.length * width > MAX_LENGTH) {
      throw new ActLabError('bad_size', `${fn}: ${what} has ${items.length} rows of ${width}; the limit is ` +
        `${MAX_LENGTH} values`, { argument: what, length: items.length });
    }
    data = new Float64Array(items.length * width);
    rowsOf.forEach((cells, r) => {
      if (cells.length !== width) {
        throw new ActLabError('bad_size', `${fn}: ${what}[${r}] must be an array of ${width} numbers, got ` +
          `${describe(items[r])} of length ${cells.length}`, { argument: what, row: r, width });
      }
      data.set(cells, r * width);
    });
  } else {
    data = readNumbers(fn, what, items ?? value, { allowEmpty: true });
    // Flat inputs whose rows the labels have counted: the width is what divides evenly
    // (2 at least, as every network takes).
    const guess = rowsHint > 0 ? data.length / rowsHint : 0;
    if (width == null && Number.isInteger(guess) && guess >= 2) width = guess;
    width ??= flatWidth;
    if (data.length % width !== 0) {
      const hint = rowsHint > 0 ? `; the labels give ${rowsHint} rows, so give inputWidth or one label row per input row` : '';
      throw new ActLabError('bad_size', `${fn}: ${what} has ${data.length} values, not a multiple of ` +
        `${width} (values per row)${hint}`, { argument: what, length: data.length, width });
    }
  }
  const rows = data.length / width;
  if (rows === 0) {
    throw new ActLabError('bad_size', `${fn}: ${what} is empty; at least one row is needed`, { argument: what });
  }
  if (finite) {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        const row = Math.floor(i / width);
        throw new ActLabError('invalid_input', `${fn}: ${what} row ${row} column ${i % width} is ${data[i]}; ` +
          'every value must be a finite number', { argument: what, row, column: i % width, value: data[i] });
      }
    }
  }
  return { data, rows, width };
}

// ---- options ------------------------------------------------------------------------

/**
 * The options object as a plain copy with only the allowed keys (each read
 * once), or {} for undefined/null; an unknown key is refused with a guess.
 */
export function checkOptions(fn, options, allowed) {
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) {
    throw new TypeError(`${fn}: options must be a plain object, got ${describe(options)}`);
  }
  const copy = {};
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      const guess = closest(key, allowed);
      throw new ActLabError('invalid_param', `${fn}: unknown option ${quote(key)}` +
        (guess ? ` (did you mean ${guess}?)` : '') + `; the options are ${allowed.join(', ')}`,
        { param: key, allowed, suggestion: guess });
    }
    copy[key] = options[key];
  }
  return copy;
}

export function numberOption(fn, o, key, fallback, ok, rule) {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw new TypeError(`${fn}: ${key} must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v) || !ok(v)) {
    throw new ActLabError('invalid_param', `${fn}: ${key} must be ${rule}, got ${v}`, { param: key, value: v, rule });
  }
  return v;
}

export function integerOption(fn, o, key, fallback, min, max) {
  return numberOption(fn, o, key, fallback, (v) => Number.isInteger(v) && v >= min && v <= max,
    `an integer from ${min} to ${max}`);
}

export function booleanOption(fn, o, key, fallback) {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${key} must be true or false, got ${describe(v)}`);
  return v;
}

/** A seed as a BigInt below 2^64 (numbers up to 2^53 - 1, BigInts, or decimal strings as toJSON writes them). */
export function seedValue(v, make) {
  if (v === undefined) return 1n;
  if (typeof v === 'bigint' && v >= 0n && v < 2n ** 64n) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^[0-9]{1,20}$/.test(v) && BigInt(v) < 2n ** 64n) return BigInt(v);
  throw make(`must be an integer from 0 to 2^53 - 1 (or a BigInt below 2^64), got ${describe(v)}`);
}

export function seedOption(fn, o) {
  return seedValue(o.seed, (m) => new ActLabError('invalid_param', `${fn}: seed ${m}`, { param: 'seed', value: o.seed }));
}

// ---- names -----------------------------------------------------------------------------

/**
 * map.get(name), or an ActLabError 'unknown_<what>' that lists every valid
 * name and suggests the nearest one.
 */
export function findName(fn, map, name, what) {
  const found = map.get(name);
  if (found) return found;
  const valid = [...map.keys()];
  const guess = closest(name, valid);
  throw new ActLabError(`unknown_${what}`,
    `${fn}: unknown ${what} ${quote(name)}` +
    (guess ? ` (did you mean ${guess}?)` : '') + `; valid names are ${valid.join(', ')}`,
    { name, valid, suggestion: guess });
}

/**
 * The candidate nearest to `word` in edit distance, if it is close enough to
 * be a plausible typo (at most a third of the letters differ); else null.
 */
export function closest(word, candidates) {
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
