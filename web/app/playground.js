// The network playground: choose a dataset and a network, train it live,
// and watch the decision boundary and the loss curves. The engine (lab.
// createNetwork, train, evaluate, grid) does every computation; this file
// only draws. Training runs in a Worker (web/app/trainer.js; on the page in
// short slices where no Worker starts): each animation frame asks for up to
// "speed" more epochs, one train() call per epoch, and draws the latest
// parameters the trainer sent into a mirror network, so a network after n
// epochs is the same whatever the frame timing was.
// The settings live in the store (and the URL); the trained weights and the
// loss history belong to this page view.
import { LIMITS, FEATURES, OPTIMIZERS, SPEEDS, INITIALIZERS, PENALTIES, FRAMEWORKS, raceByInit, compactActs } from './state.js';
import { lineChart, colour, retheme, themeColours, whenNear, onScreen } from './charts.js';
import { h, uid, fmt, download } from './dom.js';
import { importCSV, exportCSV, pointsWhere, MAX_FILE_BYTES } from './pgdata.js';
import { kerasModelCode, torchModelCode, readSavedNetwork } from './pgexport.js';
import { createNetworkView } from './pgnetview.js';
import { createCollapseView } from './pgcollapse.js';
import { createRace } from './pgrace.js';
import { createTrainer, Mirror, trainingLoop } from './trainer.js';

const RANGE = 6; // the engine's datasets lie in [-6, 6]²
const GRID = 60; // heatmap resolution
const SHADE = 0.65; // strongest tint of the background, for the most confident output
const MAX_HISTORY = 400; // measurements kept (halved when full): enough for a curve, cheap to chart
const LEARNING_RATES = [0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];
const FRAME_BUDGET_MS = 12; // training time per frame when it runs on the page, leaving room for drawing
const TRIAL_EPOCHS = 50; // a lower learning rate is offered if a fresh network trains this long with it

/** The output layer and loss that fit a dataset's task (the chooser explains why). */
export function outputFor(info) {
  if (info.task === 'multiclass') return { units: info.classes, output: 'softmax', loss: 'cross_entropy' };
  if (info.task === 'regression') return { units: 1, output: 'identity', loss: 'mse' };
  return { units: 1, output: 'sigmoid', loss: 'binary_cross_entropy' };
}

/** The activation of hidden layer i: one name serves every layer; in a list, the last one repeats. */
const layerActivation = (act, i) => act[Math.min(i, act.length - 1)];


/** The engine's network config for the playground's state. */
export function networkConfig(state, info) {
  const out = outputFor(info);
  const acts = state.hidden.map((_, i) => layerActivation(state.act, i));
  return {
    layers: [state.feat.length, ...state.hidden, out.units],
    activation: acts.length ? acts : state.act[0],
    output: out.output,
    loss: out.loss,
    ...(state.init === 'auto' ? {} : { init: state.init }),
    optimizer: state.opt,
    learningRate: state.lr,
    batchSize: state.bs,
    l1: state.l1,
    l2: state.l2,
    seed: state.seed,
    features: state.feat,
  };
}

/** The dataset and its train/test split for the playground's state. */
export function playgroundData(lab, state) {
  const all = lab.makeDataset(state.ds, { count: state.n, noise: state.noise, seed: state.dseed });
  return { all, ...lab.splitDataset(all, { testFraction: state.test, seed: state.dseed }) };
}

const hexRgb = (hex) => {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? m.slice(1).map((x) => parseInt(x, 16)) : [255, 255, 255];
};
const mix = (a, b, w) => a.map((v, i) => Math.round(v + (b[i] - v) * w));
// Class 0 orange, class 1 blue (TensorFlow Playground's convention), class 2 green.
const CLASS_RGB = [1, 0, 2].map((k) => hexRgb(colour(k)));

/** The chooser's problem type for a dataset's task. */
const CHOOSER_TASK = { binary: 'binary', multiclass: 'multiclass', regression: 'regression' };

export function createPlayground(root, { lab, store, links, trainer: sharedTrainer }) {
  const datasets = new Map(lab.datasets.map((d) => [d.name, d]));
  let t = store.t;
  // The page's trainer (one Worker for the playground and race mode), made when first needed.
  let ownTrainer = null;
  const trainer = () => sharedTrainer?.() ?? (ownTrainer ??= createTrainer({ lab }));

  // ---- per-view session: data, network, history (not in the URL) ----
  let data = null;
  let dataKey = '';
  let net = null; // a Mirror: the trainer's latest parameters, to draw with
  let group = null; // the trainer's group holding the network that trains
  let netKey = '';
  let history = [];
  // Each frame: draw what the last reply brought, ask for more training.
  const loop = trainingLoop({ trainer, draw,
    ask: () => advance(store.get().speed, FRAME_BUDGET_MS),
    onPending: (n) => { stats.dataset.pending = String(n); } });
  let failure = null; // {key, vars} shown in place of training
  let imported = null; // {id, name, task, classes, train, test} while the data comes from a file
  let importCount = 0;
  let added = []; // points added by clicking: {x1, x2, label, task, classes}
  let addLabel = 1; // the class (or value) of the next added point
  let cursor = null; // keyboard position on the map {x1, x2}, while it has focus
  let pendingNet = null; // a loaded network, adopted by sync() once the state describes it

  // ---- controls ----
  const dsButtons = [...datasets.keys()].map((name) => h('button', { type: 'button', class: 'btn', dataset: { ds: name },
    'aria-pressed': 'false', onclick: () => {
      if (imported) {
        imported = null;
        pointMessage.replaceChildren();
      }
      store.set({ ds: name });
    } }, h('span', { 'data-i18n': `pg.ds.${name}` })));
  const slider = (field, min, max, step, labelKey, show) => {
    const id = uid(field);
    const input = h('input', { type: 'range', id, min, max, step, oninput: (e) => store.set({ [field]: Number(e.target.value) }) });
    const out = h('output', { for: id });
    return { input, out, show, row: h('div', { class: 'pg-field' }, h('label', { for: id, 'data-i18n': labelKey }), input, out) };
  };
  const noise = slider('noise', 0, 1, 0.05, 'pg.noise', (v) => `${Math.round(v * 100)} %`);
  const count = slider('n', LIMITS.minSamples, LIMITS.maxSamples, 10, 'pg.count', (v) => String(v));
  const testShare = slider('test', 0.1, 0.9, 0.05, 'pg.test', (v) => `${Math.round(v * 100)} %`);
  const sliders = [[noise, 'noise'], [count, 'n'], [testShare, 'test']];
  const regenerate = h('button', { type: 'button', class: 'btn', dataset: { action: 'regenerate' }, 'data-i18n': 'pg.regenerate',
    onclick: () => store.set({ dseed: (store.get().dseed % LIMITS.maxSeed) + 1 }) });
  // Your own points: added by clicking the map, or read from a CSV file.
  const importedNote = h('div', { class: 'pg-imported' });
  const labelGroup = h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:pg.add.class' });
  const ownOfKind = () => {
    const info = dataInfo(store.get());
    return added.filter((p) => sameKind(p, info));
  };
  const undoButton = h('button', { type: 'button', class: 'btn', 'data-i18n': 'pg.add.undo', onclick: () => {
    const last = ownOfKind().pop();
    added = added.filter((p) => p !== last);
    pointsChanged();
  } });
  const clearButton = h('button', { type: 'button', class: 'btn', 'data-i18n': 'pg.add.clear', onclick: () => {
    const mine = new Set(ownOfKind());
    added = added.filter((p) => !mine.has(p));
    pointsChanged();
  } });
  const fileInput = h('input', { type: 'file', accept: '.csv,text/csv,text/plain', class: 'sr-only', tabindex: '-1', 'aria-hidden': 'true',
    onchange: (e) => {
      const file = e.target.files[0];
      e.target.value = '';
      if (file) importFile(file);
    } });
  const importButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'import' }, 'data-i18n': 'pg.csv.import', onclick: () => fileInput.click() });
  const exportButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'export' }, 'data-i18n': 'pg.csv.export', onclick: () => downloadCSV() });
  const pointInfo = h('p', { class: 'note small', role: 'status', id: uid('points') });
  const pointMessage = h('div', { class: 'pg-points-message', role: 'status' });
  const dataPanel = h('fieldset', { class: 'panel pg-data' }, h('legend', { 'data-i18n': 'pg.data' }),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:pg.dataset' }, ...dsButtons),
    importedNote,
    ...sliders.map(([s]) => s.row), h('div', { class: 'row' }, regenerate),
    h('h3', { class: 'pg-sub', 'data-i18n': 'pg.points' }),
    h('p', { class: 'note small', 'data-i18n': 'pg.add.how' }),
    labelGroup, h('div', { class: 'row' }, undoButton, clearButton), pointInfo,
    h('div', { class: 'row' }, importButton, exportButton, fileInput), pointMessage);

  const featButtons = FEATURES.map((f) => h('button', { type: 'button', class: 'chip', dataset: { feature: f },
    'aria-pressed': 'false', onclick: () => toggleFeature(f) }, h('span', { 'data-i18n': `pg.feat.${f}` })));
  const featError = h('p', { class: 'error', role: 'alert' });
  const layerList = h('ol', { class: 'pg-layers' });
  const addLayer = h('button', { type: 'button', class: 'btn', 'data-i18n': 'pg.layer.add', onclick: () => {
    const s = store.get();
    if (s.hidden.length >= LIMITS.maxLayers) return;
    store.set({ hidden: [...s.hidden, s.hidden[s.hidden.length - 1] ?? 4], act: actsFor(s, s.hidden.length + 1) });
  } });
  const removeLayer = h('button', { type: 'button', class: 'btn', 'data-i18n': 'pg.layer.remove', onclick: () => {
    const s = store.get();
    if (!s.hidden.length) return;
    store.set({ hidden: s.hidden.slice(0, -1), act: actsFor(s, s.hidden.length - 1) });
  } });
  const outputNote = h('span');
  const outputWhy = h('span');
  const networkPanel = h('fieldset', { class: 'panel pg-network' }, h('legend', { 'data-i18n': 'pg.network' }),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:pg.features' },
      h('span', { class: 'label', 'data-i18n': 'pg.features' }), ...featButtons),
    featError, layerList, h('div', { class: 'row' }, addLayer, removeLayer),
    h('p', { class: 'note small pg-output-note' }, outputNote, ' ', outputWhy));

  const lrSelect = h('select', { id: uid('lr'), dataset: { field: 'lr' }, onchange: (e) => store.set({ lr: Number(e.target.value) }) });
  const bsInput = h('input', { type: 'number', class: 'num', id: uid('bs'), min: 1, max: LIMITS.maxBatch, step: 1,
    onchange: (e) => {
      const v = Number(e.target.value);
      const ok = Number.isInteger(v) && v >= 1 && v <= LIMITS.maxBatch;
      e.target.setAttribute('aria-invalid', String(!ok));
      bsError.textContent = ok ? '' : t('pg.batch.bad', { max: LIMITS.maxBatch, kept: store.get().bs });
      if (ok) store.set({ bs: v });
    } });
  const bsError = h('p', { class: 'error', role: 'alert' });
  const optSelect = h('select', { id: uid('opt'), dataset: { field: 'opt' }, onchange: (e) => store.set({ opt: e.target.value }) },
    ...OPTIMIZERS.map((o) => h('option', { value: o, 'data-i18n': `pg.opt.${o}` })));
  const initSelect = h('select', { id: uid('init'), dataset: { field: 'init' }, onchange: (e) => store.set({ init: e.target.value }) },
    ...INITIALIZERS.map((v) => h('option', { value: v, 'data-i18n': `pg.init.${v}` })));
  const penalty = (field) => h('select', { id: uid(field), dataset: { field }, onchange: (e) => store.set({ [field]: Number(e.target.value) }) });
  const l1Select = penalty('l1');
  const l2Select = penalty('l2');
  const speedSelect = h('select', { id: uid('speed'), dataset: { field: 'speed' }, onchange: (e) => store.set({ speed: Number(e.target.value) }) },
    ...SPEEDS.map((v) => h('option', { value: String(v), 'data-i18n': `pg.speed.${v}` })));
  const trainingPanel = h('fieldset', { class: 'panel pg-training' }, h('legend', { 'data-i18n': 'pg.training' }),
    h('div', { class: 'pg-field' }, h('label', { for: lrSelect.id, 'data-i18n': 'pg.lr' }), lrSelect),
    h('div', { class: 'pg-field' }, h('label', { for: bsInput.id, 'data-i18n': 'pg.batch' }), bsInput), bsError,
    h('div', { class: 'pg-field' }, h('label', { for: optSelect.id, 'data-i18n': 'pg.optimizer' }), optSelect),
    h('div', { class: 'pg-field' }, h('label', { for: initSelect.id, 'data-i18n': 'pg.init' }), initSelect),
    h('div', { class: 'pg-field' }, h('label', { for: l1Select.id, 'data-i18n': 'pg.l1' }), l1Select),
    h('div', { class: 'pg-field' }, h('label', { for: l2Select.id, 'data-i18n': 'pg.l2' }), l2Select),
    h('div', { class: 'pg-field' }, h('label', { for: speedSelect.id, 'data-i18n': 'pg.speed' }), speedSelect));

  const playButton = h('button', { type: 'button', class: 'btn primary', dataset: { action: 'play' }, onclick: () => (loop.running ? pause() : play()) });
  const stepButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'step' }, 'data-i18n': 'pg.step', onclick: () => {
    pause();
    advance(1);
  } });
  const resetButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'reset' }, 'data-i18n': 'pg.reset', onclick: () => {
    netKey = '';
    sync(store.get());
    draw();
  } });
  const stats = h('dl', { class: 'pg-stats', 'aria-live': 'off' });
  const message = h('div', { class: 'pg-message', role: 'alert' });
  const toggle = (field, key) => {
    const input = h('input', { type: 'checkbox', id: uid(field), onchange: (e) => store.set({ [field]: e.target.checked }) });
    return { input, row: h('label', { for: input.id, class: 'row' }, input, h('span', { 'data-i18n': key })) };
  };
  const showTest = toggle('tp', 'pg.showTest');
  const discrete = toggle('disc', 'pg.discretise');
  // The map takes clicks (and, with focus, arrow keys and Enter) to add points.
  const boundary = h('canvas', { class: 'pg-boundary', role: 'application', tabindex: '0', width: 360, height: 360,
    'aria-describedby': pointInfo.id,
    onclick: (e) => {
      const box = boundary.getBoundingClientRect();
      const at = (v) => Math.round(((v * 2 * RANGE) - RANGE) * 100) / 100;
      addPoint(at((e.clientX - box.left) / box.width), -at((e.clientY - box.top) / box.height));
    },
    onfocus: () => {
      cursor ??= { x1: 0, x2: 0 };
      drawBoundary();
    },
    onblur: () => {
      cursor = null;
      drawBoundary();
    },
    onkeydown: (e) => {
      const step = e.shiftKey ? 0.1 : 0.5;
      const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
      if (move && cursor) {
        const clamp = (v) => Math.round(Math.max(-RANGE, Math.min(RANGE, v)) * 100) / 100;
        cursor = { x1: clamp(cursor.x1 + move[0]), x2: clamp(cursor.x2 + move[1]) };
        drawBoundary();
      } else if ((e.key === 'Enter' || e.key === ' ') && cursor) {
        addPoint(cursor.x1, cursor.x2);
      } else {
        return;
      }
      e.preventDefault();
    } });
  const lossCanvas = h('canvas', { class: 'pg-loss', role: 'img' });
  const legend = h('p', { class: 'note small pg-legend' });

  // Save, load and export: JSON for the page, code for Keras and PyTorch.
  const jsonInput = h('input', { type: 'file', accept: '.json,application/json', class: 'sr-only', tabindex: '-1', 'aria-hidden': 'true',
    onchange: (e) => {
      const file = e.target.files[0];
      e.target.value = '';
      if (file) loadNetworkFile(file);
    } });
  const exportMessage = h('div', { class: 'pg-points-message', role: 'status' });
  const frameworkButtons = FRAMEWORKS.map((f) => h('button', { type: 'button', class: 'btn small', dataset: { framework: f },
    'aria-pressed': 'false', 'data-i18n': `ch.code.${f}`, onclick: () => store.set({ code: f }) }));
  const codeBlock = h('code');
  const copyStatus = h('span', { class: 'note small', role: 'status' });
  const exportPanel = h('details', { class: 'pg-export', ontoggle: () => renderCode() },
    h('summary', { 'data-i18n': 'pg.export' }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'save-json' }, 'data-i18n': 'pg.export.json', onclick: () => downloadJSON() }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'load-json' }, 'data-i18n': 'pg.export.load', onclick: () => jsonInput.click() }),
      jsonInput),
    h('p', { class: 'note small', 'data-i18n': 'pg.export.note' }), exportMessage,
    h('h3', { class: 'pg-sub', 'data-i18n': 'pg.export.code' }),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:pg.export.code' }, ...frameworkButtons,
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'copy-code' }, 'data-i18n': 'pg.export.copy', onclick: () => copyCode() }), copyStatus),
    h('pre', { class: 'code pg-code', tabindex: '0' }, codeBlock));

  // Inside the network: thumbnails and weights, dead units, gradient sizes.
  const netView = createNetworkView({ t });
  let linearFrom = null; // the activations before "make every hidden layer linear"
  const collapseView = createCollapseView({ t,
    onLinear: () => {
      linearFrom = store.get().act;
      store.set({ act: ['identity'] });
    },
    onRestore: () => {
      const back = linearFrom;
      linearFrom = null;
      if (back) store.set({ act: back });
    } });
  const gradCanvas = h('canvas', { class: 'pg-grad', role: 'img', 'aria-label': t('pg.grad') });
  const inside = h('div', { class: 'pg-inside' },
    h('h3', { 'data-i18n': 'pg.inside' }),
    h('p', { class: 'note small', 'data-i18n': 'pg.inside.how' }),
    netView.element,
    collapseView.element,
    h('h3', { 'data-i18n': 'pg.grad' }),
    h('p', { class: 'note small', 'data-i18n': 'pg.grad.how' }),
    h('div', { class: 'chart-box small' }, gradCanvas));

  // Race mode: the same data for two to four networks that differ in one thing.
  const race = createRace({ lab, store, t,
    configFor: (state, racer) => {
      const config = networkConfig(state, dataInfo(state));
      if (raceByInit(state.race)) return { ...config, init: racer };
      return { ...config, activation: state.hidden.length ? state.hidden.map(() => racer) : racer };
    },
    session: () => (data && near ? { data, info: dataInfo(store.get()), key: `${dataKey} ${dataVersion}` } : null),
    trainer,
    paint: (canvas, network, info, theme) => {
      canvas.getContext('2d').putImageData(mapImage(network, info, canvas.width, store.get().disc, hexRgb(theme.bg)), 0, 0);
    },
    onStart: () => pause() });

  root.append(
    h('h2', { id: 'playground-title', 'data-i18n': 'pg.title' }),
    h('p', { class: 'intro', 'data-i18n': 'pg.intro' }),
    h('div', { class: 'pg-grid' },
      h('div', { class: 'pg-controls' }, dataPanel, networkPanel, trainingPanel),
      h('div', { class: 'pg-output' },
        h('div', { class: 'row' }, playButton, stepButton, resetButton),
        stats, message,
        h('div', { class: 'pg-plot' }, boundary),
        h('div', { class: 'row' }, showTest.row, discrete.row),
        legend,
        h('h3', { 'data-i18n': 'pg.loss' }),
        h('div', { class: 'chart-box small' }, lossCanvas),
        exportPanel)),
    inside,
    race.element,
  );

  const small = h('canvas', { width: GRID, height: GRID });
  const dotsLayer = h('canvas');
  let dotsDrawn = '';
  let lossChart = null;
  let lossVisible = false;
  whenNear(lossCanvas, () => {
    lossVisible = true;
    drawLoss();
  });
  let gradChart = null;
  const netSeen = onScreen(netView.element, () => drawNetwork());
  const gradSeen = onScreen(gradCanvas, () => drawGradients());

  // ---- state helpers ----
  // What the current data is: an engine dataset, or the imported file.
  const dataInfo = (state) => imported ?? datasets.get(state.ds);
  const sameKind = (p, info) => p.task === info.task && p.classes === info.classes;

  function actsFor(s, layers) {
    return compactActs(Array.from({ length: Math.max(layers, 1) }, (_, i) => layerActivation(s.act, i)));
  }

  function toggleFeature(f) {
    const s = store.get();
    const feat = s.feat.includes(f) ? s.feat.filter((x) => x !== f) : FEATURES.filter((x) => x === f || s.feat.includes(x));
    if (!feat.length) {
      featError.textContent = t('pg.feat.none');
      return;
    }
    featError.textContent = '';
    store.set({ feat });
  }

  function setLayer(i, patch) {
    const s = store.get();
    if ('size' in patch) {
      const hidden = s.hidden.map((v, k) => (k === i ? Math.min(Math.max(patch.size, 1), LIMITS.maxNeurons) : v));
      store.set({ hidden });
    }
    if ('act' in patch) {
      store.set({ act: compactActs(s.hidden.map((_, k) => (k === i ? patch.act : layerActivation(s.act, k)))) });
    }
  }

  // ---- data, network, training ----
  let base = null; // the generated or imported data, before added points
  let dataVersion = 0; // counts changes of `data` (race mode restarts on a change)
  function sync(state) {
    const dk = imported ? `file ${imported.id}` : JSON.stringify([state.ds, state.noise, state.n, state.test, state.dseed]);
    if (dk !== dataKey) {
      dataKey = dk;
      base = imported ?? playgroundData(lab, state);
      data = withAdded(base, dataInfo(state));
      dataVersion++;
      netKey = '';
    }
    const config = networkConfig(state, dataInfo(state));
    const nk = JSON.stringify(config);
    if (pendingNet) {
      const loaded = pendingNet;
      pendingNet = null;
      if (loaded.key === nk) {
        adopt(nk, loaded.net, { json: loaded.json });
        return;
      }
      loaded.net.dispose();
    }
    if (nk === netKey) return;
    let made;
    try {
      made = lab.createNetwork(config);
    } catch (err) {
      adopt(nk, null);
      failure = { key: 'pg.failed', vars: { detail: err.message } };
      pause();
      return;
    }
    adopt(nk, made, { config });
  }

  // A new network (or none): its mirror here, its twin in the trainer.
  function adopt(key, made, source) {
    netKey = key;
    group?.close();
    group = null;
    net?.dispose();
    net = made ? new Mirror(made) : null;
    history = [];
    failure = null;
    if (!net) return;
    group = trainer().open([source], data);
    measure();
  }

  // The data with the added points of the same kind appended to its training part.
  function withAdded(from, info) {
    const mine = added.filter((p) => sameKind(p, info));
    if (!mine.length) return from;
    const inputs = new Float64Array(from.train.inputs.length + 2 * mine.length);
    inputs.set(from.train.inputs);
    const labels = new Float64Array(from.train.labels.length + mine.length);
    labels.set(from.train.labels);
    mine.forEach((p, i) => {
      inputs.set([p.x1, p.x2], from.train.inputs.length + 2 * i);
      labels[from.train.labels.length + i] = p.label;
    });
    return { ...from, train: { inputs, labels } };
  }

  // After the points changed: same network, new numbers.
  function pointsChanged() {
    if (!base) {
      renderPoints(store.get());
      return;
    }
    data = withAdded(base, dataInfo(store.get()));
    dataVersion++;
    group?.setData(data);
    race.render(store.get(), t);
    if (net && !failure) {
      if (history.length && history[history.length - 1].epoch === net.epochs) history.pop();
      measure();
    }
    renderPoints(store.get());
    draw();
  }

  function addPoint(x1, x2) {
    const info = dataInfo(store.get());
    if (!data) return;
    added.push({ x1, x2, label: addLabel, task: info.task, classes: info.classes });
    pointsChanged();
  }

  // Reads a CSV file chosen by the reader: the good lines become the data,
  // every bad line is listed by number. Nothing changes if no line is good.
  async function importFile(file) {
    pointMessage.replaceChildren();
    if (file.size > MAX_FILE_BYTES) {
      showImport({ key: 'pg.csv.tooBig', vars: { name: file.name, size: fmt(file.size / 1024 / 1024, 3), max: MAX_FILE_BYTES / 1024 / 1024 } });
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch (err) {
      showImport({ key: 'pg.csv.unreadable', vars: { name: file.name, detail: err?.message ?? String(err) } });
      return;
    }
    const r = importCSV(text);
    if (r.labels.length < 2) {
      showImport({ key: 'pg.csv.none', vars: { name: file.name } }, r);
      return;
    }
    const state = store.get();
    const rows = r.labels.length;
    const pick = (which) => pointsWhere(r, which);
    // Lines without a split are shared out by the test share, like generated data.
    const loose = lab.splitDataset(pick((s) => s === null), { testFraction: state.test, seed: state.dseed });
    const join = (a, b) => ({ inputs: Float64Array.from([...a.inputs, ...b.inputs]), labels: Float64Array.from([...a.labels, ...b.labels]) });
    pause();
    imported = { id: ++importCount, name: file.name.slice(0, 60), task: r.task, classes: r.classes,
      train: join(pick((s) => s === 'train'), loose.train), test: join(pick((s) => s === 'test'), loose.test) };
    failure = null;
    showImport({ key: 'pg.csv.read', vars: { name: imported.name, count: rows, kind: t(`pg.kind.${r.task}`, { k: r.classes }),
      train: imported.train.labels.length, test: imported.test.labels.length } }, r);
    render(store.get());
  }

  function showImport(head, result) {
    const list = result?.problems ?? [];
    const shown = 20;
    pointMessage.replaceChildren(h('p', { text: t(head.key, head.vars) }));
    if (result?.skipped) {
      pointMessage.append(h('p', { text: t('pg.csv.skipped', { count: result.skipped }) }),
        h('ul', { class: 'pg-problems' }, ...list.slice(0, shown).map((p) => h('li', { dataset: { line: String(p.line) }, text: t(p.key, p.vars) }))));
      if (result.skipped > shown) pointMessage.append(h('p', { text: t('pg.csv.more', { count: result.skipped - shown }) }));
    }
  }

  function backToGenerated() {
    if (!imported) return;
    imported = null;
    pointMessage.replaceChildren();
    render(store.get());
  }

  function downloadCSV() {
    if (!data) return;
    const state = store.get();
    const info = dataInfo(state);
    download(exportCSV(info, data), 'text/csv', imported ? `${imported.name.replace(/\.csv$/i, '')}-actlab.csv` : `actlab-${state.ds}.csv`);
  }

  function saved() {
    const state = store.get();
    const where = imported ? { points: exportCSV(imported, imported) }
      : { ds: state.ds, noise: state.noise, n: state.n, test: state.test, dseed: state.dseed };
    return { ...net.toJSON(), playground: where };
  }

  function downloadJSON() {
    if (!net) return;
    download(JSON.stringify(saved()), 'application/json', `actlab-network-${store.get().ds}-${net.epochs}.json`);
  }

  // Loads a saved network: its data (dataset settings or its own points),
  // its settings into the state (so the URL describes it), and its weights.
  async function loadNetworkFile(file) {
    const name = file.name.slice(0, 60);
    const fail = (key, vars = {}) => exportMessage.replaceChildren(h('p', { class: 'error', text: t(key, { name, ...vars }) }));
    let json;
    try {
      if (file.size > MAX_FILE_BYTES * 4) throw new Error(`${fmt(file.size / 1024 / 1024, 3)} MB is too large`);
      json = JSON.parse(await file.text());
    } catch (err) {
      fail('pg.export.bad', { detail: err?.message ?? String(err) });
      return;
    }
    const read = readSavedNetwork(json, lab, LIMITS);
    if (read.error) {
      fail(read.error.key, read.error.vars);
      return;
    }
    const state = store.get();
    let source = null;
    if (read.source.points) {
      const r = importCSV(read.source.points);
      source = { id: ++importCount, name, task: r.task, classes: r.classes,
        train: pointsWhere(r, (split) => split === 'train'), test: pointsWhere(r, (split) => split === 'test') };
    }
    const info = source ?? (read.patch.ds ? datasets.get(read.patch.ds) : dataInfo(state));
    const want = outputFor(info);
    const c = json.config;
    if (c.output !== want.output || c.layers[c.layers.length - 1] !== want.units) {
      const kindOf = (output, units) => t(`pg.kind.${output === 'softmax' ? 'multiclass' : output === 'sigmoid' ? 'binary' : 'regression'}`, { k: units });
      fail('pg.export.task', { theirs: kindOf(c.output, c.layers[c.layers.length - 1]), ours: kindOf(want.output, want.units) });
      return;
    }
    let loaded;
    try {
      loaded = lab.networkFromJSON(json);
    } catch (err) {
      fail('pg.export.bad', { detail: err?.message ?? String(err) });
      return;
    }
    pause();
    if (source) imported = source;
    else if (read.patch.ds) imported = null;
    const next = { ...state, ...read.patch };
    pendingNet = { net: loaded, json, key: JSON.stringify(networkConfig(next, dataInfo(next))) };
    exportMessage.replaceChildren(h('p', { text: t('pg.export.loaded', { name, epochs: loaded.epochs }) }));
    store.set(read.patch);
  }

  let codeKey = '';
  function renderCode(force = false) {
    if (!exportPanel.open || !net) return;
    const state = store.get();
    const key = `${netKey} ${net.epochs} ${state.code} ${t('pgx.head')}`;
    if (key === codeKey && !force) return;
    codeKey = key;
    const json = net.toJSON();
    codeBlock.textContent = state.code === 'pytorch' ? torchModelCode(json, t) : kerasModelCode(json, t);
  }

  async function copyCode() {
    try {
      await navigator.clipboard.writeText(codeBlock.textContent);
      copyStatus.textContent = t('pg.export.copied');
    } catch {
      copyStatus.textContent = t('pg.export.copyFailed');
    }
  }

  // One measurement: the trainer's figures for the data it trained on, or
  // (before any training, or after the points changed) the mirror's own.
  function measure(result = null) {
    const train = result?.train ?? net.net.evaluate(data.train.inputs, data.train.labels);
    const test = result?.test ?? net.net.evaluate(data.test.inputs, data.test.labels);
    history.push({ epoch: net.epochs, train, test, grad: net.grad });
    if (history.length > MAX_HISTORY) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
    if (!Number.isFinite(train.loss)) stopDiverged();
  }

  // Asks the trainer for up to `epochs` more epochs (one train() call each;
  // on the page, at most `budget` ms of them) and takes in its reply.
  function advance(epochs, budget = Infinity) {
    if (!net || failure) return;
    const g = group;
    loop.track(g.step(epochs, budget).then((reply) => {
      // (A second request out when training diverged comes back with the same network.)
      if (!reply || g !== group || failure) return;
      const r = reply.results[0];
      net.apply(r);
      measure(reply.version === g.version ? r : null);
      // The engine stops at the first non-finite loss or gradient and keeps
      // the last finite parameters: pause and say why, with a fix.
      if (r.failedAt !== null && !failure) stopDiverged();
      loop.landed();
    }).catch((err) => {
      if (g !== group) return;
      failure = { key: 'pg.failed', vars: { detail: err?.message ?? String(err) } };
      pause();
      draw();
    }));
  }

  // Pauses with the reason, then offers a learning rate to try instead.
  function stopDiverged() {
    const state = store.get();
    const stopped = { key: 'pg.diverged', vars: { epoch: net.epochs, lr: state.lr }, fix: null, searching: true };
    failure = stopped;
    pause();
    stableRate(state).then((lr) => {
      stopped.fix = lr;
    }, () => {
      stopped.fix = LEARNING_RATES[0];
    }).finally(() => {
      stopped.searching = false;
      if (failure === stopped) renderMessage();
    });
  }

  // The largest preset learning rate below the current one with which a
  // fresh network trains TRIAL_EPOCHS epochs without diverging (trial runs
  // on the same data, in the trainer); the smallest preset if none does.
  async function stableRate(state) {
    const info = dataInfo(state);
    const lower = LEARNING_RATES.filter((v) => v < state.lr).reverse();
    const index = await trainer().stable(lower.map((lr) => networkConfig({ ...state, lr }, info)), data, TRIAL_EPOCHS);
    return index >= 0 ? lower[index] : LEARNING_RATES[0];
  }

  function play() {
    if (!net || failure) return;
    race.pause();
    loop.start();
    renderButtons();
  }

  function pause() {
    const unseen = loop.stop();
    renderButtons();
    if (unseen) {
      // A reply that came in after the last frame: show where training stopped.
      drawBoundary();
      renderStats();
    }
    drawLoss();
    drawNetwork();
    drawGradients();
  }

  // ---- drawing ----
  const classColour = (k) => CLASS_RGB[k] ?? hexRgb(colour(k));

  // A network's decision map as an image of res × res pixels: the class
  // colour, stronger where the network is more confident (or flat if disc).
  function mapImage(network, info, res, disc, bg) {
    const g = network.grid({ resolution: res, xMin: -RANGE, xMax: RANGE, yMin: -RANGE, yMax: RANGE });
    const k = g.outputs.length / (res * res);
    const image = new ImageData(res, res);
    for (let p = 0; p < res * res; p++) {
      let rgb;
      if (info.task === 'multiclass') {
        let best = 0;
        for (let c = 1; c < k; c++) if (g.outputs[p * k + c] > g.outputs[p * k + best]) best = c;
        const conf = disc ? 1 : (g.outputs[p * k + best] - 1 / k) / (1 - 1 / k);
        rgb = mix(bg, classColour(best), Math.max(0, conf) * SHADE);
      } else {
        const v = g.outputs[p];
        const signed = info.task === 'regression' ? Math.max(-1, Math.min(1, v)) : 2 * v - 1;
        const strength = disc ? (info.task === 'regression' ? Math.round(Math.abs(signed) * 4) / 4 : 1) : Math.abs(signed);
        rgb = mix(bg, classColour(signed >= 0 ? 1 : 0), strength * SHADE);
      }
      image.data.set([...rgb, 255], p * 4);
    }
    return image;
  }

  function drawBoundary() {
    const state = store.get();
    const info = dataInfo(state);
    const ctx = boundary.getContext('2d');
    const size = boundary.width;
    const theme = themeColours(); // read once per drawing: each read forces a style pass
    const bg = hexRgb(theme.bg);
    ctx.fillStyle = `rgb(${bg.join(',')})`;
    ctx.fillRect(0, 0, size, size);
    if (net) {
      // Scale the grid up smoothly: draw it at its size, then stretch.
      small.getContext('2d').putImageData(mapImage(net.net, info, GRID, state.disc, bg), 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(small, 0, 0, size, size);
    }
    const toPx = (v) => ((v + RANGE) / (2 * RANGE)) * size;
    // The points change far less often than the map: drawn once into a
    // layer of their own, then copied over the map each frame.
    const dotsKey = `${dataVersion} ${state.tp} ${size} ${theme.fg} ${theme.bg} ${info.task}`;
    if (dotsKey !== dotsDrawn) {
      dotsDrawn = dotsKey;
      dotsLayer.width = size;
      dotsLayer.height = size;
      const dc = dotsLayer.getContext('2d');
      const dot = (inputs, labels, test) => {
        for (let i = 0; i < labels.length; i++) {
          const x = toPx(inputs[2 * i]);
          const y = size - toPx(inputs[2 * i + 1]);
          const label = labels[i];
          const rgb = info.task === 'regression' ? mix(bg, classColour(label >= 0 ? 1 : 0), Math.min(1, Math.abs(label)))
            : classColour(info.task === 'binary' ? (label > 0 ? 1 : 0) : label);
          dc.beginPath();
          dc.arc(x, y, test ? 4 : 3.5, 0, 2 * Math.PI);
          dc.fillStyle = `rgb(${rgb.join(',')})`;
          dc.fill();
          dc.lineWidth = test ? 2 : 1;
          dc.strokeStyle = test ? theme.fg : 'rgba(255,255,255,0.9)';
          dc.stroke();
        }
      };
      if (data) {
        dot(data.train.inputs, data.train.labels, false);
        if (state.tp) dot(data.test.inputs, data.test.labels, true);
      }
    }
    ctx.drawImage(dotsLayer, 0, 0);
    if (cursor) {
      const x = toPx(cursor.x1);
      const y = size - toPx(cursor.x2);
      ctx.strokeStyle = theme.fg;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x - 10, y);
      ctx.lineTo(x + 10, y);
      ctx.moveTo(x, y - 10);
      ctx.lineTo(x, y + 10);
      ctx.stroke();
    }
    labelCharts(state);
  }

  // The text alternatives of the two pictures (also before they are drawn).
  function labelCharts(state) {
    const last = history[history.length - 1];
    boundary.setAttribute('aria-label', t('pg.plot.label', {
      dataset: t(`pg.ds.${state.ds}`), epoch: last?.epoch ?? 0,
      acc: last?.test.accuracy === null || !last ? '—' : `${fmt(last.test.accuracy * 100, 3)} %`,
    }));
    lossCanvas.setAttribute('aria-label', t('pg.loss.label', { epoch: last?.epoch ?? 0,
      train: last ? fmt(last.train.loss, 4) : '—', test: last ? fmt(last.test.loss, 4) : '—' }));
  }

  function drawLoss() {
    if (!lossVisible) return;
    if (!lossChart) {
      lossChart = lineChart(lossCanvas, { xTitle: t('pg.epoch'), legend: true });
      lossChart.options.elements.line.borderWidth = 2;
      lossCanvas.actlabChart = lossChart;
    }
    lossChart.options.scales.x.title.text = t('pg.epoch');
    lossChart.options.scales.x.min = 0;
    const series = (key, k, dash) => ({ label: t(`pg.loss.${key}`), borderColor: colour(k), backgroundColor: colour(k), borderDash: dash,
      data: history.map((r) => ({ x: r.epoch, y: Number.isFinite(r[key].loss) ? r[key].loss : null })) });
    lossChart.data.datasets = [series('train', 0), series('test', 1, [6, 4])];
    lossChart.update('none');
  }

  // The network picture, its layer table and the collapse (when on screen).
  function drawNetwork() {
    if (!netSeen.visible || !net) return;
    netView.update(net.net, net.net.layerStats(data.train.inputs), t);
    collapseView.update(net.net, data.train.inputs, dataInfo(store.get()), classColour, linearFrom, t);
  }

  // The gradient size of each layer over the epochs (when on screen).
  function drawGradients() {
    if (!gradSeen.visible || !net) return;
    if (!gradChart) {
      gradChart = lineChart(gradCanvas, { xTitle: t('pg.epoch'), yType: 'logarithmic', legend: true });
      gradCanvas.actlabChart = gradChart;
    }
    const sizes = net.net.config.layers;
    gradChart.options.scales.x.title.text = t('pg.epoch');
    gradChart.options.scales.x.min = 0;
    gradChart.data.datasets = sizes.slice(1).map((_, l) => ({
      label: l === sizes.length - 2 ? t('pg.stats.output') : t('pg.grad.layer', { l: l + 1 }),
      borderColor: colour(l + 2), backgroundColor: colour(l + 2),
      data: history.map((r) => ({ x: r.epoch, y: r.grad[l] > 0 && Number.isFinite(r.grad[l]) ? r.grad[l] : null })),
    }));
    gradChart.update('none');
    const last = history[history.length - 1];
    gradCanvas.setAttribute('aria-label', t('pg.grad.label', { epoch: last?.epoch ?? 0,
      list: last ? last.grad.map((g, l) => `${l + 1}: ${fmt(g, 3)}`).join(t('list.sep')) : '—' }));
  }

  function renderStats() {
    const last = history[history.length - 1];
    const pct = (v) => (v === null || v === undefined ? '—' : `${fmt(v * 100, 4)} %`);
    const rows = [
      ['pg.epoch', String(last?.epoch ?? 0), 'epoch'],
      ['pg.loss.train', last ? fmt(last.train.loss, 4) : '—', 'train-loss'],
      ['pg.loss.test', last ? fmt(last.test.loss, 4) : '—', 'test-loss'],
    ];
    if (last && last.test.accuracy !== null) {
      rows.push(['pg.acc.train', pct(last.train.accuracy), 'train-acc'], ['pg.acc.test', pct(last.test.accuracy), 'test-acc']);
    }
    stats.replaceChildren(...rows.flatMap(([k, v, key]) => [h('dt', { text: t(k) }), h('dd', { dataset: { stat: key }, text: v })]));
    stats.dataset.epoch = String(last?.epoch ?? 0);
    stats.dataset.testAccuracy = String(last?.test.accuracy ?? '');
    stats.dataset.testLoss = String(last?.test.loss ?? '');
    stats.dataset.trainCount = String(data?.train.labels.length ?? 0);
    stats.dataset.testCount = String(data?.test.labels.length ?? 0);
  }

  function renderMessage() {
    message.replaceChildren();
    message.hidden = !failure;
    if (!failure) return;
    message.append(h('p', { text: t(failure.key, failure.vars) }));
    if (failure.searching) message.append(h('p', { class: 'note small', text: t('pg.fix.searching') }));
    if (failure.fix) {
      const lower = failure.fix;
      message.append(h('button', { type: 'button', class: 'btn', dataset: { action: 'fix' },
        text: t('pg.fix', { lr: fmt(lower) }), onclick: () => {
          failure = null;
          netKey = '';
          store.set({ lr: lower });
        } }));
    }
  }

  function renderButtons() {
    playButton.textContent = t(loop.running ? 'pg.pause' : 'pg.play');
    playButton.setAttribute('aria-pressed', String(loop.running));
    playButton.disabled = !net || Boolean(failure);
    stepButton.disabled = !net || Boolean(failure);
  }

  // Everything; or, while training, the map and figures every frame and the
  // other pictures one per frame in turn (phase 1-3), so that no frame pays
  // for all of them at once.
  function draw(phase) {
    drawBoundary();
    renderStats();
    renderMessage();
    renderButtons();
    if (phase === undefined || phase === 1) drawLoss();
    if (phase === undefined || phase === 2) drawNetwork();
    if (phase === undefined || phase === 3) {
      drawGradients();
      renderCode();
    }
  }

  // The values a new point can take: each class, or a few target values.
  const labelChoices = (info) => (info.task === 'regression' ? [-1, -0.5, 0.5, 1] : [...Array(info.classes).keys()]);

  function renderPoints(state) {
    const info = dataInfo(state);
    const choices = labelChoices(info);
    if (!choices.includes(addLabel)) addLabel = choices[choices.length - 1];
    labelGroup.replaceChildren(h('span', { class: 'label', text: t('pg.add.class') }), ...choices.map((v) => {
      const rgb = classColour(info.task === 'regression' ? (v > 0 ? 1 : 0) : v);
      return h('button', { type: 'button', class: 'btn small pg-class', dataset: { label: String(v) }, 'aria-pressed': String(v === addLabel),
        onclick: () => {
          addLabel = v;
          renderPoints(store.get());
        } },
      h('span', { class: 'pg-swatch', style: `background: rgb(${rgb.join(',')})`, 'aria-hidden': 'true' }),
      info.task === 'regression' ? fmt(v) : t('pg.add.classN', { k: v }));
    }));
    const mine = added.filter((p) => sameKind(p, info)).length;
    const aside = added.length - mine;
    pointInfo.textContent = [t('pg.add.count', { count: mine }), aside ? t('pg.add.aside', { count: aside }) : '', t('pg.add.keys')]
      .filter(Boolean).join(' ');
    undoButton.disabled = !mine;
    clearButton.disabled = !mine;
    if (imported) {
      importedNote.replaceChildren(h('p', { text: t('pg.csv.using', { name: imported.name, kind: t(`pg.kind.${imported.task}`, { k: imported.classes }) }) }),
        h('button', { type: 'button', class: 'btn small', dataset: { action: 'generated' }, text: t('pg.csv.back'), onclick: backToGenerated }));
    } else {
      importedNote.replaceChildren();
    }
  }

  function renderControls(state) {
    for (const b of dsButtons) b.setAttribute('aria-pressed', String(!imported && b.dataset.ds === state.ds));
    for (const [s, field] of sliders) {
      s.input.value = String(state[field]);
      s.out.textContent = s.show(state[field]);
      s.input.disabled = Boolean(imported);
    }
    regenerate.disabled = Boolean(imported);
    renderPoints(state);
    for (const b of featButtons) b.setAttribute('aria-pressed', String(state.feat.includes(b.dataset.feature)));
    const names = lab.activations.map((a) => a.name);
    // The list is rebuilt; a control that had focus gets it back.
    const focused = layerList.contains(document.activeElement) ? document.activeElement : null;
    const refocus = focused && `[data-layer="${focused.closest('[data-layer]').dataset.layer}"] ` +
      (focused.dataset.act !== undefined ? 'select' : `[data-neurons="${focused.dataset.neurons}"]`);
    layerList.replaceChildren(...state.hidden.map((size, i) => {
      const id = uid('act');
      const act = layerActivation(state.act, i);
      return h('li', { class: 'pg-layer', dataset: { layer: String(i) } },
        h('span', { class: 'label', text: t('pg.layer', { i: i + 1 }) }),
        h('button', { type: 'button', class: 'btn small', dataset: { neurons: 'minus' }, disabled: size <= 1,
          'aria-label': t('pg.neurons.fewer', { i: i + 1 }), text: '−', onclick: () => setLayer(i, { size: size - 1 }) }),
        h('span', { class: 'pg-count', text: t('pg.neurons', { n: size }) }),
        h('button', { type: 'button', class: 'btn small', dataset: { neurons: 'plus' }, disabled: size >= LIMITS.maxNeurons,
          'aria-label': t('pg.neurons.more', { i: i + 1 }), text: '+', onclick: () => setLayer(i, { size: size + 1 }) }),
        h('label', { for: id, class: 'sr-only', text: t('pg.layer.act', { i: i + 1 }) }),
        h('select', { id, dataset: { act: String(i) }, onchange: (e) => setLayer(i, { act: e.target.value }) },
          ...names.map((n) => h('option', { value: n, text: n, selected: n === act }))));
    }));
    if (refocus) layerList.querySelector(refocus)?.focus();
    addLayer.disabled = state.hidden.length >= LIMITS.maxLayers;
    removeLayer.disabled = !state.hidden.length;
    const info = dataInfo(state);
    const out = outputFor(info);
    outputNote.textContent = t(`pg.output.${info.task}`, { output: out.output, loss: out.loss, units: out.units });
    outputWhy.replaceChildren(links.to({ task: CHOOSER_TASK[info.task], arch: 'mlp' }, 'chooser', t('pg.output.why')));
    lrSelect.replaceChildren(...[...new Set([...LEARNING_RATES, state.lr])].sort((a, b) => a - b)
      .map((v) => h('option', { value: String(v), text: String(v), selected: v === state.lr })));
    if (document.activeElement !== bsInput) bsInput.value = String(state.bs);
    optSelect.value = state.opt;
    initSelect.value = state.init;
    for (const [select, v] of [[l1Select, state.l1], [l2Select, state.l2]]) {
      select.replaceChildren(...[...new Set([...PENALTIES, v])].sort((a, b) => a - b)
        .map((p) => h('option', { value: String(p), text: String(p), selected: p === v })));
    }
    for (const b of frameworkButtons) b.setAttribute('aria-pressed', String(b.dataset.framework === state.code));
    speedSelect.value = String(state.speed);
    showTest.input.checked = state.tp;
    discrete.input.checked = state.disc;
    legend.textContent = t(`pg.legend.${info.task}`);
    renderButtons();
    labelCharts(state);
  }

  // Data, network and drawing wait until the playground is scrolled near:
  // they would delay the page's first chart and nobody would see them.
  let near = false;
  whenNear(root, () => {
    near = true;
    sync(store.get());
    draw();
    race.render(store.get(), t);
  });

  function render(state, translate = t) {
    t = translate;
    renderControls(state);
    if (!near) return;
    sync(state);
    draw();
    race.render(state, t);
  }

  function retint() {
    if (lossChart) retheme(lossChart);
    if (gradChart) retheme(gradChart);
    race.retint();
    drawBoundary();
  }

  /** Stops training (the playground's and the race's), e.g. when a tutorial chapter is left. */
  function stop() {
    if (loop.running) pause();
    race.pause();
  }

  return { render, retint, pause: stop };
}
