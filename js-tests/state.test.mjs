// The URL state: defaults, a round trip through serialise/parse, and links
// written by hand or by an attacker: every bad value falls back to its
// default, and no input survives parsing unless it is one of the known
// names or a finite number in range.
import { loadActLab } from '../web/lib/actlab.js';
import { LANGUAGES } from '../web/app/i18n.js';
import { FIELDS, LIMITS, defaultState, makeContext, paramAllowed, parseState, serializeState } from '../web/app/state.js';

let ctx;
beforeAll(async () => {
  const lab = await loadActLab();
  ctx = makeContext(lab, LANGUAGES);
});

test('an empty URL gives the defaults, and the defaults write an empty URL', () => {
  expect(parseState('', ctx)).toEqual(defaultState());
  expect(serializeState(defaultState())).toBe('');
});

test('a state survives serialise -> parse unchanged', () => {
  const state = { ...defaultState(), lang: 'zh', fn: ['gelu', 'leaky_relu', 'celu'], x: [-0.125, 1e-3],
    view: 'apart', depth: 17, x0: -2.5, focus: 'celu', p: { leaky_relu: { alpha: 0.3 }, celu: { alpha: 1e-7 } },
    z: [1000, -0.5, 1e-9, -10000], temp: 0.01, cmp: 'sparsemax', task: 'regression', arch: 'rnn', code: 'pytorch', fw: 'tfjs',
    ds: 'spiral_multi', noise: 0.35, n: 20, test: 0.9, dseed: 123456789, feat: ['x1_sq', 'sin_x2'], hidden: [],
    act: ['relu', 'gelu', 'relu'], lr: 1e-4, bs: 256, opt: 'adam', seed: 0, speed: 100, init: 'lecun_normal',
    l1: 0.0001, l2: 0.1, disc: true, tp: true, race: ['relu', 'sigmoid', 'tanh', 'leaky_relu'] };
  const text = serializeState(state);
  expect(text).toContain('fn=gelu,leaky_relu,celu');
  expect(parseState(text, ctx)).toEqual(state);
  expect(parseState(`#${text}`, ctx)).toEqual(state);
  expect(parseState(new URLSearchParams(text), ctx)).toEqual(state);
  // No functions selected is a state of its own, not the default.
  expect(parseState(serializeState({ ...defaultState(), fn: [] }), ctx).fn).toEqual([]);
});

test('bad and malicious values fall back to the defaults', () => {
  const d = defaultState();
  const cases = {
    'fn=<script>alert(1)</script>': { fn: d.fn },
    'fn=relu,<img src=x onerror=alert(1)>,tanh': { fn: ['relu', 'tanh'] },
    'fn=relu,relu,relu': { fn: ['relu'] },
    'fn=__proto__,constructor': { fn: d.fn },
    'x=1e999,2': { x: d.x },
    'x=5,1': { x: d.x },
    'x=1,1': { x: d.x },
    'x=-2000,1': { x: d.x },
    'x=0x10,20': { x: d.x },
    'x=1,2,3': { x: d.x },
    'x=NaN,1': { x: d.x },
    'depth=21': { depth: d.depth },
    'depth=2.5': { depth: d.depth },
    'depth=0': { depth: d.depth },
    'x0=Infinity': { x0: d.x0 },
    'x0=21': { x0: d.x0 },
    'view=javascript:alert(1)': { view: d.view },
    'lang=fr': { lang: undefined },
    'lang=zh': { lang: 'zh' },
    'focus=eval': { focus: undefined },
    'p=relu.alpha:1': { p: {} }, // relu has no parameter
    'p=celu.alpha:0': { p: {} }, // celu's alpha must be nonzero
    'p=softplus.beta:-1': { p: {} }, // positive
    'p=__proto__.polluted:1': { p: {} },
    'p=elu.alpha:1e400,leaky_relu.alpha:0.5': { p: { leaky_relu: { alpha: 0.5 } } },
    // Softmax lab: 2..20 finite logits with |z| <= 10000, every one valid or none kept.
    'z=1,2,3': { z: [1, 2, 3] },
    'z=5': { z: d.z },
    'z=1,,2': { z: d.z },
    'z=1,NaN': { z: d.z },
    'z=1,10001': { z: d.z },
    'z=1,2,<b>': { z: d.z },
    [`z=${Array(21).fill(1).join(',')}`]: { z: d.z },
    [`z=${Array(20).fill(1).join(',')}`]: { z: Array(20).fill(1) },
    'temp=0': { temp: d.temp },
    'temp=-1': { temp: d.temp },
    'temp=0.009': { temp: d.temp },
    'temp=101': { temp: d.temp },
    'temp=100': { temp: 100 },
    'cmp=softmax': { cmp: d.cmp },
    'cmp=sigmoid': { cmp: 'sigmoid' },
    'task=classification': { task: d.task },
    'task=__proto__': { task: d.task },
    'arch=transformer': { arch: d.arch },
    'code=tensorflow': { code: d.code },
    // Playground.
    'ds=mnist': { ds: d.ds },
    'ds=xor': { ds: 'xor' },
    'noise=1.5': { noise: d.noise },
    'n=10': { n: d.n },
    'n=100.5': { n: d.n },
    'n=2000': { n: 2000 },
    'test=0.95': { test: d.test },
    'dseed=-1': { dseed: d.dseed },
    'dseed=1e10': { dseed: d.dseed },
    'feat=': { feat: d.feat },
    'feat=x1,x1': { feat: d.feat },
    'feat=x1,x3': { feat: d.feat },
    'feat=sin_x1': { feat: ['sin_x1'] },
    'hidden=': { hidden: [] },
    'hidden=9': { hidden: d.hidden },
    'hidden=1,1,1,1,1,1,1': { hidden: d.hidden },
    'hidden=2,0': { hidden: d.hidden },
    'act=relu,eval': { act: d.act },
    'act=relu,relu': { act: ['relu', 'relu'] },
    'lr=0': { lr: d.lr },
    'lr=11': { lr: d.lr },
    'bs=0': { bs: d.bs },
    'bs=257': { bs: d.bs },
    'opt=rmsprop': { opt: d.opt },
    'speed=5': { speed: d.speed },
    'speed=100': { speed: 100 },
    'init=orthogonal': { init: d.init },
    'init=zeros': { init: 'zeros' },
    'l1=1.5': { l1: d.l1 },
    'l1=0.5': { l1: 0.5 },
    'l2=-0.01': { l2: d.l2 },
    'l2=1e-3': { l2: 0.001 },
    'disc=yes': { disc: d.disc },
    'tp=1': { tp: true },
    'race=relu': { race: d.race },
    'race=relu,relu': { race: d.race },
    'race=relu,tanh,elu,gelu,selu': { race: d.race },
    'race=relu,he_normal': { race: d.race }, // an activation and an initialiser do not race
    'race=relu,eval': { race: d.race },
    'race=auto,zeros': { race: d.race },
    'race=he_normal,zeros': { race: ['he_normal', 'zeros'] },
    'ch=03-relu-family': { ch: '03-relu-family' },
    'ch=03-relu-family.md': { ch: d.ch },
    'ch=../../etc/passwd': { ch: d.ch },
    'ch=': { ch: d.ch },
  };
  for (const [query, expected] of Object.entries(cases)) {
    expect([query, parseState(query, ctx)]).toEqual([query, { ...d, ...expected }]);
  }
  expect({}.polluted).toBeUndefined();
  // Over-long input is ignored as a whole.
  expect(parseState(`fn=relu&x=1,2&pad=${'a'.repeat(LIMITS.maxLength)}`, ctx)).toEqual(d);
  // At most maxFunctions names are kept.
  const many = ctx.catalog.size > LIMITS.maxFunctions ? [...ctx.catalog.keys()] : [];
  expect(parseState(`fn=${many.join(',')}`, ctx).fn.length).toBe(LIMITS.maxFunctions);
});

test('parameter rules follow the core catalog', () => {
  const rule = (r) => ({ rule: r });
  expect(paramAllowed(rule('positive'), 0)).toBe(false);
  expect(paramAllowed(rule('nonnegative'), 0)).toBe(true);
  expect(paramAllowed(rule('nonzero'), -1e-300)).toBe(true);
  expect(paramAllowed(rule('any'), NaN)).toBe(false);
  // Every rule the core reports is one the state knows.
  const rules = new Set([...ctx.catalog.values()].flatMap((a) => a.params.map((p) => p.rule)));
  for (const r of rules) expect(['any', 'positive', 'nonnegative', 'nonzero']).toContain(r);
  expect(Object.keys(FIELDS)).toEqual(['lang', 'fn', 'x', 'view', 'depth', 'x0', 'focus', 'p', 'z', 'temp', 'cmp', 'task', 'arch', 'code', 'fw',
    'ds', 'noise', 'n', 'test', 'dseed', 'feat', 'hidden', 'act', 'lr', 'bs', 'opt', 'seed', 'speed', 'init', 'l1', 'l2', 'disc', 'tp', 'race',
    'dh', 'dact', 'dopt', 'dlr', 'dtemp', 'dfw', 'dro', 'gk', 'gm', 'gv', 'gf', 'qd', 'qw', 'qa', 'qi', 'qs', 'qv', 'ch',
    'hide', 'proj', 'go']);
});

test("the URL takes the engine's features, optimisers and initialisers (plus 'auto'), and nothing else", async () => {
  const lab = await loadActLab();
  const o = lab.networkOptions;
  for (const init of ['auto', ...o.init]) expect(parseState(`init=${init}`, ctx).init).toBe(init);
  for (const opt of o.optimizer) expect(parseState(`opt=${opt}`, ctx).opt).toBe(opt);
  expect(parseState(`feat=${o.features.join(',')}`, ctx).feat).toEqual([...o.features]);
  expect(parseState(`race=${o.init.slice(0, 3).join(',')}`, ctx).race).toEqual(o.init.slice(0, 3));
  for (const bad of ['init=xavier', 'opt=rmsprop', 'feat=x1,x3', 'race=zeros,relu']) {
    const [key] = bad.split('=');
    expect(parseState(bad, ctx)[key]).toEqual(defaultState()[key]);
  }
});
