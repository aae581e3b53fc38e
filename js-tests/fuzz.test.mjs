// Seeded fuzzing of the JavaScript side (issue 22): saved networks mutated
// at random for networkFromJSON, random links for the URL state, and sizes
// near and past the limits for the wrapper's arithmetic. The seeds are fixed
// (a failure names one that reproduces it); the invariants hold for every input:
// a clear error (ActLabError with a documented code, or TypeError) or a right
// answer, a message of a line, and no memory left behind.
import { loadActLab, ActLabError, MAX_LENGTH } from '../web/lib/actlab.js';
import { FIELDS, LIMITS, defaultState, makeContext, parseState, serializeState, unreadSettings } from '../web/app/state.js';
import { LANGUAGES } from '../web/app/i18n.js';

let lab;
let ctx;
beforeAll(async () => {
  lab = await loadActLab();
  ctx = makeContext(lab, LANGUAGES);
});

// mulberry32: small, seeded, the same on every machine.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.pick = (list) => list[Math.floor(next() * list.length)];
  next.int = (n) => Math.floor(next() * n);
  return next;
}

// Values that break things: wrong types, edges, huge, hostile.
const NASTY = [null, undefined, true, 0, -0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, NaN, Infinity, -Infinity,
  '', 'x', 'relu', '1', 'a'.repeat(5000), [], [1], [1, 2, 3], [[1]], ['x'], {}, { name: 'relu' }, { length: 3 },
  Array(50).fill(7), new Float64Array(3), [NaN], [null], '0x10'];

// A deep copy with one value somewhere replaced (or a key deleted).
function mutate(value, next, depth = 0) {
  if (value === null || typeof value !== 'object' || depth > 4 || next() < 0.25) {
    return next() < 0.1 ? undefined : next.pick(NASTY);
  }
  const copy = Array.isArray(value) ? [...value] : { ...value };
  const keys = Object.keys(copy);
  if (!keys.length) return copy;
  const key = next.pick(keys);
  const changed = mutate(copy[key], next, depth + 1);
  if (changed === undefined && !Array.isArray(copy)) delete copy[key];
  else copy[key] = changed;
  return copy;
}

const CODES = new Set(['invalid_json', 'invalid_config', 'unknown_activation', 'invalid_param', 'bad_size', 'invalid_input']);

test('networkFromJSON: 1,500 mutated saved networks each load or are refused clearly, and leak nothing', () => {
  const saved = [];
  for (const [config, epochs] of [[{ layers: [2, 4, 3, 1], activation: 'tanh', optimizer: 'adam', seed: 3 }, 3],
    [{ layers: [3, 5, 3], activation: ['relu'], features: ['x1', 'x2', 'x1_sq'], optimizer: 'momentum' }, 2],
    [{ layers: [2, 3, 1], activation: { name: 'leaky_relu', params: { alpha: 0.2 } }, output: 'identity' }, 0]]) {
    const net = lab.createNetwork(config);
    const xor = lab.makeDataset('xor', { count: 40, seed: 1 });
    if (epochs) net.train(xor.inputs, net.outputCount === 3 ? xor.labels.map((v) => v + 1) : xor.labels, { epochs });
    saved.push(net.toJSON());
    net.dispose();
  }
  const baseline = lab.memoryInUse();
  let loaded = 0;
  for (let seed = 1; seed <= 1500; seed++) {
    const next = rng(seed);
    let json = mutate(saved[seed % saved.length], next);
    if (next() < 0.2) json = mutate(json, next); // sometimes two changes
    if (next() < 0.1) json = JSON.stringify(json)?.slice(0, next.int(400)) ?? 'null'; // cut text
    let net = null;
    try {
      net = lab.networkFromJSON(json);
    } catch (err) {
      const known = err instanceof TypeError || (err instanceof ActLabError && CODES.has(err.code));
      expect([seed, known, err.message.length < 600]).toEqual([seed, true, true]);
    }
    if (net) {
      loaded++;
      // What loaded works: a prediction of the right size.
      expect([seed, net.predict(new Float64Array(2 * net.inputWidth)).length]).toEqual([seed, 2 * net.outputCount]);
      net.dispose();
    }
  }
  expect(lab.memoryInUse()).toBe(baseline);
  expect(loaded).toBeGreaterThan(20); // mutations that keep a file valid (a key deleted that has a default, ...) still load
});

const KEYS = Object.keys(FIELDS);
const PIECES = ['', '0', '1', '-1', '2.5', '1e3', '1e400', 'NaN', 'relu', 'gelu', 'sigmoid', 'adam', 'sgd', 'x1', 'x2',
  'leaky_relu.alpha:0.2', 'tanh.x:1', '%', '%ZZ', '%E4%B8%AD', '中', '<script>', '&', '=', 'true', '8', '256', '-0'];
function randomLink(next) {
  const parts = [];
  for (let i = next.int(8); i >= 0; i--) {
    const key = next() < 0.8 ? next.pick(KEYS) : next.pick(['lang', 'nope', '', 'fn[]', '__proto__', 'constructor']);
    const value = Array.from({ length: 1 + next.int(4) }, () => next.pick(PIECES)).join(next.pick([',', ';', '']));
    parts.push(`${key}=${value}`);
  }
  return parts.join('&');
}

test('the URL state: 3,000 random links parse without throwing, to a state that round-trips, and what is ignored is said', () => {
  const defaults = defaultState();
  for (let seed = 1; seed <= 3000; seed++) {
    const next = rng(seed);
    const link = randomLink(next);
    const state = parseState(link, ctx);
    // Every field is the default or a value its parser accepts; the state's own link reads back to it.
    const again = parseState(serializeState(state), ctx);
    expect([seed, link, again]).toEqual([seed, link, state]);
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype);
    // A known key named as ignored kept its default, or was read in part (fewer list items); unknown keys are listed.
    const unread = unreadSettings(link, ctx, ['lang']);
    const params = new URLSearchParams(link);
    for (const entry of unread.ignored) {
      const key = entry.slice(0, entry.indexOf('='));
      // (With the key given twice, the second copy decides: check only single ones.)
      if (params.getAll(key).length !== 1) continue;
      const raw = params.get(key);
      const partial = raw.split(',').length !== String(FIELDS[key].write(state[key] ?? defaults[key])).split(',').length;
      expect([seed, key, JSON.stringify(state[key]) === JSON.stringify(defaults[key]) || partial]).toEqual([seed, key, true]);
    }
    // And a key not named was read whole: its state writes back to as many items.
    for (const [key, raw] of params) {
      if (!Object.hasOwn(FIELDS, key) || params.getAll(key).length !== 1 || unread.ignored.some((e) => e.startsWith(`${key}=`))) continue;
      expect([seed, key, String(FIELDS[key].write(state[key])).split(',').length]).toEqual([seed, key, raw.split(',').length]);
    }
    for (const key of unread.unknown) expect(KEYS).not.toContain(key);
  }
  // Over the length limit: nothing read, and said.
  const long = `fn=relu&x=-2,2&${'z=1,2&'.repeat(800)}`;
  expect(long.length).toBeGreaterThan(LIMITS.maxLength);
  expect(parseState(long, ctx)).toEqual(defaults);
  expect(unreadSettings(long, ctx).tooLong).toBe(true);
});

test('size arithmetic: lengths near and past the limits are refused before anything is read or allocated', () => {
  const baseline = lab.memoryInUse();
  const net = lab.createNetwork({ layers: [2, 8, 8, 3], activation: 'relu' });
  // An array-like whose elements throw if read: the size must be refused first.
  const huge = (length) => new Proxy([], {
    get(target, key) {
      if (key === 'length') return length;
      if (typeof key === 'string' && /^\d+$/.test(key)) throw new Error(`element ${key} was read`);
      return Reflect.get(target, key);
    },
    has: () => true,
  });
  const next = rng(7);
  const lengths = [MAX_LENGTH + 1, MAX_LENGTH + 2, 2 ** 31, 2 ** 32 + 2, 2 ** 53 - 1];
  for (let i = 0; i < 20; i++) lengths.push(MAX_LENGTH + 1 + next.int(2 ** 30));
  const calls = [
    (xs) => lab.evaluate('relu', xs),
    (xs) => lab.softmax(xs),
    (xs) => lab.binaryCrossEntropy(xs, xs),
    (xs) => net.predict(xs),
    (xs) => net.neuronOutputs(xs),
    (xs) => net.layerStats(xs),
    (xs) => lab.bindData(xs, [0]),
  ];
  for (const length of lengths) {
    for (const call of calls) {
      let code = 'accepted';
      try {
        call(huge(length));
      } catch (err) {
        code = err instanceof ActLabError ? err.code : `${err.constructor.name}: ${err.message}`;
      }
      expect([length, code]).toEqual([length, 'bad_size']);
    }
  }
  // Products of allowed sizes past the limit: rows x neurons, a grid's outputs, a Jacobian.
  const rows = Math.floor(MAX_LENGTH / 2) + 1; // fine as inputs (2 each), too many neuron outputs (19 each)
  let caught = null;
  try {
    net.neuronOutputs({ length: 2 * rows, __proto__: Float64Array.prototype });
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(TypeError); // not a typed array nor an array: refused by type, not read
  expect(() => lab.softmaxJacobian(new Float64Array(2 ** 14))).toThrow(expect.objectContaining({ code: 'bad_size' }));
  expect(() => net.grid({ resolution: 1001 })).toThrow(expect.objectContaining({ code: 'invalid_param' }));
  net.dispose();
  expect(lab.memoryInUse()).toBe(baseline);
}, 60000);
