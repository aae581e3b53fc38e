// network.exportCode and lab.exportCode as an API: bad arguments get an
// ActLabError naming what was wrong (with a guess for a misspelt
// framework), the network is untouched, a saved file exports without
// keeping a network, and what each export defines is there.
import { loadActLab, ActLabError, EXPORT_FRAMEWORKS, EXPORT_LANGUAGES } from '../web/lib/actlab.js';

let lab;
beforeAll(async () => {
  lab = await loadActLab();
});

const trained = () => {
  const net = lab.createNetwork({ layers: [2, 4, 3], activation: 'relu', output: 'softmax', optimizer: 'momentum' });
  net.train([[0, 1], [1, 0], [1, 1]], [0, 1, 2], { epochs: 3 });
  return net;
};

test('the frameworks and languages are listed, and each export defines what it promises', () => {
  expect(EXPORT_FRAMEWORKS).toEqual(['pytorch', 'keras', 'tfjs']);
  expect(EXPORT_LANGUAGES).toEqual(['en', 'zh']);
  const net = trained();
  const defines = {
    pytorch: ['def features(points)', 'def predict(points)', 'def loss_fn(out, y)', 'def penalty()', 'optimizer = ',
      'def train_step(points, y)', 'model = nn.Sequential('],
    keras: ['def features(points)', 'def predict(points)', 'model = keras.Sequential(', 'model.compile('],
    tfjs: ['export function features(points)', 'export function predict(points)', 'export const model', 'model.compile('],
  };
  for (const [fw, parts] of Object.entries(defines)) {
    const code = net.exportCode(fw);
    for (const part of parts) expect([fw, code.includes(part)]).toEqual([fw, true]);
  }
  net.dispose();
});

test('bad arguments are refused with the name of what was wrong; the network is unchanged', () => {
  const net = trained();
  const before = JSON.stringify(net.toJSON());
  const refuse = (call, code, text) => {
    let err;
    try {
      call();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(code === 'TypeError' ? TypeError : ActLabError);
    if (code !== 'TypeError') expect(err.code).toBe(code);
    expect(err.message).toMatch(text);
    return err;
  };
  const guess = refuse(() => net.exportCode('pytroch'), 'invalid_param', /framework must be one of pytorch, keras, tfjs.*did you mean pytorch/);
  expect(guess.details.suggestion).toBe('pytorch');
  refuse(() => net.exportCode(), 'invalid_param', /framework .* got nothing/);
  refuse(() => net.exportCode(42), 'invalid_param', /got number 42/);
  refuse(() => net.exportCode('keras', { language: 'fr' }), 'invalid_param', /language must be one of en, zh; got the string "fr"/);
  refuse(() => net.exportCode('keras', { langauge: 'zh' }), 'invalid_param', /unknown option "langauge" \(did you mean language\?\)/);
  refuse(() => net.exportCode('keras', 'zh'), 'TypeError', /options must be a plain object/);
  const hostile = { get language() { throw new Error('getter ran'); } };
  expect(() => net.exportCode('tfjs', hostile)).toThrow('getter ran'); // read once, before anything else
  expect(JSON.stringify(net.toJSON())).toBe(before);
  net.dispose();
  refuse(() => net.exportCode('pytorch'), 'disposed', /exportCode/);
});

test('lab.exportCode writes a saved network\'s code without keeping a network, and checks the file as networkFromJSON does', () => {
  const net = trained();
  const json = net.toJSON();
  expect(lab.exportCode(json, 'pytorch', { language: 'zh' })).toBe(net.exportCode('pytorch', { language: 'zh' }));
  expect(lab.exportCode(JSON.stringify(json), 'tfjs')).toBe(net.exportCode('tfjs'));
  net.dispose();
  expect(() => lab.exportCode({ ...json, params: json.params.slice(1) }, 'keras')).toThrow(ActLabError);
  expect(() => lab.exportCode('{not json', 'keras')).toThrow(/not valid JSON/);
  expect(() => lab.exportCode(json, 'caffe')).toThrow(/framework must be one of/);
});

test('a network on raw inputs exports too: features passes the rows through', () => {
  const net = lab.createNetwork({ layers: [4, 3, 1], output: 'identity' });
  for (const fw of EXPORT_FRAMEWORKS) {
    const code = net.exportCode(fw);
    expect(code).toMatch(/raw rows of 4 numbers/);
    expect(code).not.toMatch(/x1, x2 = |const x1 = /);
  }
  net.dispose();
});

// The page's and the Worker's bundles replace the code writer with a stand-in
// (tools/build-page.mjs): it re-exports actlab-export-names.js and forwards
// WRITER_CALLS. Every export of the real module must be one of those, or a
// call the page would find missing only when someone asks for code.
test('the bundles\' stand-in for the code writer has every export of the real one', async () => {
  const { readFileSync } = await import('node:fs');
  const real = await import('../web/lib/actlab-export.js');
  const names = await import('../web/lib/actlab-export-names.js');
  const build = readFileSync(new URL('../tools/build-page.mjs', import.meta.url), 'utf8');
  const calls = JSON.parse(/const WRITER_CALLS = (\[[^\]]*\]);/.exec(build)[1].replace(/'/g, '"'));
  expect(Object.keys(real).sort()).toEqual([...Object.keys(names), 'exporterReady', ...calls].sort());
  for (const k of Object.keys(names)) expect(real[k]).toBe(names[k]);
  expect(real.EXPORT_LANGUAGES).toEqual(Object.keys((await import('../web/lib/actlab-export-text.js')).EXPORT_TEXT));
});
