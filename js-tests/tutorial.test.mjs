// The tutorial's chapters (docs/en/*.md, docs/zh/*.md) as text: the two
// languages pair file by file and block by block; every number a chapter
// marks (0.25<!-- = d.sigmoid(0) -->) is what the core computes, to the
// digits printed; every formula it marks (<!-- fn sigmoid: ... -->) agrees
// with the core's function; every link leads somewhere that exists; every
// widget and exercise it asks for is known. Also the Markdown subset reader
// the page draws them with (web/app/markdown.js).
import { readFileSync, readdirSync } from 'node:fs';
import { loadActLab } from '../web/lib/actlab.js';
import { CHAPTERS } from '../web/app/chapters.js';
import { EXERCISES } from '../web/app/exercises.js';
import { parseMarkdown, inline, plainText, slugger } from '../web/app/markdown.js';
import { chapterParts, classifyLink, GOALS, ASIDE } from '../web/app/tutorial.js';
import { FIELDS, parseState, serializeState, makeContext, defaultState } from '../web/app/state.js';
import { LANGUAGES } from '../web/app/i18n.js';
import { FACTS } from '../web/app/facts.js';
import { networkConfig, playgroundData } from '../web/app/playground.js';
import { digitData, digitConfig } from '../web/app/digitmodel.js';
import { sampleInputs, populationFigures, deepData, deepConfig, DEEP_PRESETS } from '../web/app/distmodel.js';
import { ROOT } from './helpers.mjs';

const WIDGET_NAMES = ['explorer', 'softmax', 'chooser', 'playground', 'digits', 'galton', 'distributions'];
const text = (lang, id) => readFileSync(`${ROOT}/docs/${lang}/${id}.md`, 'utf8');
const parts = (lang, id) => chapterParts(parseMarkdown(text(lang, id)));

let lab;
let ctx;
beforeAll(async () => {
  lab = await loadActLab();
  ctx = makeContext(lab, LANGUAGES);
});

describe('the Markdown reader', () => {
  test('headings get GitHub\'s anchors, repeats numbered', () => {
    const slug = slugger();
    expect(slug('A layer is a matrix and a shift')).toBe('a-layer-is-a-matrix-and-a-shift');
    expect(slug('When y(1 − y) and 1 − y² lose every digit')).toBe('when-y1--y-and-1--y²-lose-every-digit');
    expect(slug('2. 两个“压缩”函数：sigmoid 与 tanh')).toBe('2-两个压缩函数sigmoid-与-tanh');
    expect(slug('Exercises')).toBe('exercises');
    expect(slug('Exercises')).toBe('exercises-1');
  });

  test('blocks: headings, paragraphs, lists with continued items, code, quotes, tables, directives', () => {
    const blocks = parseMarkdown([
      '# Title', '', 'One line', 'and the next.', '- item one', '  continued', '- item two', '',
      '```text', 'z = W x', '```', '> quoted', '| a | b |', '|---|---|', '| 1 | 2 |',
      '<!-- widget: explorer fn=relu -->', '<!-- fn relu: Math.max(0, x) -->', '中文第一行', '第二行，', 'sigmoid 函数在', 'x = 0', '处。', '',
      'An English “quote”', 'goes on.',
    ].join('\n'));
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'Title', id: 'title' },
      { type: 'paragraph', text: 'One line and the next.' },
      { type: 'list', ordered: false, items: ['item one continued', 'item two'] },
      { type: 'code', lang: 'text', text: 'z = W x' },
      { type: 'quote', text: 'quoted' },
      { type: 'table', head: ['a', 'b'], rows: [['1', '2']] },
      { type: 'directive', name: 'widget', value: 'explorer fn=relu' },
      // A comment alone on its line that is not a directive is a note for the checks: no block.
      // Chinese lines join without a space; a Latin word or number beside Chinese keeps one.
      { type: 'paragraph', text: '中文第一行第二行，sigmoid 函数在 x = 0 处。' },
      { type: 'paragraph', text: 'An English “quote” goes on.' },
    ]);
  });

  test('inline marks, links and dropped comments', () => {
    expect(inline('a `code` **b** *c* [d](01-x.md#y) e 0.25<!-- = d.sigmoid(0) -->.')).toEqual([
      { type: 'text', text: 'a ' }, { type: 'code', text: 'code' }, { type: 'text', text: ' ' },
      { type: 'strong', text: 'b' }, { type: 'text', text: ' ' }, { type: 'em', text: 'c' }, { type: 'text', text: ' ' },
      { type: 'link', text: 'd', href: '01-x.md#y' }, { type: 'text', text: ' e 0.25' }, { type: 'text', text: '.' },
    ]);
    expect(plainText('**Answer:** `x`')).toBe('Answer: x');
  });
});

describe('the chapters', () => {
  test('both languages have exactly the chapters listed, and nothing else', () => {
    for (const lang of LANGUAGES) {
      const files = readdirSync(`${ROOT}/docs/${lang}`).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();
      expect([lang, files]).toEqual([lang, [...CHAPTERS].sort()]);
    }
  });

  // The shape of a chapter: heading levels, widgets with their settings, exercises with their choice counts, code blocks.
  const shape = (lang, id) => parts(lang, id).flatMap((p) => {
    if (p.type === 'heading') return [`h${p.level}`];
    if (p.type === 'widget') return [`widget ${p.name} ${p.params}`];
    if (p.type === 'exercise') return [`exercise ${p.id} ${p.choices.length} choices, answer ${p.answer.length > 0}`];
    if (p.type === 'code') return ['code'];
    if (p.type === 'table') return [`table ${p.head.length}x${p.rows.length}`];
    return [];
  });

  test.each(CHAPTERS)('%s pairs heading by heading, widget by widget and exercise by exercise', (id) => {
    expect(shape('zh', id)).toEqual(shape('en', id));
    expect(shape('en', id)[0]).toBe('h1');
    expect(shape('en', id).filter((s) => s === 'h1')).toHaveLength(1);
  });

  // Marked numbers: the number before the comment (with an optional %) and the expression in it.
  const claimsOf = (source) => [...source.matchAll(/([−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?)(?:\s*%)?<!--\s*=\s*([\s\S]+?)\s*-->/g)]
    .map((m) => ({ shown: m[1].replace(/−/g, '-'), expr: m[2] }));
  const formulasOf = (source) => [...source.matchAll(/<!--\s*fn(′|')?\s+([a-z0-9_]+):\s*([\s\S]+?)\s*-->/g)]
    .map((m) => ({ derivative: Boolean(m[1]), name: m[2], expr: m[3] }));

  test.each(CHAPTERS)('%s states the same checked numbers and formulas in both languages', (id) => {
    const en = text('en', id);
    const zh = text('zh', id);
    expect(claimsOf(zh)).toEqual(claimsOf(en));
    expect(formulasOf(zh)).toEqual(formulasOf(en));
    // A teaching chapter (one with widgets) states numbers the test can check; the glossary need not.
    if (parts('en', id).some((p) => p.type === 'widget')) expect(claimsOf(en).length + formulasOf(en).length).toBeGreaterThan(0);
  });

  // What an expression may use: f.name(x, params) and d.name(x, params) from the core; the
  // playground's test accuracy pg(patch, epochs) and dead-unit shares dead(patch, epochs),
  // both trained one epoch per call as the page does; the digits widget's network for a
  // state patch after some epochs, dg(patch, epochs): {acc, p(row), z(row), label(row)} on its test images (row from 0).
  const digitNets = new Map();
  function digits(patch, epochs) {
    const key = JSON.stringify([patch, epochs]);
    if (!digitNets.has(key)) {
      const { train, test } = digitData(lab);
      const net = lab.createNetwork(digitConfig({ ...defaultState(), ...patch }));
      net.train(train.inputs, train.labels, { epochs });
      const probs = net.predict(test.inputs);
      const logits = net.logits(test.inputs);
      digitNets.set(key, { acc: net.evaluate(test.inputs, test.labels).accuracy,
        p: (row) => [...probs.subarray(row * 10, row * 10 + 10)], z: (row) => [...logits.subarray(row * 10, row * 10 + 10)],
        label: (row) => test.labels[row] });
      net.dispose();
    }
    return digitNets.get(key);
  }
  function scope() {
    const fn = (which) => new Proxy({}, { get: (_, name) => (x, params) => lab[which](name, [x], params)[0] });
    const run = (patch, epochs) => {
      const state = { ...defaultState(), ...patch };
      const info = lab.datasets.find((d) => d.name === state.ds);
      const data = playgroundData(lab, state);
      const net = lab.createNetwork(networkConfig(state, info));
      for (let e = 0; e < epochs; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
      return { net, data };
    };
    return {
      f: fn('evaluate'),
      d: fn('derivative'),
      softmax: (z, temperature = 1) => [...lab.softmax(z, { temperature })],
      logSoftmax: (z) => [...lab.logSoftmax(z)],
      ce: (z, label) => lab.crossEntropy(z, label).loss,
      bce: (z, target) => lab.binaryCrossEntropy([z], [target]).loss,
      argmax: (z) => lab.argmax(z),
      jacobian(z) {
        const j = lab.softmaxJacobian(z);
        return z.map((_, i) => [...j.slice(i * z.length, (i + 1) * z.length)]);
      },
      // The largest difference between two activations (or their slopes) on [a, b], on a grid of 10^5 steps.
      gap(one, two, a, b, derivative = false) {
        const xs = Float64Array.from({ length: 100001 }, (_, i) => a + ((b - a) * i) / 100000);
        const which = derivative ? 'derivative' : 'evaluate';
        const p = lab[which](one, xs);
        const q = lab[which](two, xs);
        return Math.max(...p.map((v, i) => Math.abs(v - q[i])));
      },
      // The lowest value of an activation on [a, b], on a grid of 10^5 steps.
      lowest(name, a, b) {
        const xs = Float64Array.from({ length: 100001 }, (_, i) => a + ((b - a) * i) / 100000);
        return Math.min(...lab.evaluate(name, xs));
      },
      // The largest change of any first-layer weight while the playground network trains `epochs`.
      moved(patch, epochs) {
        const state = { ...defaultState(), ...patch };
        const net = lab.createNetwork(networkConfig(state, lab.datasets.find((d) => d.name === state.ds)));
        const before = net.layers()[0].weights.slice();
        const data = playgroundData(lab, state);
        for (let e = 0; e < epochs; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
        const after = net.layers()[0].weights;
        net.dispose();
        return Math.max(...before.map((w, i) => Math.abs(after[i] - w)));
      },
      // Where an activation takes its lowest value on [a, b], on a grid of 10^5 steps.
      lowestAt(name, a, b) {
        const xs = Float64Array.from({ length: 100001 }, (_, i) => a + ((b - a) * i) / 100000);
        const ys = lab.evaluate(name, xs);
        return xs[ys.indexOf(Math.min(...ys))];
      },
      // The standard deviation of a hidden layer's initial weights (fan-in `fanIn`, 4,096 weights or more).
      initStd(init, fanIn) {
        const net = lab.createNetwork({ layers: [8, fanIn, 64, 1], init, activation: 'relu', seed: 3 });
        const w = net.layers()[1].weights;
        net.dispose();
        const mean = w.reduce((s2, v) => s2 + v, 0) / w.length;
        return Math.sqrt(w.reduce((s2, v) => s2 + (v - mean) ** 2, 0) / w.length);
      },
      pg(patch, epochs) {
        const { net, data } = run(patch, epochs);
        const { accuracy } = net.evaluate(data.test.inputs, data.test.labels);
        net.dispose();
        return accuracy;
      },
      dg: digits,
      // The Galton board's figures for an input distribution and a function (its default parameters).
      gal(kind, mu, sigma, fn) {
        const x = sampleInputs(kind, { mu, sigma }, 2000, 7);
        const grid = Float64Array.from({ length: 241 }, (_, i) => -6 + 0.05 * i);
        const peak = Math.max(...lab.derivative(fn, grid).map(Math.abs));
        return populationFigures(lab.evaluate(fn, x), lab.derivative(fn, x), peak);
      },
      // The deep-network widget's layerStats for one of its classic pictures, on its inputs.
      dq(preset) {
        const net = lab.createNetwork(deepConfig(DEEP_PRESETS[preset]));
        const stats = net.layerStats(deepData().inputs);
        net.dispose();
        return stats;
      },
      // The digits network trained `epochs`, then `more` epochs with other training options (as the widget carries on).
      dgOn(patch, epochs, options, more) {
        const { train, test } = digitData(lab);
        const net = lab.createNetwork(digitConfig({ ...defaultState(), ...patch }));
        net.train(train.inputs, train.labels, { epochs });
        net.setTrainingOptions(options);
        net.train(train.inputs, train.labels, { epochs: more });
        const { accuracy } = net.evaluate(test.inputs, test.labels);
        net.dispose();
        return accuracy;
      },
      dead(patch, epochs) {
        const { net, data } = run(patch, epochs);
        const stats = net.layerStats(data.train.inputs).map((s) => s.dead);
        net.dispose();
        return stats;
      },
    };
  }
  const evaluate = (expr, vars) => new Function(...Object.keys(vars), `"use strict"; return (${expr});`)(...Object.values(vars));

  // A number agrees with a value if the value rounds to it at the printed precision.
  function agrees(shown, value) {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e(-?\d+))?$/.exec(shown);
    const decimals = m[3]?.length ?? 0;
    const exponent = Number(m[4] ?? 0);
    const tolerance = 0.5 * 10 ** (exponent - decimals);
    return Math.abs(value - Number(shown)) <= tolerance * (1 + 1e-9);
  }

  test('the checker rounds as a reader does', () => {
    expect([agrees('0.964', Math.tanh(2)), agrees('0.96', Math.tanh(2)), agrees('0.965', Math.tanh(2))]).toEqual([true, true, false]);
    expect([agrees('4.25e-18', 4.248354255291589e-18), agrees('4.3e-18', 4.248354255291589e-18)]).toEqual([true, false]);
    expect([agrees('0', 0), agrees('0', 1e-300), agrees('-0.632', Math.expm1(-1))]).toEqual([true, true, true]);
  });

  test.each(CHAPTERS)('%s: every marked number is what the core computes', (id) => {
    const vars = scope();
    for (const { shown, expr } of claimsOf(text('en', id))) {
      const value = evaluate(expr, vars);
      expect([expr, shown, typeof value === 'number' && agrees(shown, value)]).toEqual([expr, shown, true]);
    }
  });

  // erf for the formulas (GELU's), written independently of the core: its Maclaurin series
  // below 2, where it converges fast, and above it 1 - erfc by the continued fraction
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), by Lentz's method.
  function erf(x) {
    if (x < 0) return -erf(-x);
    if (x < 2) {
      let term = x;
      let sum = x;
      for (let n = 1; Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
        term *= -x * x / n;
        sum += term / (2 * n + 1);
      }
      return (2 / Math.sqrt(Math.PI)) * sum;
    }
    const tiny = 1e-300;
    let fr = x;
    let c = x;
    let dd = 0;
    for (let k = 1; k < 500; k++) {
      const a = k / 2;
      dd = x + a * dd;
      dd = 1 / (Math.abs(dd) < tiny ? tiny : dd);
      c = x + a / c;
      const delta = c * dd;
      fr *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    return 1 - Math.exp(-x * x) / Math.sqrt(Math.PI) / fr;
  }

  test('the formulas\' erf is right (against values from tables)', () => {
    // erf(0.5) = 0.5204998778130465, erf(1) = 0.8427007929497149, erf(3) = 0.9999779095030014 (A&S table 7.1, extended).
    expect(Math.abs(erf(0.5) - 0.5204998778130465)).toBeLessThan(1e-15);
    expect(Math.abs(erf(1) - 0.8427007929497149)).toBeLessThan(1e-15);
    expect(Math.abs(erf(3) - 0.9999779095030014)).toBeLessThan(1e-15);
    expect(erf(-1)).toBe(-erf(1));
  });

  test.each(CHAPTERS)('%s: every marked formula is the core\'s function', (id) => {
    const xs = [-5, -3, -1.5, -0.7, -0.1, 0.05, 0.3, 1, 2.5, 4, 6];
    for (const { derivative, name, expr } of formulasOf(text('en', id))) {
      expect(lab.activations.map((a) => a.name)).toContain(name);
      const formula = new Function('x', 'erf', `"use strict"; return (${expr});`);
      const core = lab[derivative ? 'derivative' : 'evaluate'](name, xs);
      xs.forEach((x, i) => {
        const want = core[i];
        const got = formula(x, erf);
        expect([name, derivative, x, Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want))]).toEqual([name, derivative, x, true]);
      });
    }
  });

  test.each(CHAPTERS)('%s: every link leads to a chapter, a heading, a tool view or a secure page', (id) => {
    for (const lang of LANGUAGES) {
      const source = text(lang, id);
      for (const m of source.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)) {
        const link = classifyLink(m[2]);
        expect([lang, m[2], link.kind]).not.toEqual([lang, m[2], 'unknown']);
        if (link.kind === 'chapter' || link.kind === 'anchor') {
          const target = link.kind === 'chapter' ? link.chapter : id;
          expect(CHAPTERS).toContain(target);
          if (link.anchor) {
            const anchors = parseMarkdown(text(lang, target)).filter((b) => b.type === 'heading').map((b) => b.id);
            expect([lang, m[2], anchors.includes(link.anchor)]).toEqual([lang, m[2], true]);
          }
        }
        if (link.kind === 'tool') {
          // Every setting in the link is one the page accepts (it would silently drop a bad one).
          const hash = link.href.replace(/^[^#?]*[#?]?/, '');
          const state = parseState(hash, ctx);
          expect(new URLSearchParams(serializeState(state)).toString()).toBe(new URLSearchParams(hash).toString());
        }
      }
    }
  });

  test.each(CHAPTERS)('%s: its widgets and exercises are known, with settings the page accepts', (id) => {
    const seen = new Set();
    for (const p of parts('en', id)) {
      if (p.type === 'widget') {
        expect(WIDGET_NAMES).toContain(p.name);
        // One of each per chapter: the widgets' element ids are fixed.
        expect(seen.has(p.name)).toBe(false);
        seen.add(p.name);
        // Every setting is a known field with a value it accepts (a bad one would be dropped silently).
        for (const [k, v] of new URLSearchParams(p.params)) {
          expect([k, Object.hasOwn(FIELDS, k) && FIELDS[k].parse(v, ctx) !== undefined]).toEqual([k, true]);
        }
      }
      if (p.type === 'exercise') {
        const def = EXERCISES[p.id];
        expect([p.id, def?.kind]).toEqual([p.id, expect.stringMatching(/^(choice|predict|network|drawing|number|code)$/)]);
        expect(p.answer.length).toBeGreaterThan(0);
        if (def.kind === 'choice' || def.kind === 'predict') {
          expect(p.choices.length).toBeGreaterThanOrEqual(2);
          expect(def.answer).toBeLessThan(p.choices.length);
          if (def.kind === 'predict') {
            // Its widget is above it, and what the reader must set is a state that widget accepts.
            expect([p.id, seen.has(def.widget)]).toEqual([p.id, true]);
            for (const [k, v] of Object.entries(def.run)) {
              expect([k, Object.hasOwn(FIELDS, k) && FIELDS[k].parse(String(v), ctx)]).toEqual([k, v]);
            }
          }
        } else if (def.kind === 'number' || def.kind === 'code') {
          expect([p.id, p.choices.length, def.kind === 'code' ? typeof p.code : 'no code'])
            .toEqual([p.id, 0, def.kind === 'code' ? 'string' : 'no code']);
        } else {
          // A network exercise needs its widget above it (the playground unless it names another);
          // a drawing exercise the digits widget.
          const widget = def.kind === 'drawing' ? 'digits' : def.widget ?? 'playground';
          expect([p.id, seen.has(widget)]).toEqual([p.id, true]);
        }
      }
    }
  });

  test('the glossary pairs the same English and Chinese terms in both languages, each linked', () => {
    const rows = (lang) => parts(lang, '09-glossary').find((p) => p.type === 'table').rows;
    const pairs = (lang) => rows(lang).map((r) => [plainText(r[0]), plainText(r[1])]);
    expect(pairs('zh')).toEqual(pairs('en'));
    expect(pairs('en').length).toBeGreaterThanOrEqual(25);
    for (const [lang, col] of [['en', 0], ['zh', 1]]) {
      for (const r of rows(lang)) expect([lang, r[col], /\]\(\d\d-[a-z-]+\.md/.test(r[col])]).toEqual([lang, r[col], true]);
    }
  });

  test('every exercise is asked exactly once, in both languages', () => {
    for (const lang of LANGUAGES) {
      const ids = CHAPTERS.flatMap((id) => parts(lang, id).filter((p) => p.type === 'exercise').map((p) => p.id));
      expect([lang, [...ids].sort()]).toEqual([lang, Object.keys(EXERCISES).sort()]);
    }
  });

  const TEACHING = CHAPTERS.filter((id) => id !== '09-glossary');
  test.each(TEACHING)('%s opens with what the reader will be able to do and ends with key points, in both languages', (id) => {
    const counts = {};
    for (const lang of LANGUAGES) {
      const ps = parts(lang, id);
      // The title, the goals sentence, its list.
      expect([lang, ps[0].type, ps[1].type, GOALS.test(ps[1].text ?? ''), ps[2].type]).toEqual([lang, 'heading', 'paragraph', true, 'list']);
      expect(ps[2].items.length).toBeGreaterThanOrEqual(3);
      const key = ps.findIndex((p) => p.type === 'heading' && p.level === 2 && /^(Key points|要点)$/.test(p.text));
      expect([lang, key > 0 && ps[key + 1].type]).toEqual([lang, 'list']);
      counts[lang] = [ps[2].items.length, ps[key + 1].items.length];
    }
    expect(counts.zh).toEqual(counts.en);
  });

  test.each(CHAPTERS)('%s: what is about ActLab itself (its speed) sits in a marked aside, the same ones in both languages', (id) => {
    const asides = {};
    for (const lang of LANGUAGES) {
      const ps = parts(lang, id);
      for (const p of ps) {
        const texts = p.type === 'paragraph' ? [p.text] : p.type === 'list' ? p.items : p.type === 'exercise' ? [...p.why, ...p.answer] : [];
        for (const t of texts) expect([lang, t, /\d ns\b/.test(t ?? '')]).toEqual([lang, t, false]);
      }
      asides[lang] = ps.filter((p) => p.type === 'quote' && ASIDE.test(p.text)).length;
    }
    expect(asides.zh).toBe(asides.en);
  });

  test('every wrong choice says why it is wrong, in both languages, and the right one does not', () => {
    for (const lang of LANGUAGES) {
      for (const id of CHAPTERS) {
        for (const p of parts(lang, id).filter((q) => q.type === 'exercise' && /^(choice|predict)$/.test(EXERCISES[q.id].kind))) {
          const has = p.choices.map((_, k) => typeof p.why[k] === 'string' && plainText(p.why[k]).length > 20);
          expect([lang, p.id, has, p.why.length]).toEqual([lang, p.id, p.choices.map((_, k) => k !== EXERCISES[p.id].answer),
            p.choices.length - (EXERCISES[p.id].answer === p.choices.length - 1 ? 1 : 0)]);
        }
        // Only choice exercises have "why not" paragraphs.
        for (const p of parts(lang, id).filter((q) => q.type === 'exercise' && !/^(choice|predict)$/.test(EXERCISES[q.id].kind))) expect([p.id, p.why]).toEqual([p.id, []]);
      }
    }
  });

  test('the number exercises\' answers are what the core computes, inside their tolerance', () => {
    const vars = scope();
    const truth = {
      'five-sigmoids': vars.d.sigmoid(0) ** 5,
      'silu-minimum': vars.lowestAt('silu', -5, 0),
      'softmax-first': vars.softmax([2, 1, 0])[0],
      // He normal's spread, measured on weights the core draws (8,192 of them, so within about 1.6 %).
      'he-std': vars.initStd('he_normal', 128),
    };
    const numbers = Object.entries(EXERCISES).filter(([, def]) => def.kind === 'number');
    expect(numbers.map(([id]) => id).sort()).toEqual(Object.keys(truth).sort());
    for (const [id, def] of numbers) {
      const slack = id === 'he-std' ? 0.025 * def.answer : def.tolerance / 2;
      expect([id, Math.abs(truth[id] - def.answer) <= slack]).toEqual([id, true]);
    }
    expect(Math.abs(truth['he-std'] - Math.sqrt(2 / 128))).toBeLessThan(0.025 * 0.125);
  });

  test('the predict exercises ask for the pictures their answers describe', () => {
    expect(EXERCISES['predict-tanh-large'].run).toEqual(DEEP_PRESETS.tanh_large);
    expect(DEEP_PRESETS.relu_he).toMatchObject(EXERCISES['predict-he'].run);
  });

  test('a fix-the-code exercise shows the same code in both languages', () => {
    for (const id of CHAPTERS) {
      const codes = (lang) => parts(lang, id).filter((p) => p.type === 'exercise' && p.code !== null).map((p) => [p.id, p.code]);
      expect(codes('zh')).toEqual(codes('en'));
    }
  });

  test('the network exercises can be solved as their answers say', () => {
    const vars = scope();
    // Chapter 1: the circle with tanh; chapter 3: the spiral with two layers of 8 ReLU units and Adam.
    expect(vars.pg({ ds: 'circle', act: ['tanh'], hidden: [4, 2] }, 500)).toBeGreaterThanOrEqual(EXERCISES['circle-activation'].accuracy);
    expect(vars.pg({ ds: 'spiral', act: ['relu'], hidden: [8, 8, 8], opt: 'adam', lr: 0.01 }, 150))
      .toBeGreaterThanOrEqual(EXERCISES['spiral-network'].accuracy);
    // And the starting networks do not already solve them.
    expect(vars.pg({ ds: 'circle', act: ['identity'], hidden: [4, 2] }, 500)).toBeLessThan(0.9);
    expect(vars.pg({ ds: 'spiral', act: ['relu'], hidden: [2] }, 500)).toBeLessThan(0.9);
  });

  test.each(CHAPTERS)('%s: the Chinese text is written in Chinese', (id) => {
    for (const p of parts('zh', id)) {
      const texts = p.type === 'paragraph' || p.type === 'heading' ? [p.text] : p.type === 'list' ? p.items
        : p.type === 'exercise' ? [...p.question.filter((q) => q.type !== 'code').map((q) => q.text ?? ''), ...p.why.filter(Boolean), ...p.answer] : [];
      for (const t of texts) {
        const words = plainText(t);
        // Lines made only of names and symbols (a choice such as "PReLU") are the same in both languages.
        if (!/[a-z]{4,}\s+[a-z]{4,}/i.test(words)) continue;
        expect([words, /[\u4e00-\u9fff]/.test(words)]).toEqual([words, true]);
      }
    }
  });
});

// Chapter 6's table of the functions states, in words, what the explorer's fact panel states
// (web/app/facts.js, whose every entry js-tests/facts.test.mjs checks against the core).
test('chapter 6: the summary table agrees with the checked facts, in both languages', () => {
  const WORDS = {
    en: { z: { true: 'yes', false: 'no', near: 'almost' }, m: { true: 'yes', false: 'no' },
      s: { smooth: 'smooth', c1: 'C¹', c1_alpha1: 'C¹ if α = 1', kink: 'kink', jump: 'jump' },
      sat: { both: 'both sides', left: 'left', right: 'right', none: 'no' }, c: { cheap: 'cheap', exp: 'one exp', heavy: 'heavy' } },
    zh: { z: { true: '是', false: '否', near: '近似' }, m: { true: '是', false: '否' },
      s: { smooth: '平滑', c1: 'C¹', c1_alpha1: 'α = 1 时 C¹', kink: '折点', jump: '跳变' },
      sat: { both: '两侧', left: '左侧', right: '右侧', none: '不饱和' }, c: { cheap: '便宜', exp: '一次指数', heavy: '较重' } },
  };
  const range = ([lo, hi, loClosed, hiClosed]) => `${loClosed ? '[' : '('}${lo}, ${hi}${hiClosed ? ']' : ')'}`;
  for (const lang of LANGUAGES) {
    const table = parts(lang, '06-how-to-choose').find((p) => p.type === 'table' && p.head.length === 8);
    expect(table.rows.length).toBeGreaterThanOrEqual(15);
    const w = WORDS[lang];
    for (const row of table.rows) {
      const name = row[0].replace(/`/g, '');
      const f = FACTS[name];
      expect([lang, name, Boolean(f)]).toEqual([lang, name, true]);
      expect([lang, name, row.slice(1, 7)]).toEqual([lang, name, [range(f.range), w.z[f.zeroCentred], w.m[f.monotonic],
        w.s[f.smooth], w.sat[f.saturates], w.c[f.cost]]]);
    }
  }
});
