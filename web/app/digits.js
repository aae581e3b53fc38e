// The digits widget: real handwriting (the 1,797 UCI digits, 8 x 8 cells),
// a network on 64 inputs with 10 softmax outputs trained live by the page's
// trainer (a Worker), the curves of its training, a pad to draw a digit for
// it, its answers on the test images with the confusion matrix, a race of
// hidden activations on the same batches, and its Keras and PyTorch code.
//
// The store holds what a link should reproduce (hidden layers, activations,
// optimiser and rate, temperature, framework, race optimiser); the network
// lives in the trainer, mirrored here to draw with. A change of optimiser or
// rate goes to the running network, which carries on from where it is; a
// change of layers or activations makes a new network, and the widget says so.
import { LIMITS, FRAMEWORKS, compactActs } from './state.js';
import { LEARNING_RATES, layerActivation, splitConfig } from './pgsession.js';
import { digitData, digitConfig, EPOCHS_PER_RUN } from './digitmodel.js';
import { createDigitInput } from './digitdraw.js';
import { createTestViews } from './digitviews.js';
import { createDigitRace } from './digitrace.js';
import { lineChart, colour, retheme, whenNear } from './charts.js';
import { h, control, uid, fmt, download, copyCode } from './dom.js';
import { Mirror, trainingLoop, runTowards } from './trainer.js';
import { codeWriter } from './codewriter.js';

const WIDTHS = [8, 16, 32, 64, 128, 256];
const PAGE_BUDGET_MS = 10; // training per frame when there is no Worker
const EPOCHS_PER_STEP = 5;

// The course's model, as its notes write it: 28 x 28 MNIST images flattened
// to 784 inputs, 128 ReLU units, 10 softmax outputs. Code only (no comments),
// so it reads the same in both languages.
const SEED_MODELS = {
  keras: [
    'import numpy as np',
    'import keras',
    'from keras import layers',
    '',
    'model = keras.Sequential([',
    '    keras.Input(shape=(784,)),',
    '    layers.Dense(128, activation="relu"),',
    '    layers.Dense(10, activation="softmax"),',
    '])',
    'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
    'p = model.predict(x[:1])[0]',
    'print(p, np.argmax(p))',
  ].join('\n'),
  pytorch: [
    'import torch',
    'from torch import nn',
    '',
    'model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))',
    'loss_fn = nn.CrossEntropyLoss()',
    'optimizer = torch.optim.Adam(model.parameters())',
    'p = torch.softmax(model(x[:1]), dim=1)[0]',
    'print(p, p.argmax().item())',
  ].join('\n'),
};

/** @param {HTMLElement} root @param {{lab, store, trainer: () => object}} deps */
export function createDigits(root, { lab, store, trainer }) {
  let t = store.t;
  const data = digitData(lab);
  let mirror = null; // the page's copy of the network (Mirror)
  let group = null; // the trainer's group, opened when the network first trains (no Worker before)
  let key = ''; // what the network is, as JSON
  let training = ''; // how it trains, as JSON
  let history = []; // [{epoch, train: {loss, accuracy}, test}]
  let runTo = 0; // the epoch this run of Train stops at
  let trained = 0; // the trainer's epoch count in its latest reply (also one passed over after a change)
  let failed = ''; // why training stopped, if it failed
  let why = ''; // why the network started again (a key), shown until it trains
  let changed = null; // {accuracy}: the test accuracy when the training options last changed
  const loop = trainingLoop({ trainer, draw, ask, onPending: (n) => { progressText.dataset.pending = String(n); } });
  const run = runTowards(loop);
  const net = () => mirror?.net ?? null;

  // ---- controls ----
  const layerList = h('ol', { class: 'pg-layers dg-layers' });
  const addLayer = h('button', { type: 'button', class: 'btn small', dataset: { action: 'add-layer' }, 'data-i18n': 'dg.layer.add',
    onclick: () => {
      const s = store.get();
      if (s.dh.length >= LIMITS.digitLayers) return;
      store.set({ dh: [...s.dh, s.dh[s.dh.length - 1]], dact: actsFor(s, s.dh.length + 1) });
    } });
  const removeLayer = h('button', { type: 'button', class: 'btn small', dataset: { action: 'remove-layer' }, 'data-i18n': 'dg.layer.remove',
    onclick: () => {
      const s = store.get();
      if (s.dh.length > 1) store.set({ dh: s.dh.slice(0, -1), dact: actsFor(s, s.dh.length - 1) });
    } });
  const actsFor = (s, n) => compactActs(Array.from({ length: n }, (_, i) => layerActivation(s.dact, i)));
  const optId = uid('dg-opt');
  const optSelect = h('select', { id: optId, dataset: { field: 'dopt' }, onchange: (e) => store.set({ dopt: e.target.value }) },
    ...lab.networkOptions.optimizer.map((o) => h('option', { value: o, 'data-i18n': `pg.opt.${o}` })));
  const lrId = uid('dg-lr');
  const lrSelect = h('select', { id: lrId, dataset: { field: 'dlr' }, onchange: (e) => store.set({ dlr: Number(e.target.value) }) });
  const play = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'train' }, onclick: () => (loop.running ? pause() : start()) });
  const reset = h('button', { type: 'button', class: 'btn', dataset: { action: 'reset' }, 'data-i18n': 'dg.reset', onclick: () => {
    key = '';
    sync(store.get());
    draw();
  } });
  const progress = h('progress', { max: String(EPOCHS_PER_RUN), value: '0', 'data-i18n-attr': 'aria-label:dg.progress' });
  const progressText = h('p', { class: 'dg-progress', role: 'status' });
  const note = h('p', { class: 'note small dg-why', role: 'status' });
  const accCanvas = h('canvas', { role: 'img', 'data-i18n-attr': 'aria-label:dg.acc' });
  const lossCanvas = h('canvas', { role: 'img', 'data-i18n-attr': 'aria-label:dg.loss' });
  let accChart = null;
  let lossChart = null;
  let chartsVisible = false;

  const controls = h('fieldset', { class: 'panel dg-controls' }, h('legend', { 'data-i18n': 'dg.network' }),
    // hide=network hides the settings, not the training buttons and their progress.
    ...[h('p', { class: 'note small', 'data-i18n': 'dg.network.shape' }), layerList, h('div', { class: 'row' }, addLayer, removeLayer),
      h('div', { class: 'row' }, h('label', { for: optId, 'data-i18n': 'dg.optimizer' }), optSelect,
        h('label', { for: lrId, 'data-i18n': 'dg.lr' }), lrSelect),
      h('p', { class: 'note small', 'data-i18n': 'dg.lr.note' })].map((el) => control('network', el)),
    h('div', { class: 'row' }, play, reset), progress, progressText, note);
  // Each chart with its legend (placed above the box) in one cell of the grid.
  const curves = h('div', { class: 'charts dg-curves' }, ...[accCanvas, lossCanvas].map((c) =>
    h('div', { class: 'chart-cell' }, h('div', { class: 'chart-box small' }, c))));

  const io = createDigitInput({ lab, store, net });
  const views = createTestViews({ store, test: data.test, net, choose: (cells, why2) => {
    io.show(cells, why2);
    io.element.scrollIntoView?.({ block: 'nearest' });
  } });
  const race = createDigitRace({ store, data: { train: data.train, test: data.test }, trainer });

  // ---- code ----
  const fwButtons = FRAMEWORKS.map((f) => h('button', { type: 'button', class: 'btn small', dataset: { fw: f },
    'data-i18n': `ch.code.${f}`, onclick: () => store.set({ dfw: f }) }));
  const codeBlock = h('code');
  const seedBlock = h('code');
  const fwNote = h('p', { class: 'note small' });
  const copyStatus = h('span', { class: 'note small', role: 'status' });
  const copy = h('button', { type: 'button', class: 'btn small', dataset: { action: 'copy-code' }, 'data-i18n': 'dg.code.copy',
    onclick: () => copyCode(codeBlock, copyStatus, { done: t('dg.code.copied'), failed: t('ch.copyFailed') }) });
  const save = h('button', { type: 'button', class: 'btn small', dataset: { action: 'download-code' }, 'data-i18n': 'dg.code.download',
    onclick: () => {
      const fw = store.get().dfw;
      download(codeBlock.textContent, 'text/plain', `actlab-digits-${fw}.py`);
    } });
  const codePanel = h('details', { class: 'panel dg-code', ontoggle: () => renderCode() }, h('summary', { 'data-i18n': 'dg.code' }),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:dg.code' }, ...fwButtons, copy, save, copyStatus),
    h('div', { class: 'split' },
      h('div', {}, h('h4', { 'data-i18n': 'dg.code.ours' }), h('p', { class: 'note small', 'data-i18n': 'dg.code.ours.note' }), fwNote,
        h('pre', { class: 'code dg-export', tabindex: '0', 'data-i18n-attr': 'aria-label:dg.code.ours' }, codeBlock)),
      h('div', {}, h('h4', { 'data-i18n': 'dg.code.seed' }), h('p', { class: 'note small', 'data-i18n': 'dg.code.seed.note' }),
        h('pre', { class: 'code dg-seed', tabindex: '0', 'data-i18n-attr': 'aria-label:dg.code.seed' }, seedBlock))));

  root.append(
    h('h2', { id: 'digits-title', 'data-i18n': 'dg.title' }),
    control('intro', h('p', { class: 'intro', 'data-i18n': 'dg.intro' })),
    h('div', { class: 'split' }, controls, h('div', { class: 'panel' }, h('h3', { 'data-i18n': 'dg.curves' }), curves)),
    io.element, views.element, control('race', race.element), control('code', codePanel),
    h('p', { class: 'note small dg-credit', 'data-i18n': 'dg.credit' }));
  whenNear(curves, () => {
    chartsVisible = true;
    drawCurves();
  });

  // ---- the network's life ----
  function sync(state) {
    const config = digitConfig(state);
    // What the network is (a change makes a new one) and how it trains (a change carries on).
    const parts = splitConfig(config, lab.networkOptions.trainingKeys);
    const k = JSON.stringify(parts.structure);
    if (k === key) {
      const next = JSON.stringify(parts.training);
      if (next !== training) {
        // Another optimiser or rate: the network carries on from where it is.
        training = next;
        group?.configure(parts.training);
        mirror?.configure(parts.training);
        failed = '';
        const last = history[history.length - 1];
        changed = last && mirror.epochs > 0 ? { accuracy: last.test.accuracy } : null;
      }
      return;
    }
    why = key ? 'dg.why.layers' : '';
    key = k;
    training = JSON.stringify(parts.training);
    pause();
    runTo = 0;
    group?.close();
    mirror?.dispose();
    group = null;
    mirror = null;
    history = [];
    failed = '';
    changed = null;
    run.reset();
    trained = 0;
    try {
      mirror = new Mirror(lab.createNetwork(config));
      measure({ epochs: 0, train: mirror.net.evaluate(data.train.inputs, data.train.labels),
        test: mirror.net.evaluate(data.test.inputs, data.test.labels) });
    } catch (err) {
      failed = err?.message ?? String(err);
    }
  }

  function measure(result) {
    history.push({ epoch: result.epochs, train: result.train, test: result.test });
  }

  function start() {
    if (!mirror) return;
    // The trainer's copy starts as the page's does: same config, training options as they are now.
    group ??= trainer().open([{ config: digitConfig(store.get()) }], { train: data.train, test: data.test });
    runTo = mirror.epochs + EPOCHS_PER_RUN;
    why = '';
    loop.start();
    draw();
  }

  function pause() {
    if (!loop.running) return;
    loop.stop();
    draw();
  }

  function ask() {
    const g = group;
    if (!g || !mirror) return;
    const m = mirror;
    const asked = run.ask(g, { at: Math.max(m.epochs, trained), goal: runTo, most: EPOCHS_PER_STEP, budget: PAGE_BUDGET_MS,
      current: () => g === group,
      onReply: (reply) => {
        trained = Math.max(trained, reply.results[0].epochs);
        if (reply.settings !== g.settings) return; // trained before the last change: the next reply shows it
        const result = reply.results[0];
        if (result.failedAt !== null) {
          failed = t('dg.diverged', { epoch: result.failedAt });
          loop.stop();
        }
        m.apply(result);
        measure(result);
        if (m.epochs >= runTo) loop.stop();
        loop.landed();
        if (!loop.running) draw();
      },
      onError: (err) => {
        failed = err?.message ?? String(err);
        loop.stop();
        draw();
      } });
    if (!asked) pause();
  }

  // ---- drawing ----
  // Everything, or while training the figures (phase 1), the curves (2), the
  // output (3) and the test views and code (0) in turn.
  function draw(phase) {
    const epochs = mirror?.epochs ?? 0;
    const last = history[history.length - 1];
    const started = runTo - EPOCHS_PER_RUN;
    // This run's share of its epochs (empty before the first run).
    progress.value = String(runTo === 0 ? 0 : Math.max(0, Math.min(EPOCHS_PER_RUN, epochs - started)));
    play.textContent = t(loop.running ? 'dg.pause' : 'dg.train', { n: EPOCHS_PER_RUN });
    play.setAttribute('aria-pressed', String(loop.running));
    play.disabled = !mirror;
    progressText.dataset.epoch = String(epochs);
    progressText.textContent = !last ? '' : t('dg.status', { epoch: epochs,
      train: fmt(last.train.accuracy * 100, 3), test: fmt(last.test.accuracy * 100, 3),
      loss: fmt(last.train.loss, 3), tloss: fmt(last.test.loss, 3) });
    progressText.dataset.test = String(last?.test.accuracy ?? '');
    // A change that threw training back (a rate far too large) is named: nothing diverged, yet it got worse.
    const fell = changed && last && last.test.accuracy < changed.accuracy - 0.3;
    note.textContent = failed ? t('dg.failed', { detail: failed }) : why ? t(why)
      : fell ? t('dg.why.fell', { from: fmt(changed.accuracy * 100, 3), to: fmt(last.test.accuracy * 100, 3) }) : '';
    if (phase === undefined || phase === 2) drawCurves();
    if (phase === undefined || phase === 3) io.update();
    if (phase === undefined || phase === 0) {
      views.draw();
      renderCode();
    }
  }

  function drawCurves() {
    if (!chartsVisible) return;
    accChart ??= lineChart(accCanvas, { xTitle: t('dg.epoch'), yTitle: t('dg.acc') });
    lossChart ??= lineChart(lossCanvas, { xTitle: t('dg.epoch'), yTitle: t('dg.loss'), yType: 'logarithmic' });
    accCanvas.actlabChart = accChart;
    lossCanvas.actlabChart = lossChart;
    const series = (chart, pick, yTitle) => {
      chart.options.scales.x.title.text = t('dg.epoch');
      chart.options.scales.y.title.text = t(yTitle);
      chart.options.scales.x.min = 0;
      chart.options.scales.x.suggestedMax = EPOCHS_PER_RUN; // a sensible frame before training
      chart.data.datasets = ['train', 'test'].map((part, i) => ({ label: t(`dg.part.${part}`), borderColor: colour(i), backgroundColor: colour(i),
        borderDash: i ? [6, 4] : [], data: history.map((p) => ({ x: p.epoch, y: pick(p[part]) })) }));
      chart.update('none');
    };
    accChart.options.scales.y.min = 0;
    accChart.options.scales.y.max = 1;
    lossChart.options.scales.y.suggestedMin = 0.01;
    lossChart.options.scales.y.suggestedMax = 3;
    series(accChart, (m) => m.accuracy, 'dg.acc');
    series(lossChart, (m) => (m.loss > 0 ? m.loss : null), 'dg.loss');
    const last = history[history.length - 1];
    const words = last ? t('dg.curves.label', { epoch: last.epoch, train: fmt(last.train.accuracy * 100, 3), test: fmt(last.test.accuracy * 100, 3) }) : '';
    accCanvas.setAttribute('aria-label', words || t('dg.acc'));
    lossCanvas.setAttribute('aria-label', last ? `${t('dg.loss')}: ${fmt(last.train.loss, 3)} / ${fmt(last.test.loss, 3)}` : t('dg.loss'));
  }

  // The code of the network being trained, with its optimiser state (from
  // the trainer), written again as codeWriter decides.
  const writer = codeWriter({ lab, rerun: () => renderCode() });
  async function renderCode() {
    const state = store.get();
    seedBlock.textContent = SEED_MODELS[state.dfw];
    fwNote.textContent = t(state.dfw === 'keras' ? 'dg.code.ours.keras' : 'dg.code.ours.pytorch');
    fwButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.fw === state.dfw)));
    if (!codePanel.open || !mirror) return;
    const language = state.lang ?? 'en';
    // The trainer's copy has the optimiser state; before any training the page's copy is the same network.
    const saved = async () => (group ? (await group.json())[0] : mirror.toJSON());
    const result = await writer.write({ what: JSON.stringify([key, training, state.dfw, language]), epochs: mirror.epochs,
      saved, framework: state.dfw, language });
    if (result === null) return;
    codeBlock.textContent = typeof result === 'string' ? result : t('dg.failed', { detail: result.error });
    copyStatus.textContent = ''; // "copied" was about the code before
  }

  function renderControls(state) {
    layerList.replaceChildren(...state.dh.map((size, i) => {
      const sizeId = uid('dg-size');
      const actId = uid('dg-act');
      return h('li', { class: 'row' },
        h('label', { for: sizeId, text: t('dg.layer', { i: i + 1 }) }),
        h('select', { id: sizeId, dataset: { layerSize: String(i) }, onchange: (e) => {
          const s = store.get();
          store.set({ dh: s.dh.map((v, k) => (k === i ? Number(e.target.value) : v)) });
        } }, ...[...new Set([...WIDTHS, size])].sort((a, b) => a - b).map((w) => h('option', { value: String(w), text: t('dg.units', { n: w }), selected: w === size }))),
        h('label', { for: actId, class: 'sr-only', text: t('dg.layer.act', { i: i + 1 }) }),
        h('select', { id: actId, dataset: { layerAct: String(i) }, onchange: (e) => {
          const s = store.get();
          store.set({ dact: compactActs(s.dh.map((_, k) => (k === i ? e.target.value : layerActivation(s.dact, k)))) });
        } }, ...lab.activations.map((a) => h('option', { value: a.name, text: a.name, selected: a.name === layerActivation(state.dact, i) }))));
    }));
    addLayer.disabled = state.dh.length >= LIMITS.digitLayers;
    removeLayer.disabled = state.dh.length <= 1;
    optSelect.value = state.dopt;
    const rates = [...new Set([...LEARNING_RATES, state.dlr])].sort((a, b) => a - b);
    lrSelect.replaceChildren(...rates.map((r) => h('option', { value: String(r), text: fmt(r), selected: r === state.dlr })));
  }

  return {
    /** Stops training (the tutorial calls it when the reader leaves the chapter). */
    pause() {
      pause();
      race.pause();
    },
    render(state, translate) {
      t = translate;
      renderControls(state);
      sync(state);
      io.render(state, t);
      views.render(state, t);
      race.render(state, t);
      draw();
    },
    /** The network's figures for an exercise: {epoch, test: {loss, accuracy}, activation: [name per layer]}. */
    result() {
      const last = history[history.length - 1];
      return mirror && last ? { epoch: mirror.epochs, test: last.test, activation: mirror.net.config.activation.map((a) => a.name) } : null;
    },
    /** What the network reads in the input shown: {epoch, source: 'drawing'|'test'|'empty', digit, p}. */
    reading() {
      return { epoch: mirror?.epochs ?? 0, ...io.reading() };
    },
    retint() {
      if (accChart) retheme(accChart);
      if (lossChart) retheme(lossChart);
      io.retint();
      race.retint();
    },
  };
}
