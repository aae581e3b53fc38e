// The two languages: same keys both ways, same {placeholders} per key, no
// empty strings, Chinese strings really in Chinese, and every key the page
// uses (in HTML, in t('...') calls, and the keys built from the catalog and
// facts) present. A missing key would show as the raw key on the page.
import { readFileSync, readdirSync } from 'node:fs';
import { loadActLab } from '../web/lib/actlab.js';
import { chooseLanguage, translator } from '../web/app/i18n.js';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { FACTS } from '../web/app/facts.js';
import { FAMILIES } from '../web/app/catalog.js';
import { SOFTMAX_PRESETS } from '../web/app/softmax.js';
import { HIDDEN } from '../web/app/chooser.js';
import { TASKS, ARCHS, FRAMEWORKS, EXPORTS, COMPARE, SPEEDS } from '../web/app/state.js';
import { RACERS } from '../web/app/digitmodel.js';
import { EXPORT_TEXT } from '../web/lib/actlab-export-text.js';
import { ROOT } from './helpers.mjs';

const { en, zh } = DICTIONARIES;
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('English and Chinese have the same keys and placeholders, and no empty strings', () => {
  expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  for (const key of Object.keys(en)) {
    expect([key, placeholders(zh[key])]).toEqual([key, placeholders(en[key])]);
    expect(en[key].trim()).not.toBe('');
    expect(zh[key].trim()).not.toBe('');
  }
});

test('the comments of exported code: the same keys and placeholders in both languages, the Chinese in Chinese', () => {
  const { en: e, zh: z } = EXPORT_TEXT;
  expect(Object.keys(z).sort()).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) {
    expect([key, placeholders(z[key])]).toEqual([key, placeholders(e[key])]);
    expect(e[key].trim()).not.toBe('');
    // Words (three letters or more outside placeholders) need Chinese; "y：{labels}" does not.
    if (/[a-z]{3,}/i.test(z[key].replace(/\{\w+\}/g, ''))) expect([key, /[\u4e00-\u9fff]/.test(z[key])]).toEqual([key, true]);
  }
  // Every key the writer uses exists (keys built from heads and frameworks included).
  const source = readFileSync(`${ROOT}/web/lib/actlab-export.js`, 'utf8');
  const used = new Set([...source.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]));
  for (const m of source.matchAll(/note: '(\w+)'|, '(\w+)'\)/g)) if (m[1] in e) used.add(m[1]);
  for (const head of ['identity', 'sigmoid', 'softmax', 'tanh']) used.add(`logits.${head}`).add(`predict.${head}`).add(`loss.${head}`);
  for (const fw of ['pytorch', 'keras', 'tfjs']) used.add(`defines.${fw}`).add(`weights.${fw}`);
  expect([...used].filter((k) => !(k in e))).toEqual([]);
  // And no key is left that nothing uses.
  const unused = Object.keys(e).filter((k) => !used.has(k) && !source.includes(`'${k}'`) && !source.includes(`.${k.split('.').pop()}\``));
  expect(unused).toEqual([]);
});

test('no dictionary gives a key twice (a JavaScript object keeps the last silently)', () => {
  const twice = (text) => {
    const keys = [...text.matchAll(/^\s+'?([\w.]+)'?: /gm)].map((m) => m[1]);
    return keys.filter((k, i) => keys.indexOf(k) !== i);
  };
  for (const lang of ['en', 'zh']) expect([lang, twice(readFileSync(`${ROOT}/web/app/lang/${lang}.js`, 'utf8'))]).toEqual([lang, []]);
  const text = readFileSync(`${ROOT}/web/lib/actlab-export-text.js`, 'utf8');
  const [, en, zh] = text.split(/^ {2}(?:en|zh): \{$/m);
  expect([twice(en), twice(zh)]).toEqual([[], []]);
});

test('Chinese strings are written in Chinese', () => {
  // Only strings made of symbols (formulas, axis names) may match English.
  // Names of functions and frameworks are written the same in Chinese texts.
  const symbolic = (s) => !/[a-z]{3,}/i.test(s.replace(/\{\w+\}/g, '').replace(/\b(sin|cos|exp|log)\b/g, ''));
  const NAMES = new Set(['softmax', 'sparsemax', 'argmax', 'Keras', 'PyTorch', 'TensorFlow']);
  for (const [key, text] of Object.entries(zh)) {
    if (symbolic(text) || NAMES.has(text)) continue;
    expect([key, /[\u4e00-\u9fff]/.test(text)]).toEqual([key, true]);
  }
});

function sourceFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory() && !['lib', 'vendor', 'lang'].includes(e.name)) sourceFiles(p, out);
    else if (/\.(js|html)$/.test(e.name) && e.name !== 'actlab-offline.html') out.push(p); // built from these
  }
  return out;
}

test('every key the page uses exists', async () => {
  const used = new Set();
  for (const file of sourceFiles(`${ROOT}/web`)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/data-i18n="([\w.]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/'data-i18n': '([\w.]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].split(';')) used.add(pair.split(':')[1]);
    for (const m of text.matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/\(l(?:ang)?\)\('([\w.]+)'/g)) used.add(m[1]);
    // Keys written as literals in lists (table headings, rows of answers).
    for (const m of text.matchAll(/'((?:app|nav|load|footer|embed|ex|sm|ch|dg|lazy)\.[\w.]+)'/g)) used.add(m[1]);
  }
  // Keys built at run time from the catalog and the facts.
  const lab = await loadActLab();
  for (const a of lab.activations) used.add(`fn.${a.name}.use`).add(`fn.${a.name}.grad`);
  for (const f of FAMILIES) used.add(`ex.family.${f}`);
  for (const f of Object.values(FACTS)) used.add(`ex.smooth.${f.smooth}`).add(`ex.saturates.${f.saturates}`).add(`ex.cost.${f.cost}`);
  for (const p of ['classic', 'relu', 'smooth', 'hard']) used.add(`ex.preset.${p}`);
  for (const v of ['together', 'apart']) used.add(`ex.view.${v}`);
  for (const k of Object.keys(SOFTMAX_PRESETS)) used.add(`sm.preset.${k}`);
  for (const c of COMPARE) used.add(`sm.cmp.${c}`).add(`sm.cmp.${c}.note`);
  for (const c of COMPARE.filter((v) => v !== 'none')) used.add(`sm.series.${c}`).add(`sm.col.${c}`);
  for (const task of TASKS) {
    for (const k of ['task.', 'out.', 'loss.']) used.add(`ch.${k}${task}`).add(`ch.${k}${task}${k === 'task.' ? '.eg' : '.why'}`);
  }
  for (const arch of ARCHS) {
    used.add(`ch.arch.${arch}`).add(`ch.arch.${arch}.eg`).add(`ch.hidden.${arch}`).add(`ch.hidden.${arch}.why`).add(`ch.scale.${arch}`);
    used.add(`ch.init.${HIDDEN[arch].init}`).add(`ch.init.${HIDDEN[arch].init}.why`);
  }
  for (const task of ['multiclass', 'multilabel']) used.add(`ch.link.softmax.${task}`);
  for (const fw of [...FRAMEWORKS, ...EXPORTS]) used.add(`ch.code.${fw}`);
  for (const fw of EXPORTS) used.add(`pg.export.howto.${fw}`);
  for (const d of lab.datasets.filter((x) => x.inputs === 2)) used.add(`pg.ds.${d.name}`).add(`pg.output.${d.task}`).add(`pg.legend.${d.task}`);
  // The engine's names (lab.networkOptions): a feature, optimiser or initialiser added in C needs its words here.
  for (const f of lab.networkOptions.features) used.add(`pg.feat.${f}`);
  for (const o of lab.networkOptions.optimizer) used.add(`pg.opt.${o}`);
  for (const i of ['auto', ...lab.networkOptions.init]) used.add(`pg.init.${i}`);
  for (const why of ['data', 'features', 'layers', 'activation', 'init', 'seed', 'output', 'network']) used.add(`pg.restart.${why}`);
  for (const v of SPEEDS) used.add(`pg.speed.${v}`);
  for (const k of ['train', 'test']) used.add(`pg.loss.${k}`).add(`dg.part.${k}`);
  // The digits widget's keys built from its lists.
  for (const r of RACERS) used.add(`dg.racer.${r.id}`);
  for (const f of ['mistakes', 'all']) used.add(`dg.test.${f}`);
  expect(used.size).toBeGreaterThan(200);
  const missing = [...used].filter((k) => !(k in en));
  expect(missing).toEqual([]);
});

test('language choice: URL, then the remembered choice, then the browser, then English', () => {
  expect(chooseLanguage({ requested: 'zh', stored: 'en', browser: ['en-US'] })).toBe('zh');
  expect(chooseLanguage({ requested: 'fr', stored: 'zh', browser: ['en-US'] })).toBe('zh');
  expect(chooseLanguage({ requested: '<script>', browser: ['zh-TW', 'en'] })).toBe('zh');
  expect(chooseLanguage({ browser: ['de-DE', 'en-GB'] })).toBe('en');
  expect(chooseLanguage({ browser: ['ja'] })).toBe('en');
  expect(chooseLanguage()).toBe('en');
});

test('translator fills placeholders and leaves unknown ones visible', () => {
  const t = translator('zh');
  expect(t('load.ready', { count: 31 })).toBe('已加载 31 个激活函数');
  expect(translator('en')('load.ready', {})).toBe('{count} activation functions loaded');
  expect(translator('xx')('ex.title')).toBe(en['ex.title']);
});

// One Chinese word per term, in the chapters and on the page (the review asked for the common
// ones): each pair is [the word used, the variants that must not appear].
test('Chinese terms are the same everywhere: 修正线性单元, 坍缩, 平滑, 训练场, 神经元死亡', () => {
  const TERMS = [['修正线性单元', ['线性整流', '整流线性']], ['坍缩', ['塌缩']], ['平滑', ['光滑']],
    ['训练场', ['游乐场', '练习场']], ['神经元死亡', ['ReLU 死亡']]];
  const texts = [...readdirSync(`${ROOT}/docs/zh`).map((f) => [`docs/zh/${f}`, readFileSync(`${ROOT}/docs/zh/${f}`, 'utf8')]),
    ['docs/en/09-glossary.md', readFileSync(`${ROOT}/docs/en/09-glossary.md`, 'utf8')],
    ['web/app/lang/zh.js', readFileSync(`${ROOT}/web/app/lang/zh.js`, 'utf8')]];
  for (const [word, variants] of TERMS) {
    expect([word, texts.some(([, t]) => t.includes(word))]).toEqual([word, true]);
    for (const v of variants) expect([v, texts.filter(([, t]) => t.includes(v)).map(([f]) => f)]).toEqual([v, []]);
  }
  // Percentages as Chinese typesetting writes them: 41%, no space.
  const chinese = texts.filter(([f]) => !f.startsWith('docs/en'));
  expect(chinese.flatMap(([f, t]) => (t.match(/[0-9}] %/g) ?? []).map((m) => `${f}: ${m}`))).toEqual([]);
  expect(chinese.some(([, t]) => /\d%/.test(t))).toBe(true);
});

// The page loads a widget's strings with the widget (web/app/lang/parts.js):
// a file may use only keys of the first view's part ('core') or its own
// widget's, else it would show a key name until the other widget loads.
test('every file uses only strings of its own part or the first view\'s', async () => {
  const { partOf } = await import('../web/app/lang/parts.js');
  const { readdirSync: list, readFileSync: read } = await import('node:fs');
  const FILE_PART = [[/^explorer\.js$/, 'info'], [/^(softmax)\.js$/, 'softmax'], [/^chooser\.js$/, 'chooser'], [/^(pg\w*|playground)\.js$/, 'playground'],
    [/^digit\w*\.js$/, 'digits'], [/^galton\.js$/, 'galton'], [/^(distributions|distmodel)\.js$/, 'distributions'],
    [/^(tutorial|exercises)\.js$/, 'tutorial']];
  const keys = Object.keys(DICTIONARIES.en);
  const wrong = [];
  const check = (file, part, text) => {
    for (const m of text.matchAll(/['"`]((?:sm|ch|pg|dg|g|q|tut|ex|fn|app|nav|lazy|list|load|embed|lang|footer)\.[A-Za-z0-9_.]*)(\$\{)?/g)) {
      const [, literal, template] = m;
      const used = template ? keys.filter((k) => k.startsWith(literal)) : keys.filter((k) => k === literal);
      for (const k of used) if (partOf(k) !== 'core' && partOf(k) !== part) wrong.push(`${file}: ${k} (${partOf(k)})`);
    }
  };
  for (const f of list(`${ROOT}/web/app`).filter((n) => n.endsWith('.js'))) {
    check(f, FILE_PART.find(([re]) => re.test(f))?.[1] ?? 'core', read(`${ROOT}/web/app/${f}`, 'utf8'));
  }
  // The tutorial page wants its part from the start (tutorial-main.js).
  for (const [f, part] of [['index.html', 'core'], ['tutorial.html', 'tutorial'], ['embed.html', 'core']]) check(f, part, read(`${ROOT}/web/${f}`, 'utf8'));
  expect(wrong).toEqual([]);
  // And the parts cover every key, in both languages the same way.
  expect(Object.keys(DICTIONARIES.zh).map(partOf)).toEqual(keys.map(partOf));
});
