// The tutorial view: the chapters of docs/en/ and docs/zh/ drawn from their
// Markdown (web/app/markdown.js), with the page's widgets live where a
// chapter asks for one (<!-- widget: explorer fn=sigmoid,tanh -->) and its
// exercises checked in place (<!-- exercise: id -->, answers in
// exercises.js). Each embedded widget has its own state (it starts from the
// directive's parameters and is not written to the URL), so a chapter can
// show several without them fighting over the address. Switching the
// language redraws the text around the same widgets (nothing they hold is
// lost) and keeps the reader at the same heading; leaving a chapter pauses
// its widgets and keeps them, so a network trained there is still there on
// the way back.
import { CHAPTERS } from './chapters.js';
import { EXERCISES, readNumber, readTorchHead } from './exercises.js';
import { parseMarkdown, inline, plainText } from './markdown.js';
import { parseState, makeContext } from './state.js';
import { LANGUAGES, applyTranslations } from './i18n.js';
import { h, uid, fmt } from './dom.js';
import { createStore } from './store.js';
import { holdAnchor } from './anchor.js';

/** The tutorial's links, by kind: another chapter (and heading), a heading here, the tools, the web. */
export function classifyLink(href) {
  let m;
  if ((m = /^(\d\d-[a-z0-9-]+)\.md(?:#(.+))?$/.exec(href))) return { kind: 'chapter', chapter: m[1], anchor: m[2] ?? null };
  if ((m = /^#(.+)$/.exec(href))) return { kind: 'anchor', anchor: decodeURIComponent(m[1]) };
  if ((m = /^\.\.\/\.\.\/web\/((?:index|embed)\.html(?:[?#].*)?)$/.exec(href))) return { kind: 'tool', href: m[1] };
  if (/^https:\/\/[^\s]+$/.test(href)) return { kind: 'web', href };
  return { kind: 'unknown', href };
}

// A chapter's opening list ("**After this chapter you can:**" and a list), drawn as a box.
export const GOALS = /^\*\*(?:After this chapter you can:|学完本章，你将能够：)\*\*$/;
// What is about ActLab itself (its precision, its speed) rather than about the functions:
// a quote that starts "**In ActLab:**", drawn as a marked aside.
export const ASIDE = /^\*\*(?:In ActLab:|在 ActLab 中：)\*\*/;

// "**Why not (b)?** ..." / "**为什么不选 (b)？** ...": why a wrong choice is wrong.
const WHY_NOT = /^\*\*(?:Why not|为什么不选) \(([a-z])\)[?？]\*\*\s*/;

/**
 * A chapter's blocks grouped for drawing: widgets and exercises pulled out
 * of the flow. An exercise owns the blocks after its directive up to the
 * next heading or directive: its question (paragraphs, and a code block for
 * a fix-the-code exercise), its choices (a list), why each wrong choice is
 * wrong (paragraphs that start with a bold "Why not (b)?"), and its
 * explanation (the paragraph that starts with a bold "Answer", and the rest).
 */
export function chapterParts(blocks) {
  const parts = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.type === 'directive' && b.name === 'widget') {
      const [name, params = ''] = b.value.split(/\s+/, 2);
      parts.push({ type: 'widget', name, params });
    } else if (b.type === 'directive' && b.name === 'exercise') {
      const ex = { type: 'exercise', id: b.value, question: [], choices: [], why: [], answer: [], code: null };
      while (i + 1 < blocks.length && blocks[i + 1].type !== 'heading' && blocks[i + 1].type !== 'directive') {
        const next = blocks[++i];
        let m;
        if (ex.answer.length) ex.answer.push(next.text ?? '');
        else if (next.type === 'list') ex.choices = next.items;
        else if (next.type === 'paragraph' && /^\*\*(Answer|答案)/.test(next.text)) ex.answer.push(next.text);
        else if (next.type === 'paragraph' && (m = WHY_NOT.exec(next.text))) ex.why[m[1].charCodeAt(0) - 97] = next.text.slice(m[0].length);
        else {
          if (next.type === 'code' && ex.code === null) ex.code = next.text;
          ex.question.push(next);
        }
      }
      parts.push(ex);
    } else {
      parts.push(b);
    }
  }
  return parts;
}

export function createTutorial(root, { lab, engine, store, links, trainer, docs, widgets, toolPage = 'index.html' }) {
  const ctx = makeContext(lab, LANGUAGES);
  const cache = new Map();
  const partsOf = (lang, ch) => {
    const key = `${lang} ${ch}`;
    if (!cache.has(key)) cache.set(key, chapterParts(parseMarkdown(docs[lang]?.[ch] ?? docs.en[ch])));
    return cache.get(key);
  };
  const titleOf = (lang, ch) => partsOf(lang, ch).find((p) => p.type === 'heading')?.text ?? ch;

  let t = store.t;
  let shown = { ch: null, lang: null };
  let instances = []; // the shown chapter's widgets, in order: {name, host, widget, rerender}
  const kept = new Map(); // chapter -> its widgets while another chapter is shown (a trained network stays)
  const answers = new Map(); // exercise id -> {choice, result}
  let firstAnchor = new URLSearchParams(location.hash.slice(1)).get('to');

  const navList = h('ol', { class: 'tut-toc' });
  const nav = h('nav', { class: 'tut-nav', 'data-i18n-attr': 'aria-label:tut.toc' },
    h('h2', { class: 'tut-toc-title', 'data-i18n': 'tut.toc' }), navList);
  const article = h('article', { class: 'tut-chapter' });
  const pager = h('nav', { class: 'tut-pager', 'data-i18n-attr': 'aria-label:tut.pager' });
  root.append(h('div', { class: 'tut-layout' }, nav, h('div', { class: 'tut-main' }, article, pager)));

  function go(ch, anchor = null) {
    if (ch !== store.get().ch) {
      store.set({ ch });
      if (!anchor) {
        article.scrollIntoView({ block: 'start' });
        article.querySelector('h2')?.focus({ preventScroll: true });
      }
    }
    if (anchor) scrollToAnchor(anchor);
  }

  function scrollToAnchor(anchor) {
    const target = article.querySelector(`[data-anchor="${CSS.escape(anchor)}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
    holdAnchor(target); // it stays there while the chapter's widgets above it load
  }

  // ---- inline text ----
  function spans(text, inLink = false) {
    return inline(text).map((s) => {
      if (s.type === 'code') return h('code', { text: s.text });
      if (s.type === 'strong') return h('strong', { text: s.text });
      if (s.type === 'em') return h('em', { text: s.text });
      if (s.type !== 'link' || inLink) return s.text;
      const link = classifyLink(s.href);
      const label = spans(s.text, true); // a link's words may have marks of their own, not links
      if (link.kind === 'chapter') {
        return h('a', { href: `#ch=${link.chapter}${link.anchor ? `&to=${encodeURIComponent(link.anchor)}` : ''}`,
          dataset: { chapter: link.chapter }, onclick: (e) => { e.preventDefault(); go(link.chapter, link.anchor); } }, ...label);
      }
      if (link.kind === 'anchor') {
        return h('a', { href: `#ch=${store.get().ch}&to=${encodeURIComponent(link.anchor)}`, dataset: { to: link.anchor },
          onclick: (e) => { e.preventDefault(); scrollToAnchor(link.anchor); } }, ...label);
      }
      if (link.kind === 'tool') {
        const href = link.href.replace(/^index\.html/, toolPage);
        return h('a', { href, target: '_blank', rel: 'noopener', dataset: { tool: '' } }, ...label);
      }
      if (link.kind === 'web') return h('a', { href: link.href, target: '_blank', rel: 'noopener noreferrer' }, ...label);
      return s.text;
    });
  }

  // ---- widgets ----
  function mountWidget(part, index) {
    const old = instances[index];
    if (old && old.name === part.name) return old;
    const host = h('div', { class: 'tut-widget widget', dataset: { widget: part.name } });
    // The widget's own store: its settings start from the chapter's and stay out of the URL.
    const local = createStore({ ...parseState(part.params, ctx), lang: store.get().lang },
      { translator: () => t, onSet: (_, state) => widget.render(state, t) });
    const widget = widgets[part.name].create(host, { lab, engine, store: local, links, trainer });
    // Drawn again in the reader's language (after a switch, or when the chapter is shown again).
    const rerender = () => {
      local.replace({ ...local.get(), lang: store.get().lang });
      applyTranslations(host, t);
      widget.render(local.get(), t);
    };
    return { name: part.name, host, widget, rerender, state: () => local.get() };
  }

  // ---- exercises ----
  // The widget an exercise follows: the last one of that name above it in the chapter ({widget, state()}).
  function widgetAbove(name, box) {
    const above = instances.filter((w) => w?.name === name && w.host.isConnected &&
      (w.host.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING));
    return above[above.length - 1] ?? null;
  }

  // A network exercise: the widget tells its figures (result(): {epoch, test, activation}).
  function checkNetwork(def, widget) {
    const result = widget?.result?.() ?? null;
    const acc = result?.test?.accuracy ?? null;
    if (acc === null || result.epoch === 0) return { key: 'tut.ex.net.untrained' };
    if (def.activation && result.activation?.some((a) => a !== def.activation)) {
      return { key: 'tut.ex.net.activation', vars: { act: def.activation } };
    }
    if (def.features && (result.features?.length !== def.features.length || result.features.some((f, i) => f !== def.features[i]))) {
      return { key: 'tut.ex.net.features', vars: { features: def.features.join(', ') } };
    }
    if (acc >= def.accuracy) return 'right';
    // Four digits: 94.99 % must not read as the 95 % it falls short of.
    return { key: 'tut.ex.net.short', vars: { acc: fmt(acc * 100, 4), goal: fmt(def.accuracy * 100, 3) } };
  }

  // A drawing exercise: the digits widget tells what its network reads (reading(): {epoch, source, digit, p}).
  function checkDrawing(def, widget) {
    const r = widget?.reading?.() ?? null;
    if (!r || r.epoch === 0) return { key: 'tut.ex.net.untrained' };
    if (r.source !== 'drawing' || r.digit === null) return { key: 'tut.ex.draw.none' };
    if (r.digit === def.digit && r.p >= def.p) return 'right';
    return { key: 'tut.ex.draw.other', vars: { digit: r.digit, p: fmt(r.p * 100, 3), goal: def.digit, min: fmt(def.p * 100, 3) } };
  }

  // A number exercise: the reader's number against the answer, within the tolerance.
  function checkNumber(def, text) {
    const v = readNumber(text);
    if (Number.isNaN(v)) return { key: 'tut.ex.num.bad' };
    if (Math.abs(v - def.answer) <= def.tolerance) return 'right';
    return { key: v > def.answer ? 'tut.ex.num.high' : 'tut.ex.num.low', vars: { value: fmt(v, 6) } };
  }

  // A fix-the-code exercise: the model's last module and the loss, against the pairs that work.
  function checkCode(def, code) {
    const head = readTorchHead(code);
    if (!head) return { key: 'tut.ex.code.shape' };
    const pair = `${head.last} ${head.loss}`;
    if (def.valid.includes(pair)) return 'right';
    const hint = def.hints[pair];
    return { key: hint ? `tut.ex.code.${hint}` : 'tut.ex.code.other', vars: head };
  }

  function drawExercise(part, n) {
    const def = EXERCISES[part.id];
    const qid = uid('q');
    const saved = answers.get(part.id) ?? { choice: null, text: null, locked: false, result: null };
    answers.set(part.id, saved);
    const box = h('section', { class: 'tut-exercise', dataset: { exercise: part.id }, 'aria-labelledby': qid },
      h('h4', { id: qid, class: 'tut-ex-title', text: t('tut.ex.title', { n }) }),
      // (A fix-the-code exercise shows its code in the box to edit instead.)
      ...part.question.filter((b) => !(b.type === 'code' && def?.kind === 'code'))
        .map((b) => (b.type === 'code' ? h('pre', { class: 'code', tabindex: '0' }, h('code', { text: b.text }))
          : h('p', {}, ...spans(b.text ?? '')))));
    const feedback = h('p', { class: 'tut-ex-feedback', role: 'status' });
    const explanation = h('div', { class: 'tut-ex-answer', hidden: true },
      ...part.answer.map((text) => h('p', {}, ...spans(text))));
    // Results are kept as keys (and a wrong choice as its index), so a language switch redraws them in the other language.
    const show = () => {
      const r = saved.result;
      const why = r?.choice !== undefined ? part.why[r.choice] : undefined;
      const said = r === null ? '' : r.key ? t(r.key, r.vars) : why ? t('tut.ex.wrong.why') : t(`tut.ex.${r.kind ?? r}`);
      // (Chinese puts no space after a full stop.)
      feedback.replaceChildren(said, ...(why ? [store.get().lang === 'zh' ? '' : ' ', h('span', { class: 'tut-ex-why' }, ...spans(why))] : []));
      feedback.dataset.result = r === null ? '' : r === 'right' ? 'right' : 'wrong';
      // A locked-in prediction that turned out wrong still gets the explanation: the reader has seen the run.
      explanation.hidden = !(r === 'right' || (def?.kind === 'predict' && r?.kind === 'wrong'));
    };
    const checkButton = (check) => h('button', { type: 'button', class: 'btn', dataset: { action: 'check' }, text: t('tut.ex.check'),
      onclick: () => {
        saved.result = check();
        show();
      } });
    if (def?.kind === 'choice' || def?.kind === 'predict') {
      const name = uid('choice');
      const inputs = [];
      const radios = part.choices.map((text, k) => {
        const input = h('input', { type: 'radio', name, value: String(k), id: `${name}-${k}`, disabled: Boolean(saved.locked),
          onchange: () => { saved.choice = k; } });
        if (saved.choice === k) input.checked = true;
        inputs.push(input);
        return h('li', {}, input, h('label', { for: input.id }, ...spans(text)));
      });
      box.append(h('ol', { class: 'tut-choices', type: 'a' }, ...radios));
      const verdict = () => (saved.choice === def.answer ? 'right' : { kind: 'wrong', choice: saved.choice });
      if (def.kind === 'choice') {
        box.append(checkButton(() => (saved.choice === null ? { key: 'tut.ex.pick' } : verdict())));
      } else {
        // Predict, then run: the guess is locked in first, and judged once the widget above shows the answer.
        const lock = h('button', { type: 'button', class: 'btn', dataset: { action: 'lock' }, text: t('tut.ex.predict.lock'),
          disabled: Boolean(saved.locked), onclick: () => {
            if (saved.choice === null) {
              saved.result = { key: 'tut.ex.pick' };
            } else {
              saved.locked = true;
              for (const input of inputs) input.disabled = true;
              lock.disabled = true;
              saved.result = { key: 'tut.ex.predict.locked' };
            }
            show();
          } });
        const ran = () => {
          const state = widgetAbove(def.widget, box)?.state() ?? {};
          return Object.entries(def.run).every(([k, v]) => state[k] === v);
        };
        box.append(h('p', { class: 'row' }, lock, checkButton(() => (!saved.locked ? { key: 'tut.ex.predict.first' }
          : !ran() ? { key: 'tut.ex.predict.run' } : verdict()))));
      }
    } else if (def?.kind === 'number') {
      const id = uid('num');
      const input = h('input', { type: 'text', id, class: 'num', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
        value: saved.text ?? '', oninput: (e) => { saved.text = e.target.value; },
        onkeydown: (e) => { if (e.key === 'Enter') check.click(); } });
      const check = checkButton(() => checkNumber(def, saved.text ?? ''));
      box.append(h('p', { class: 'row tut-number' }, h('label', { for: id, text: t('tut.ex.num.label') }), input, check));
    } else if (def?.kind === 'code') {
      const id = uid('code');
      const area = h('textarea', { id, class: 'code tut-code', rows: String((part.code ?? '').split('\n').length + 1),
        spellcheck: 'false', autocapitalize: 'off', autocomplete: 'off', oninput: (e) => { saved.text = e.target.value; } });
      area.value = saved.text ?? part.code ?? '';
      box.append(h('label', { for: id, class: 'note small', text: t('tut.ex.code.label') }), area,
        h('p', { class: 'row' }, checkButton(() => checkCode(def, area.value)),
          h('button', { type: 'button', class: 'btn', dataset: { action: 'reset-code' }, text: t('tut.ex.code.reset'), onclick: () => {
            area.value = part.code ?? '';
            saved.text = null;
            saved.result = null;
            show();
          } })));
    } else if (def?.kind === 'network' || def?.kind === 'drawing') {
      box.append(checkButton(() => (def.kind === 'network' ? checkNetwork(def, widgetAbove(def.widget ?? 'playground', box)?.widget)
        : checkDrawing(def, widgetAbove('digits', box)?.widget))));
    }
    box.append(feedback, explanation);
    show();
    return box;
  }

  // ---- the chapter ----
  const listOf = (items, ordered = false) => h(ordered ? 'ol' : 'ul', {}, ...items.map((item) => h('li', {}, ...spans(item))));
  // A quote's paragraphs (blank lines between them; a line break inside one is a space).
  const quoteParagraphs = (text) => text.split(/\n\s*\n/).map((para) => h('p', {}, ...spans(para.replace(/\n/g, ' '))));

  function build(lang, ch) {
    const parts = partsOf(lang, ch);
    const used = [];
    const nodes = [];
    let w = 0;
    let exercises = 0;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k];
      if (p.type === 'paragraph' && GOALS.test(p.text) && parts[k + 1]?.type === 'list') {
        const list = parts[++k];
        nodes.push(h('div', { class: 'tut-goals' }, h('p', {}, ...spans(p.text)), listOf(list.items)));
      } else if (p.type === 'quote' && ASIDE.test(p.text)) {
        nodes.push(h('aside', { class: 'tut-aside' }, ...quoteParagraphs(p.text)));
      } else if (p.type === 'heading') {
        const level = Math.min(p.level + 1, 6);
        nodes.push(h(`h${level}`, { dataset: { anchor: p.id }, tabindex: '-1' }, ...spans(p.text)));
      } else if (p.type === 'paragraph') {
        nodes.push(h('p', {}, ...spans(p.text)));
      } else if (p.type === 'list') {
        nodes.push(listOf(p.items, p.ordered));
      } else if (p.type === 'quote') {
        nodes.push(h('blockquote', {}, ...quoteParagraphs(p.text)));
      } else if (p.type === 'code') {
        nodes.push(h('pre', { class: 'code', tabindex: '0' }, h('code', { text: p.text })));
      } else if (p.type === 'table') {
        // A wide table scrolls sideways on a phone: its box takes the focus so the keyboard can scroll it.
        nodes.push(h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': p.head.map((c) => plainText(c)).join(', ') }, h('table', {},
          h('thead', {}, h('tr', {}, ...p.head.map((c) => h('th', { scope: 'col' }, ...spans(c))))),
          h('tbody', {}, ...p.rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, ...spans(c)))))))));
      } else if (p.type === 'widget' && widgets[p.name]) {
        const inst = mountWidget(p, w++);
        used.push(inst);
        nodes.push(inst.host);
      } else if (p.type === 'exercise') {
        nodes.push(drawExercise(p, ++exercises));
      }
    }
    for (const old of instances) if (!used.includes(old)) old.host.remove();
    instances = used;
    article.replaceChildren(...nodes);
    article.dataset.chapter = ch;
    for (const inst of instances) inst.rerender();

    navList.replaceChildren(...CHAPTERS.map((id, k) => h('li', {}, h('a', { href: `#ch=${id}`, dataset: { chapter: id },
      'aria-current': id === ch ? 'page' : undefined, text: titleOf(lang, id), onclick: (e) => { e.preventDefault(); go(id); } }))));
    const at = CHAPTERS.indexOf(ch);
    const step = (k, key) => (k >= 0 && k < CHAPTERS.length ? h('a', { href: `#ch=${CHAPTERS[k]}`, class: `tut-${key}`,
      dataset: { chapter: CHAPTERS[k] }, onclick: (e) => { e.preventDefault(); go(CHAPTERS[k]); } },
    h('span', { class: 'note small', text: t(`tut.${key}`) }), h('span', { text: titleOf(lang, CHAPTERS[k]) })) : h('span'));
    pager.replaceChildren(step(at - 1, 'prev'), step(at + 1, 'next'));
  }

  // Where the reader is: a heading in the upper half of what they see (below the
  // page's header, which stays in view), else the last one above it; and how far
  // from the top of the window it is.
  function place() {
    const heads = [...article.querySelectorAll('[data-anchor]')];
    const header = document.querySelector('header.top')?.getBoundingClientRect().bottom ?? 0;
    const tops = heads.map((el) => el.getBoundingClientRect().top);
    let index = tops.findIndex((top) => top >= header && top < header + (window.innerHeight - header) / 2);
    if (index < 0) index = tops.reduce((best, top, k) => (top < header ? k : best), -1);
    return index < 0 ? null : { index, offset: tops[index] };
  }

  function render(state, translate = t) {
    t = translate;
    const lang = state.lang ?? 'en';
    if (state.ch === shown.ch && lang === shown.lang) return;
    const sameChapter = state.ch === shown.ch;
    const at = sameChapter ? place() : null;
    if (!sameChapter) {
      // Another chapter: this one's widgets stop training and wait, in case the reader comes back.
      if (shown.ch !== null) {
        for (const inst of instances) {
          inst.widget.pause?.();
          inst.host.remove();
        }
        kept.set(shown.ch, instances);
      }
      instances = kept.get(state.ch) ?? [];
      kept.delete(state.ch);
    }
    shown = { ch: state.ch, lang };
    build(lang, state.ch);
    if (at) {
      const head = article.querySelectorAll('[data-anchor]')[at.index];
      if (head) window.scrollTo({ top: head.getBoundingClientRect().top + window.scrollY - at.offset, behavior: 'instant' });
    } else if (firstAnchor) {
      scrollToAnchor(firstAnchor);
    }
    firstAnchor = null;
  }

  function retint() {
    for (const inst of instances) inst.widget.retint?.();
  }

  return { render, retint };
}
