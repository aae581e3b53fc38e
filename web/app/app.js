// Starts the page (index.html) or one embedded widget (embed.html): picks
// the language, loads the Wasm core with visible progress, reads the state
// from the URL, and wires store -> URL -> render. Everything the widgets
// show comes through the store, so a link reproduces the view.
import { loadActLab, defaultWasmUrl } from '../lib/actlab.js';
import { engineReady } from '../lib/actlab-engine.js';
import { LANGUAGES, DICTIONARIES, chooseLanguage, storedLanguage, rememberLanguage, translator, applyTranslations,
  loadLanguage, requireStrings } from './i18n.js';
import { makeContext, parseState, serializeState, defaultState, unreadSettings, LIMITS, SECTIONS } from './state.js';
import { createExplorer } from './explorer.js';
import { h } from './dom.js';
import { createStore } from './store.js';
import { lazyWidget, loadOnce } from './lazy.js';
import { holdAnchor } from './anchor.js';
import { applyClassroom, widgetTools } from './classroom.js';
import { loadDigits } from '../lib/actlab-digits.js';
import { pageParams } from './lang/choice.js';

// A widget's module and its strings (lang/parts.js), fetched together.
const withStrings = (part, module) => Promise.all([module, requireStrings(part)]).then(([m]) => m);

/**
 * The widgets: each is made by create(root, {lab, store, links}) and
 * re-rendered when one of its state fields (or the language) changes.
 * Those made with lazyWidget's engine option train networks: they get the
 * full core as their lab (the first view runs on the activation-only
 * module; see startApp).
 */
export const WIDGETS = {
  explorer: { create: createExplorer, fields: ['fn', 'x', 'view', 'depth', 'x0', 'focus', 'p'] },
  // The first view is the explorer: the widgets below it load their code when scrolled near (or embedded).
  softmax: { create: lazyWidget(() => withStrings('softmax', import('./softmax.js')).then((m) => m.createSoftmaxLab), 'sm.title', 'softmax-title'),
    fields: ['z', 'temp', 'cmp'] },
  chooser: { create: lazyWidget(() => withStrings('chooser', import('./chooser.js')).then((m) => m.createChooser), 'ch.title', 'chooser-title'),
    fields: ['task', 'arch', 'code'] },
  playground: { create: lazyWidget(() => withStrings('playground', import('./playground.js')).then((m) => m.createPlayground), 'pg.title', 'playground-title',
    { engine: true }),
    fields: ['ds', 'noise', 'n', 'test', 'dseed', 'feat', 'hidden', 'act', 'lr', 'bs', 'opt', 'seed', 'speed',
      'init', 'l1', 'l2', 'disc', 'tp', 'race', 'fw'] },
  // Real handwritten digits: its code and the images load when it is near the screen (or embedded).
  digits: { create: lazyWidget(() => Promise.all([withStrings('digits', import('./digits.js')), loadDigits()]).then(([m]) => m.createDigits), 'dg.title',
    'digits-title', { engine: true }),
    fields: ['dh', 'dact', 'dopt', 'dlr', 'dtemp', 'dfw', 'dro'] },
  // Distributions: one activation over a population (the Galton board), and layer after layer.
  galton: { create: lazyWidget(() => withStrings('galton', import('./galton.js')).then((m) => m.createGalton), 'g.title', 'galton-title',
    { engine: true }),
    fields: ['gk', 'gm', 'gv', 'gf', 'p'] },
  distributions: { create: lazyWidget(() => withStrings('distributions', import('./distributions.js')).then((m) => m.createDistributions), 'q.title',
    'distributions-title', { engine: true }), fields: ['qd', 'qw', 'qa', 'qi', 'qs', 'qv'] },
  // The chapters (text from docs/, given by the tutorial page's entry as `docs`
  // with its create function, startApp's `tutorial`), with widgets of their own.
  tutorial: { create: null, fields: ['ch'] },
};
// The widgets a chapter may embed.
const EMBEDDABLE = Object.fromEntries(Object.entries(WIDGETS).filter(([name]) => name !== 'tutorial'));

const HTML_LANG = { en: 'en', zh: 'zh-CN' };

/**
 * A Wasm module's bytes (the full core, or core 'activations': the first
 * view's), reporting progress: onProgress(fraction 0..1, or null when the
 * size is unknown; bytes received so far).
 */
async function fetchModule(onProgress, core = 'full') {
  const url = defaultWasmUrl('auto', core);
  const name = url.pathname.split('/').pop();
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  // Sent compressed (a .br or .gz copy), Content-Length counts the compressed bytes, not the module's.
  // A response to another origin (a sandboxed frame's) may hide Content-Encoding: a body longer
  // than the length then only means the length was not the module's, and progress counts kilobytes.
  const encoding = (res.headers.get('Content-Encoding') ?? '').trim().toLowerCase();
  let total = encoding === '' || encoding === 'identity' ? Number(res.headers.get('Content-Length')) || 0 : 0;
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (got + value.length > total) total = 0;
    parts.push(value);
    got += value.length;
    onProgress(total ? got / total : null, got);
  }
  const bytes = new Uint8Array(got);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

// A failure is shown in every language: the reader may not read the one
// chosen for them, and nothing else on the page will work.
function showFailure(status, key, vars) {
  document.getElementById('progress')?.setAttribute('hidden', '');
  status.dataset.error = '';
  status.replaceChildren(...LANGUAGES.map((lang) => h('span', { lang: HTML_LANG[lang], class: 'failure',
    text: translator(lang)(key, vars) })));
  document.body.dataset.ready = 'failed';
}

// A hash that names a section (#softmax, from the page's navigation) is a
// place to scroll to, not a state.
const anchorTarget = () => {
  const id = location.hash.slice(1);
  return /^[a-z][a-z-]*$/.test(id) ? document.getElementById(id) : null;
};

// The playground's training Worker, next to the page's bundle (web/lib/).
const startWorker = () => new Worker(new URL('../lib/actlab-worker.js', import.meta.url));

/**
 * mode 'page': every widget in its <section data-widget>; mode 'embed': the
 * widget named by ?widget= alone. loadModule(onProgress, core) returns the
 * Wasm module's bytes, core 'activations' (the first view's) or 'full' (the
 * network engine's, fetched when a widget that trains comes near; at once if
 * one is shown first, as in an embed). Default: fetched next to actlab.js;
 * the single-file build passes its inlined full core for both, and then one
 * module serves everything. makeWorker() starts the training Worker (the
 * single-file build makes it from its inlined script); without one the
 * playground trains on the page. docs: the tutorial's chapters, {en: {id: text},
 * zh: {...}}, and tutorial: its create function (only the tutorial page's
 * bundle has them, web/app/tutorial-main.js); toolPage: where the tutorial's (and an embed's)
 * links into the tools go.
 */
export async function startApp({ mode = 'page', loadModule = fetchModule, makeWorker = startWorker, docs = null,
  tutorial = null, toolPage = 'index.html' } = {}) {
  performance.mark('actlab:start');
  const params = pageParams();
  let lang = chooseLanguage({ requested: params.get('lang'), stored: storedLanguage(), browser: navigator.languages ?? [] });
  let t = translator(lang);
  document.documentElement.lang = HTML_LANG[lang];
  // The shown language's dictionary loads beside the core (until then only the boot strings are there).
  const dictionary = loadLanguage(lang).catch((err) => {
    throw new Error(`the page's text (${lang}): ${err?.message ?? err}`);
  });
  // The page's own text as soon as it can (a failure is reported below, with the core's).
  dictionary.then(() => applyTranslations(document, t), () => {});

  const status = document.getElementById('status');
  const bar = document.getElementById('progress');
  // A fraction when the size is known; else the kilobytes so far (the bar then just says "busy").
  const progress = (fraction, bytes = 0) => {
    const pct = fraction !== null ? `${Math.round(fraction * 100)} %` : bytes ? `${Math.round(bytes / 1024)} KB` : '';
    status.textContent = t('load.progress', { pct });
    if (bar && fraction !== null) bar.value = fraction;
    else bar?.removeAttribute('value');
  };
  progress(0);

  // Which widgets to mount (an unknown name fails before the core is fetched).
  const mounts = [];
  if (mode === 'embed') {
    const name = params.get('widget') ?? 'explorer';
    // The tutorial only where its chapters are in the bundle.
    const available = docs && tutorial ? WIDGETS : EMBEDDABLE;
    if (!Object.hasOwn(available, name)) {
      showFailure(status, 'embed.unknown', { name: name.slice(0, 40), list: Object.keys(available).join(', ') });
      return null;
    }
    const host = document.getElementById('widget');
    host.dataset.widget = name;
    mounts.push([name, host]);
  } else {
    for (const section of document.querySelectorAll('[data-widget]')) mounts.push([section.dataset.widget, section]);
  }

  const creators = { ...WIDGETS, tutorial: { ...WIDGETS.tutorial, create: tutorial } };
  // The first view runs on the activation-only module, unless it is an embed of a widget that trains networks.
  const firstCore = mode === 'embed' && creators[mounts[0][0]].create?.trainsNetworks ? 'full' : 'activations';
  let lab;
  let wasmBinary;
  try {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
    // The core compiles as soon as its bytes are here, while the strings may still be coming.
    const bytes = Promise.all([loadModule(progress, firstCore), firstCore === 'full' ? engineReady() : null]).then(([b]) => {
      performance.mark('actlab:fetched');
      return b;
    });
    [wasmBinary, lab] = await Promise.all([bytes, bytes.then((b) => loadActLab({ wasmBinary: b })), dictionary]);
    performance.mark('actlab:loaded');
  } catch (err) {
    const detail = err?.message ?? String(err);
    // A host whose Content-Security-Policy lets scripts run but not WebAssembly compile.
    const policy = /Content Security Policy|unsafe-eval/i.test(detail);
    showFailure(status, typeof WebAssembly !== 'object' ? 'load.noWasm' : policy ? 'load.policy' : 'load.failed', { detail });
    return null;
  }
  if (bar) bar.hidden = true;

  const ctx = makeContext(lab, LANGUAGES);
  // Every change goes to the URL, then to the widgets that read the changed fields.
  let urlChapter = null; // the chapter the current history entry shows (set below)
  const store = createStore({ ...parseState(params, ctx), lang }, { translator: () => t, onSet: (changed) => {
    writeURL(changed.includes('ch') && store.get().ch !== urlChapter);
    render(changed);
  } });
  urlChapter = store.get().ch;

  // What the page has to tell the reader after it started (a link it could not
  // read, training that moved out of its Worker): a notice at the foot of the window.
  // (Its code, web/app/notice.js, loads the first time there is one.)
  let noticeBox = null;
  const notice = {
    show(key, vars) {
      noticeBox ??= import('./notice.js').then((m) => m.pageNotice(() => t));
      noticeBox.then((n) => n.show(key, vars));
    },
    render() { noticeBox?.then((n) => n.render()); },
  };
  // The link's settings that were not used say so (a section's anchor, #softmax, is not a setting).
  const unread = unreadSettings(params, ctx, ['lang', 'widget', ...(anchorTarget() ? [location.hash.slice(1)] : [])]);
  if (params.has('lang') && !Object.hasOwn(DICTIONARIES, params.get('lang'))) unread.ignored.push(`lang=${params.get('lang').slice(0, 40)}`);
  if (unread.tooLong) notice.show('url.tooLong', { max: LIMITS.maxLength.toLocaleString('en') });
  else if (unread.ignored.length || unread.unknown.length) {
    const all = [...unread.ignored, ...unread.unknown];
    notice.show('url.ignored', { list: all.slice(0, 8).join(', ') + (all.length > 8 ? ` (+${all.length - 8})` : '') });
  }

  // Links from one widget into another (the chooser into the explorer):
  // on the page they change the state and scroll there; in an embed they
  // open the full page in a new tab. The href alone reproduces the target view.
  const links = {
    to(patch, widget, text) {
      const hash = serializeState({ ...defaultState(), ...patch });
      const section = mode === 'page' ? document.querySelector(`[data-widget="${widget}"]`) : null;
      if (!section) return h('a', { href: `${toolPage}#${hash}`, target: '_blank', rel: 'noopener', text });
      return h('a', { href: `#${hash}`, dataset: { to: widget }, text, onclick: (e) => {
        e.preventDefault();
        store.set(patch);
        section.scrollIntoView({ block: 'start' });
        const heading = section.querySelector('h2');
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      } });
    },
  };
  // The network engine: its code and the full core, loaded once, when the
  // first widget that trains asks (engine(), resolving to a lab with
  // networks); the module already loaded if it is the full core. A failed
  // load is forgotten, so the widget's retry tries again (loadOnce).
  let full = lab.build.core === 'full' ? { lab, bytes: wasmBinary, trainerCode: null } : null;
  const engine = loadOnce(async () => {
    if (!full) {
      const [bytes] = await Promise.all([loadModule(() => {}, 'full'), engineReady()]);
      full = { lab: await loadActLab({ wasmBinary: bytes }), bytes };
    }
    full.trainerCode ??= await import('./trainer.js');
    return full.lab;
  });
  // One trainer for the page, started when a widget first trains (always
  // after engine() has resolved); the page says where training runs
  // (data-trainer: worker or page).
  let shared = null;
  const trainer = () => {
    if (!full?.trainerCode) throw new Error('trainer(): the network engine is not loaded yet (await engine() first)');
    if (!shared) {
      shared = full.trainerCode.createTrainer({ lab: full.lab, wasm: full.bytes, makeWorker, onMoved: (detail) => {
        document.body.dataset.trainer = 'page';
        notice.show('train.moved', { detail });
      } });
      shared.ready.then((where) => { document.body.dataset.trainer = where; });
    }
    return shared;
  };
  let tools = [];
  const widgets = mounts.map(([name, host]) => ({ name, ...creators[name],
    ...creators[name].create(host, { lab, engine, store, links, trainer, docs, toolPage, widgets: EMBEDDABLE,
      embedded: mode === 'embed' }) }));
  // The classroom tools on each widget: its link opens the page (or the embed) at this view, at this widget.
  const viewLink = (name) => `${location.href.split('#')[0]}#${serializeState({ ...store.get(), go: mode === 'page' && SECTIONS.includes(name) ? name : undefined })}`;
  tools = mounts.map(([name, host]) => widgetTools(host, { store, link: () => viewLink(name) }));

  let urlTimer = 0;
  // A new chapter is a new history entry (Back returns to the one before); every
  // other change replaces the current entry, a little later: sliders fire many
  // events a second, and browsers limit history updates.
  function writeURL(newEntry = false) {
    clearTimeout(urlTimer);
    const write = () => {
      const query = mode === 'embed' ? `?widget=${encodeURIComponent(mounts[0][0])}` : '';
      const url = `${location.pathname}${query}#${serializeState(store.get())}`;
      if (newEntry) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
      urlChapter = store.get().ch;
    };
    if (newEntry) write();
    else urlTimer = setTimeout(write, 150);
  }

  function showReady() {
    // An embed is one widget in someone's course page: once it works, no loading line.
    if (mode === 'embed') {
      status.textContent = '';
      status.parentElement.hidden = true;
      return;
    }
    status.textContent = t('load.ready', { count: lab.activations.length });
  }

  // Only widgets that read a changed field are drawn again (all of them by default).
  function render(changed) {
    const state = store.get();
    applyClassroom(state);
    for (const tool of tools) tool.render(state, t);
    for (const w of widgets) {
      if (!changed || changed.includes('lang') || w.fields.some((f) => changed.includes(f))) w.render(state, t);
    }
  }

  async function setLanguage(next) {
    if (!Object.hasOwn(DICTIONARIES, next)) return;
    try {
      await loadLanguage(next);
    } catch (err) {
      // Said in both languages (boot strings); the page stays as it is.
      status.parentElement.hidden = false;
      status.replaceChildren(...LANGUAGES.map((l) => h('span', { lang: HTML_LANG[l], class: 'failure',
        text: translator(l)('lang.failed', { detail: err?.message ?? String(err) }) })));
      return;
    }
    lang = next;
    t = translator(lang);
    rememberLanguage(lang);
    document.documentElement.lang = HTML_LANG[lang];
    applyTranslations(document, t);
    for (const b of document.querySelectorAll('[data-set-lang]')) b.setAttribute('aria-pressed', String(b.dataset.setLang === lang));
    showReady();
    notice.render();
    store.set({ lang });
  }
  for (const b of document.querySelectorAll('[data-set-lang]')) {
    b.addEventListener('click', () => setLanguage(b.dataset.setLang));
    b.setAttribute('aria-pressed', String(b.dataset.setLang === lang));
  }

  // A hand-edited address bar, or Back and Forward (between chapters), changes the view.
  const fromURL = () => {
    const target = anchorTarget();
    if (target) {
      // Scrolled there now (the browser's own jump may come after this event), and held there while the widgets above it load.
      target.scrollIntoView({ block: 'start' });
      holdAnchor(target);
      // The browser has scrolled to the section; put the state back in the URL.
      history.replaceState(null, '', `${location.pathname}${location.search}#${serializeState(store.get())}`);
      return;
    }
    store.replace({ ...parseState(pageParams(), ctx), lang });
    urlChapter = store.get().ch;
    render();
  };
  addEventListener('hashchange', fromURL);
  addEventListener('popstate', fromURL);

  matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
    for (const w of widgets) w.retint?.();
  });

  applyTranslations(document, t);
  render();
  performance.mark('actlab:first-chart'); // bench/page.mjs reads it
  showReady();

  if (mode === 'embed' && window.parent !== window) {
    // Tell the embedding page our height (see docs/embedding.md).
    const report = () => window.parent.postMessage({ type: 'actlab:height', widget: mounts[0][0],
      height: Math.ceil(document.documentElement.scrollHeight) }, '*');
    new ResizeObserver(report).observe(document.body);
  }
  document.body.dataset.ready = 'true';
  // A section's anchor (#softmax), or the widget a copied link opens at (go=, then forgotten).
  const go = store.get().go;
  const target = anchorTarget() ?? (go && mode === 'page' ? document.querySelector(`[data-widget="${go}"]`) : null);
  if (target) {
    target.scrollIntoView({ block: 'start' });
    holdAnchor(target);
  }
  if (go) store.set({ go: undefined });
  return { lab, store, setLanguage };
}
