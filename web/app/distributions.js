// The deep-network widget: what happens to a population of inputs layer
// after layer. 500 inputs from N(0, 1) go through a network whose depth,
// width, activation and initialiser the reader chooses; one small histogram
// per layer shows its outputs f(z), its pre-activations z or its gradients
// dLoss/dz, with the spread and the shares saturated and dead. Presets give
// the classic pictures (Glorot & Bengio 2010; the CS231n notes): tanh with
// weights from N(0, 0.01^2) fading to 0, N(0, 1) saturating at +-1, Glorot
// alive; ReLU with Glorot fading, He alive. The network can train (on labels
// a fixed random linear rule gives those inputs), and the histograms follow.
// The histograms are computed in C where the network trains (the trainer's
// Worker): the page only draws them.
import { LIMITS, DEEP_VIEWS } from './state.js';
import { deepData, deepConfig, DEEP_PRESETS, presetOf } from './distmodel.js';
import { themeColours } from './charts.js';
import { h, control, uid, fmt } from './dom.js';
import { trainingLoop, runTowards } from './trainer.js';

const BINS = 30;
const WIDTHS = [16, 32, 64, 128, 256];
const EPOCHS_PER_RUN = 20;
const PAGE_BUDGET_MS = 12;
const S_LOG_MIN = Math.log10(LIMITS.stdMin);
const S_LOG_MAX = Math.log10(LIMITS.stdMax);

/** @param {HTMLElement} root @param {{lab, store, trainer: () => object}} deps */
export function createDistributions(root, { lab, store, trainer }) {
  let t = store.t;
  const data = deepData();
  let group = null;
  let key = '';
  let layers = null; // the last layerStats with histograms
  let epochs = 0;
  let runTo = 0;
  let asking = 0; // the newest stats request: older answers are dropped
  let inFlight = false; // one stats request at a time, whichever network: another is asked for when it lands
  let again = false;
  let syncTimer = 0; // settings that change fast (a slider dragged) make one network, not one per step
  let failed = '';
  const loop = trainingLoop({ trainer, draw: () => refresh(), ask, onPending: (n) => { status.dataset.pending = String(n); } });
  const run = runTowards(loop);

  // ---- controls ----
  const depthId = uid('q-depth');
  const depth = h('input', { type: 'range', id: depthId, min: 1, max: LIMITS.deepLayers, step: 1, dataset: { field: 'qd' },
    oninput: (e) => store.set({ qd: Number(e.target.value) }) });
  const depthOut = h('output', { for: depthId });
  const widthId = uid('q-width');
  const width = h('select', { id: widthId, dataset: { field: 'qw' }, onchange: (e) => store.set({ qw: Number(e.target.value) }) });
  const actId = uid('q-act');
  const act = h('select', { id: actId, dataset: { field: 'qa' }, onchange: (e) => store.set({ qa: e.target.value }) },
    ...lab.activations.map((a) => h('option', { value: a.name, text: a.name })));
  const initId = uid('q-init');
  const init = h('select', { id: initId, dataset: { field: 'qi' }, onchange: (e) => store.set({ qi: e.target.value }) },
    ...lab.networkOptions.init.map((i) => h('option', { value: i, 'data-i18n': `q.init.${i}` })));
  const sigmaId = uid('q-sigma');
  const sigma = h('input', { type: 'range', id: sigmaId, min: S_LOG_MIN, max: S_LOG_MAX, step: 0.05, dataset: { field: 'qs' },
    oninput: (e) => store.set({ qs: Number((10 ** Number(e.target.value)).toPrecision(2)) }) });
  const sigmaOut = h('output', { for: sigmaId });
  const sigmaRow = h('div', { class: 'row' }, h('label', { for: sigmaId, 'data-i18n': 'q.sigma' }), sigma, sigmaOut);
  const presetButtons = Object.keys(DEEP_PRESETS).map((p) => h('button', { type: 'button', class: 'btn small', dataset: { preset: p },
    'data-i18n': `q.preset.${p}`, onclick: () => store.set({ ...DEEP_PRESETS[p] }) }));
  const reading = h('p', { class: 'note q-reading', role: 'status' });
  const viewButtons = DEEP_VIEWS.map((v) => h('button', { type: 'button', class: 'btn small', dataset: { view: v },
    'data-i18n': `q.view.${v}`, onclick: () => store.set({ qv: v }) }));
  const play = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'train' }, onclick: () => (loop.running ? pause() : start()) });
  const status = h('p', { class: 'note small', role: 'status' });
  const scale = h('p', { class: 'note small q-scale' });
  const grid = h('ol', { class: 'q-layers' });

  root.append(
    h('h2', { id: 'distributions-title', 'data-i18n': 'q.title' }),
    control('intro', h('p', { class: 'intro', 'data-i18n': 'q.intro' })),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:q.presets' },
      h('span', { class: 'label', 'data-i18n': 'q.presets' }), ...presetButtons),
    reading,
    h('fieldset', { class: 'panel q-controls' }, h('legend', { 'data-i18n': 'q.network' }),
      h('div', { class: 'row' }, h('label', { for: depthId, 'data-i18n': 'q.depth' }), depth, depthOut),
      h('div', { class: 'row' }, h('label', { for: widthId, 'data-i18n': 'q.width' }), width,
        h('label', { for: actId, 'data-i18n': 'q.act' }), act),
      h('div', { class: 'row' }, h('label', { for: initId, 'data-i18n': 'q.init' }), init), sigmaRow,
      h('div', { class: 'row' }, play), status),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:q.view' },
      h('span', { class: 'label', 'data-i18n': 'q.view' }), ...viewButtons),
    scale, grid,
    h('p', { class: 'note small', 'data-i18n': 'q.data' }));

  // ---- the network ----
  function sync(state) {
    const config = deepConfig(state);
    const k = JSON.stringify(config);
    if (k === key) return;
    key = k;
    loop.stop();
    group?.close();
    group = null;
    layers = null;
    run.reset();
    epochs = 0;
    runTo = 0;
    failed = '';
    try {
      // The network is made only where it trains (a bad config fails there, and its first
      // stats request says why); the page asks it for its histograms.
      group = trainer().open([{ config }], { train: data, test: { inputs: new Float64Array(0), labels: new Float64Array(0) } });
    } catch (err) {
      failed = err?.message ?? String(err);
    }
    refresh();
  }

  // New histograms for the network as it is now (the newest request wins).
  function refresh() {
    const g = group;
    if (!g) {
      drawLayers();
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    again = false;
    const n = ++asking;
    // The next request, if something changed meanwhile, is for the network there is now.
    const done = () => {
      inFlight = false;
      if (again || g !== group) refresh();
    };
    g.stats(data.inputs, { bins: BINS, labels: data.labels }).then((reply) => {
      if (reply && g === group && n === asking) {
        layers = reply.layers;
        epochs = reply.epochs;
        drawLayers();
      }
      done();
    }).catch((err) => {
      if (g === group) {
        failed = err?.message ?? String(err);
        drawLayers();
      }
      done();
    });
  }

  function start() {
    if (!group) return;
    runTo = epochs + EPOCHS_PER_RUN;
    loop.start();
    drawControls(store.get());
  }

  function pause() {
    loop.stop();
    drawControls(store.get());
  }

  function ask() {
    const g = group;
    if (!g) return;
    const asked = run.ask(g, { at: epochs, goal: runTo, budget: PAGE_BUDGET_MS, current: () => g === group,
      onReply: (reply) => {
        const r = reply.results[0];
        epochs = r.epochs;
        if (r.failedAt !== null) {
          failed = t('q.diverged', { epoch: r.failedAt });
          loop.stop();
        }
        if (epochs >= runTo) loop.stop();
        loop.landed();
      },
      onError: (err) => {
        failed = err?.message ?? String(err);
        loop.stop();
      } });
    if (!asked) pause();
  }

  // ---- drawing ----
  function drawControls(state) {
    depth.value = String(state.qd);
    depthOut.textContent = String(state.qd);
    const widths = [...new Set([...WIDTHS, state.qw])].sort((a, b) => a - b);
    width.replaceChildren(...widths.map((w) => h('option', { value: String(w), text: t('q.units', { n: w }), selected: w === state.qw })));
    act.value = state.qa;
    init.value = state.qi;
    for (const o of init.options) o.textContent = t(`q.init.${o.value}`);
    sigma.value = String(Math.log10(state.qs));
    sigmaOut.textContent = `σ = ${fmt(state.qs, 3)}`;
    sigma.setAttribute('aria-valuetext', `σ = ${fmt(state.qs, 3)}`);
    sigmaRow.hidden = state.qi !== 'normal';
    const preset = presetOf(state);
    presetButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.preset === preset)));
    reading.textContent = preset ? t(`q.read.${preset}`) : t('q.read.none');
    reading.dataset.preset = preset ?? '';
    viewButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === state.qv)));
    play.textContent = t(loop.running ? 'q.pause' : 'q.train', { n: EPOCHS_PER_RUN });
    play.setAttribute('aria-pressed', String(loop.running));
    play.disabled = !group;
  }

  function drawLayers() {
    const state = store.get();
    drawControls(state);
    status.textContent = failed ? t('q.failed', { detail: failed }) : t('q.epochs', { epochs });
    status.dataset.epochs = String(epochs);
    if (!layers) {
      grid.replaceChildren();
      scale.textContent = failed ? '' : t('q.computing');
      return;
    }
    const part = { output: 'histogram', pre: 'preHistogram', gradient: 'gradientHistogram' }[state.qv];
    const edges = layers[0][part].edges;
    scale.textContent = t(`q.scale.${state.qv}`, { lo: fmt(edges[0], 3), hi: fmt(edges[edges.length - 1], 3) });
    const theme = themeColours();
    const hidden = layers.slice(0, -1); // the softmax output is not a hidden layer's picture
    grid.replaceChildren(...hidden.map((s, i) => {
      const hist = s[part];
      const canvas = h('canvas', { width: 150, height: 56, role: 'img' });
      paintHistogram(canvas, hist.counts, theme);
      const sat = s.saturated === null ? '—' : `${fmt(s.saturated * 100, 3)} %`;
      const dead = s.dead === null ? '—' : `${fmt(s.dead * 100, 3)} %`;
      const line = t('q.layer', { i: i + 1, std: fmt(s.std, 3), sat, dead });
      canvas.setAttribute('aria-label', line);
      return h('li', { class: 'q-layer', dataset: { layer: String(i + 1), std: String(s.std), saturated: String(s.saturated) } },
        canvas, h('span', { class: 'small', text: line }));
    }));
  }

  return {
    render(state, translate) {
      t = translate;
      drawLayers();
      clearTimeout(syncTimer);
      syncTimer = setTimeout(() => sync(store.get()), key ? 120 : 0);
    },
    pause,
    retint: () => drawLayers(),
  };
}

/** Bars of counts, scaled to the tallest: a distribution's shape, whatever its size. */
export function paintHistogram(canvas, counts, theme) {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, width, height);
  const max = Math.max(1, ...counts);
  const w = width / counts.length;
  ctx.fillStyle = '#0072B2';
  counts.forEach((c, i) => {
    const bar = (c / max) * (height - 2);
    ctx.fillRect(i * w + 0.5, height - bar, Math.max(1, w - 1), bar);
  });
  ctx.strokeStyle = theme.muted;
  ctx.beginPath();
  ctx.moveTo(0, height - 0.5);
  ctx.lineTo(width, height - 0.5);
  ctx.stroke();
}
