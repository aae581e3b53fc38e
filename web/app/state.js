// The page's state in the URL: one table of fields, each with its default,
// a strict parser (anything it does not accept falls back to the default,
// so a hand-edited or malicious link can only ever select known values) and
// a serialiser. Only fields that differ from their defaults are written.
// Parsing needs the catalog (names and parameter rules) the core reports.

import { CHAPTERS } from './chapters.js';

export const LIMITS = { xAbs: 1000, maxFunctions: 12, maxParams: 40, maxDepth: 20, x0Abs: 20, maxLength: 4000,
  minLogits: 2, maxLogits: 20, logitAbs: 10000, tempMin: 0.01, tempMax: 100,
  minSamples: 20, maxSamples: 2000, maxLayers: 6, maxNeurons: 8, maxSeed: 1e9, maxBatch: 256,
  minRacers: 2, maxRacers: 4, digitLayers: 6, digitWidth: 256, deepLayers: 10, deepWidth: 256,
  stdMin: 0.001, stdMax: 10, muAbs: 10, sigmaMin: 0.01, sigmaMax: 10 };
// The Galton board's input distributions and the deep network's histogram views.
export const GALTON_INPUTS = ['normal', 'uniform', 'bumps', 'layer'];
export const DEEP_VIEWS = ['output', 'pre', 'gradient'];

// The chooser's answers: problem types and architectures (chooser.js knows what each implies).
export const TASKS = ['regression', 'binary', 'multiclass', 'multilabel'];
export const ARCHS = ['mlp', 'cnn', 'rnn'];
export const FRAMEWORKS = ['keras', 'pytorch'];
// Playground: the frameworks its network exports to (network.exportCode).
export const EXPORTS = ['pytorch', 'keras', 'tfjs'];
export const COMPARE = ['none', 'sigmoid', 'sparsemax'];
// Playground: epochs per frame. Its features, optimisers and initialisers are the engine's
// (lab.networkOptions, in the parse context), with 'auto' for the initialiser the engine suggests.
export const SPEEDS = [1, 10, 100];
// Regularisation strengths offered for L1 and L2 (a link may give any from 0 to 1).
export const PENALTIES = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1];

// The page's widgets, in order (a link's go= names one).
export const SECTIONS = ['explorer', 'softmax', 'chooser', 'playground', 'digits', 'galton', 'distributions'];
// Controls a link may hide (hide=a,b): every widget's element marked data-control="name"
// (web/app/app.css hides them); 'tools' is the copy-link and projector bar itself.
export const HIDEABLE = ['intro', 'tools', 'presets', 'functions', 'view', 'range', 'params', 'table', 'info', 'layers',
  'code', 'logits', 'temperature', 'compare', 'jacobian', 'naive', 'data', 'network', 'training', 'export', 'inside', 'race'];

/** Whether v is an allowed logit (finite, |v| ≤ LIMITS.logitAbs). */
export const logitAllowed = (v) => Number.isFinite(v) && Math.abs(v) <= LIMITS.logitAbs;
/** Whether v is an allowed softmax temperature. */
export const tempAllowed = (v) => Number.isFinite(v) && v >= LIMITS.tempMin && v <= LIMITS.tempMax;

const finite = (s) => {
  if (typeof s !== 'string' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) return undefined;
  const v = Number(s);
  // -0 reads as 0: the link it writes back says 0 (found by js-tests/fuzz.test.mjs).
  return Number.isFinite(v) ? v + 0 : undefined;
};

const RULES = {
  any: () => true,
  positive: (v) => v > 0,
  nonnegative: (v) => v >= 0,
  nonzero: (v) => v !== 0,
};

/** Whether value is allowed for the parameter (its rule from the core's catalog). */
export function paramAllowed(param, value) {
  return Number.isFinite(value) && (RULES[param.rule] ?? RULES.any)(value);
}

// Numbers in the URL: shortest round-trip form.
const num = (v) => String(v);
const oneOf = (list) => ({ parse: (s) => (list.includes(s) ? s : undefined), write: (v) => v });
// A name from a list the context gives (the engine's vocabulary).
const oneOfContext = (list) => ({ parse: (s, ctx) => (list(ctx).includes(s) ? s : undefined), write: (v) => v });
// A number field: finite, within [min, max], an integer if asked.
const numberIn = (min, max, integer = false) => ({
  parse: (s) => {
    const v = finite(s);
    return v !== undefined && v >= min && v <= max && (!integer || Number.isInteger(v)) ? v : undefined;
  },
  write: num,
});
// A learning rate: any the engine takes (its limit, lab.networkOptions.limits.learningRate).
const rate = { parse: (s, ctx) => { const v = finite(s); return v !== undefined && v > 0 && v <= ctx.maxRate ? v : undefined; }, write: num };
// A yes/no field written 1 or 0.
const flag = { parse: (s) => (s === '1' ? true : s === '0' ? false : undefined), write: (v) => (v ? '1' : '0') };
// A comma list of known names, each at most once, in order.
const namesFrom = (known, { min = 1, max = Infinity, repeat = false } = {}) => ({
  parse: (s, ctx) => {
    const names = s === '' ? [] : s.split(',');
    const allowed = typeof known === 'function' ? known(ctx) : known;
    if (names.length < min || names.length > max || !names.every((n) => allowed.includes(n))) return undefined;
    if (!repeat && new Set(names).size !== names.length) return undefined;
    return names;
  },
  write: (v) => v.join(','),
});

export const FIELDS = {
  lang: {
    default: undefined,
    parse: (s, ctx) => (ctx.languages.includes(s) ? s : undefined),
    write: (v) => v,
  },
  fn: {
    default: ['sigmoid', 'tanh', 'relu'],
    parse: (s, ctx) => {
      if (s === '') return [];
      const names = [...new Set(s.split(','))].filter((n) => ctx.catalog.has(n));
      return names.length ? names.slice(0, LIMITS.maxFunctions) : undefined;
    },
    write: (v) => v.join(','),
  },
  x: {
    default: [-6, 6],
    parse: (s) => {
      const parts = s.split(',');
      if (parts.length !== 2) return undefined;
      const [lo, hi] = parts.map(finite);
      return lo !== undefined && hi !== undefined && lo < hi && Math.abs(lo) <= LIMITS.xAbs &&
        Math.abs(hi) <= LIMITS.xAbs ? [lo, hi] : undefined;
    },
    write: (v) => v.map(num).join(','),
  },
  view: { default: 'together', ...oneOf(['together', 'apart']) },
  depth: { default: 10, ...numberIn(1, LIMITS.maxDepth, true) },
  x0: { default: 1, ...numberIn(-LIMITS.x0Abs, LIMITS.x0Abs) },
  focus: {
    default: undefined,
    parse: (s, ctx) => (ctx.catalog.has(s) ? s : undefined),
    write: (v) => v,
  },
  // Parameters as name.param:value pairs, e.g. leaky_relu.alpha:0.2; only
  // known parameters with values their rule allows are kept.
  p: {
    default: {},
    parse: (s, ctx) => {
      const out = {};
      let count = 0;
      for (const pair of s.split(',').slice(0, LIMITS.maxParams)) {
        const m = /^([a-z0-9_]+)\.([a-z0-9_]+):(.+)$/.exec(pair);
        if (!m) continue;
        const [, name, pname, text] = m;
        const param = ctx.catalog.get(name)?.params.find((q) => q.name === pname);
        const v = finite(text);
        if (!param || v === undefined || !paramAllowed(param, v)) continue;
        (out[name] ??= {})[pname] = v;
        count++;
      }
      return count ? out : undefined;
    },
    write: (v) => Object.entries(v).flatMap(([name, ps]) =>
      Object.entries(ps).map(([pname, value]) => `${name}.${pname}:${num(value)}`)).join(','),
  },
  // Softmax lab: the logits, the temperature, what to compare softmax with.
  z: {
    default: [-1, 2, -3, 4],
    parse: (s) => {
      const vs = s.split(',').map(finite);
      return vs.length >= LIMITS.minLogits && vs.length <= LIMITS.maxLogits &&
        vs.every((v) => v !== undefined && logitAllowed(v)) ? vs : undefined;
    },
    write: (v) => v.map(num).join(','),
  },
  temp: { default: 1, ...numberIn(LIMITS.tempMin, LIMITS.tempMax) },
  cmp: { default: 'none', ...oneOf(COMPARE) },
  // Chooser: the problem, the architecture, and which framework's code to show.
  task: { default: 'multiclass', ...oneOf(TASKS) },
  arch: { default: 'mlp', ...oneOf(ARCHS) },
  code: { default: 'keras', ...oneOf(FRAMEWORKS) },
  // Playground: the framework its exported code is for.
  fw: { default: 'pytorch', ...oneOf(EXPORTS) },
  // Playground: the data (dataset, noise, sample count, test share, data seed),
  // the network (features, hidden layer sizes, an activation per hidden
  // layer, seed) and training (learning rate, batch size, optimiser, speed).
  ds: { default: 'circle', parse: (s, ctx) => (ctx.datasets.includes(s) ? s : undefined), write: (v) => v },
  noise: { default: 0, ...numberIn(0, 1) },
  n: { default: 500, ...numberIn(LIMITS.minSamples, LIMITS.maxSamples, true) },
  test: { default: 0.5, ...numberIn(0.1, 0.9) },
  dseed: { default: 1, ...numberIn(0, LIMITS.maxSeed, true) },
  feat: { default: ['x1', 'x2'], ...namesFrom((ctx) => ctx.features) },
  hidden: {
    default: [4, 2],
    parse: (s) => {
      const sizes = s === '' ? [] : s.split(',').map(finite);
      return sizes.length <= LIMITS.maxLayers &&
        sizes.every((v) => Number.isInteger(v) && v >= 1 && v <= LIMITS.maxNeurons) ? sizes : undefined;
    },
    write: (v) => v.join(','),
  },
  act: { default: ['tanh'], ...namesFrom((ctx) => [...ctx.catalog.keys()], { max: LIMITS.maxLayers, repeat: true }) },
  lr: { default: 0.03, ...rate },
  bs: { default: 10, ...numberIn(1, LIMITS.maxBatch, true) },
  opt: { default: 'sgd', ...oneOfContext((ctx) => ctx.optimizers) },
  seed: { default: 1, ...numberIn(0, LIMITS.maxSeed, true) },
  speed: { default: 10, parse: (s) => SPEEDS.find((v) => String(v) === s), write: num },
  init: { default: 'auto', ...oneOfContext((ctx) => ['auto', ...ctx.inits]) },
  l1: { default: 0, ...numberIn(0, 1) },
  l2: { default: 0, ...numberIn(0, 1) },
  // Views: discretised decision map, test points shown.
  disc: { default: false, ...flag },
  tp: { default: false, ...flag },
  // Race mode: 2 to 4 hidden activations (or 2 to 4 initialisers) to train
  // side by side; empty when off. The two kinds are not mixed.
  race: {
    default: [],
    parse: (s, ctx) => {
      const names = s === '' ? [] : s.split(',');
      if (!names.length) return [];
      if (names.length < LIMITS.minRacers || names.length > LIMITS.maxRacers || new Set(names).size !== names.length) return undefined;
      return names.every((n) => ctx.catalog.has(n)) || names.every((n) => ctx.inits.includes(n)) ? names : undefined;
    },
    write: (v) => v.join(','),
  },
  // Digits: the hidden layer sizes and activations, the optimiser and its
  // rate, the softmax temperature of the output view, the framework of the
  // code shown, and the race's optimiser.
  dh: {
    default: [32],
    parse: (s) => {
      const sizes = s.split(',').map(finite);
      return sizes.length >= 1 && sizes.length <= LIMITS.digitLayers &&
        sizes.every((v) => Number.isInteger(v) && v >= 1 && v <= LIMITS.digitWidth) ? sizes : undefined;
    },
    write: (v) => v.join(','),
  },
  dact: { default: ['relu'], ...namesFrom((ctx) => [...ctx.catalog.keys()], { max: LIMITS.digitLayers, repeat: true }) },
  dopt: { default: 'adam', ...oneOfContext((ctx) => ctx.optimizers) },
  dlr: { default: 0.01, ...rate },
  dtemp: { default: 1, ...numberIn(LIMITS.tempMin, LIMITS.tempMax) },
  dfw: { default: 'keras', ...oneOf(FRAMEWORKS) },
  dro: { default: 'sgd', ...oneOf(['sgd', 'adam']) },
  // Distributions. The Galton board: the input distribution (kind, mean,
  // spread) and the function; its parameters are the explorer's `p`.
  gk: { default: 'normal', ...oneOf(GALTON_INPUTS) },
  gm: { default: 0, ...numberIn(-LIMITS.muAbs, LIMITS.muAbs) },
  gv: { default: 1, ...numberIn(LIMITS.sigmaMin, LIMITS.sigmaMax) },
  gf: { default: 'tanh', parse: (s, ctx) => (ctx.catalog.has(s) ? s : undefined), write: (v) => v },
  // The deep network: depth, width, activation, initialiser, its sigma for
  // 'normal', and which histograms are shown.
  qd: { default: 10, ...numberIn(1, LIMITS.deepLayers, true) },
  qw: { default: 256, ...numberIn(1, LIMITS.deepWidth, true) },
  qa: { default: 'tanh', parse: (s, ctx) => (ctx.catalog.has(s) ? s : undefined), write: (v) => v },
  qi: { default: 'normal', ...oneOfContext((ctx) => ctx.inits) },
  qs: { default: 0.01, ...numberIn(LIMITS.stdMin, LIMITS.stdMax) },
  qv: { default: 'output', ...oneOf(DEEP_VIEWS) },
  // Tutorial: the chapter shown (a file name of docs/en/ without .md).
  ch: { default: CHAPTERS[0], ...oneOf(CHAPTERS) },
  // For classrooms: the controls to hide (HIDEABLE), larger text and pictures (projector),
  // and the widget a link opens at (a copied link's).
  hide: { default: [], ...namesFrom(() => HIDEABLE, { min: 0 }) },
  proj: { default: false, ...flag },
  go: { default: undefined, ...oneOf(SECTIONS) },
};

/** A per-layer activation list written short: one name when every layer uses the same (as in the URL). */
export const compactActs = (acts) => (acts.every((a) => a === acts[0]) ? [acts[0]] : acts);

/** Whether a race compares initialisers (inits: the engine's names) rather than activations. */
export const raceByInit = (race, inits) => race.length > 0 && inits.includes(race[0]);

/**
 * A context for parse(), from a loaded ActLab: the catalog as a Map name ->
 * {name, params}, the languages, the dataset names, and the engine's
 * features, optimisers and initialisers (lab.networkOptions).
 */
export function makeContext(lab, languages) {
  const o = lab.networkOptions;
  return { catalog: new Map(lab.activations.map((a) => [a.name, a])), languages,
    datasets: lab.datasets.filter((d) => d.inputs === 2).map((d) => d.name),
    features: o.features, optimizers: o.optimizer, inits: o.init, maxRate: o.limits.learningRate };
}

const clone = (v) => (Array.isArray(v) ? [...v] : v && typeof v === 'object' ? structuredClone(v) : v);

export function defaultState() {
  return Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, clone(f.default)]));
}

/**
 * State from URL parameters (a query string, a hash, or URLSearchParams):
 * every field parsed strictly; unknown keys, repeated keys after the
 * first, over-long input and bad values are ignored.
 */
// A link's settings as text (a string with or without its ? or #, or URLSearchParams), and whether
// it is too long to read (over LIMITS.maxLength characters: then nothing in it is used).
function linkText(input) {
  const text = typeof input === 'string' ? input.replace(/^[?#]/, '') : input.toString();
  return { text, tooLong: text.length > LIMITS.maxLength };
}

export function parseState(input, ctx) {
  const state = defaultState();
  const link = linkText(input);
  const params = new URLSearchParams(link.tooLong ? '' : link.text);
  for (const [key, field] of Object.entries(FIELDS)) {
    const raw = params.get(key);
    if (raw === null) continue;
    const v = field.parse(raw, ctx);
    if (v !== undefined) state[key] = v;
  }
  return state;
}

/**
 * What parseState could not use from the same input, for the page to say:
 * {tooLong} (over LIMITS.maxLength characters: nothing was read), or the
 * settings it ignored (a known key with a value outside its rule, or a list
 * it read only in part, as "key=value") and the keys it does not know (other
 * than `known`).
 */
export function unreadSettings(input, ctx, known = []) {
  const { text, tooLong } = linkText(input);
  if (tooLong) return { tooLong: true, ignored: [], unknown: [] };
  const ignored = [];
  const unknown = [];
  const cut = (v) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
  for (const [key, raw] of new URLSearchParams(text)) {
    if (Object.hasOwn(FIELDS, key)) {
      // Refused (the whole value), or a list read in part (the items it dropped: an unknown name among known ones).
      const v = FIELDS[key].parse(raw, ctx);
      if (v === undefined) {
        ignored.push(`${cut(key)}=${cut(raw)}`);
      } else if (raw.includes(',')) {
        const kept = String(FIELDS[key].write(v)).split(',');
        const items = raw.split(',');
        if (items.length !== kept.length) {
          const dropped = items.filter((item) => !kept.includes(item));
          ignored.push(`${cut(key)}=${cut((dropped.length ? dropped : items).join(','))}`);
        }
      }
    } else if (!known.includes(key)) {
      unknown.push(cut(key));
    }
  }
  return { tooLong: false, ignored, unknown };
}

/** URL parameters for the fields that differ from their defaults (stable order). */
export function serializeState(state) {
  const params = new URLSearchParams();
  for (const [key, field] of Object.entries(FIELDS)) {
    const v = state[key];
    if (v === undefined) continue;
    const written = field.write(v);
    const def = field.default === undefined ? undefined : field.write(field.default);
    if (written !== def) params.set(key, written);
  }
  return params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}
