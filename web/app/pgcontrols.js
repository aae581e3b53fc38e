// The playground's controls: the data (dataset, noise, size, test share, the
// reader's own points), the network (inputs, hidden layers and their
// activations) and training (rate, batch, optimiser, initialiser, penalties,
// speed). Every control writes the store; the session decides what that
// means for the network. The panels say beforehand which changes start
// training again (data, inputs, layers, activations, initialiser) and which
// carry on from the current epoch (learning rate, batch, optimiser,
// penalties).
import { LIMITS, SPEEDS, PENALTIES, compactActs } from './state.js';
import { h, uid, fmt } from './dom.js';
import { LEARNING_RATES, outputFor, layerActivation } from './pgsession.js';
import { classColour } from './pgmap.js';

/** The chooser's problem type for a dataset's task. */
const CHOOSER_TASK = { binary: 'binary', multiclass: 'multiclass', regression: 'regression' };

/** The values a new point can take: each class, or a few target values. */
export const labelChoices = (info) => (info.task === 'regression' ? [-1, -0.5, 0.5, 1] : [...Array(info.classes).keys()]);

const field = (labelFor, key, control) => h('div', { class: 'pg-field' }, h('label', { for: labelFor, 'data-i18n': key }), control);

// A note that says what a panel's changes do to training: shown once the network has trained.
const restartNote = (key) => h('p', { class: 'note small pg-restart-note', dataset: { key }, hidden: true });

/**
 * @param {{lab, store, session, links, io: {importButton, exportButton, fileInput, message}, onData: () => void}} deps
 *   io: the CSV buttons and their message (web/app/pgio.js); onData(): the data came back from a file to the generated set
 */
export function createControls({ lab, store, session, links, io, onData }) {
  let t = store.t;
  const point = { label: 1 }; // the class (or value) of the next added point
  // The engine's names for what can be chosen ('auto': the initialiser it suggests).
  const { features: FEATURES, optimizer: OPTIMIZERS } = lab.networkOptions;
  const INITIALIZERS = ['auto', ...lab.networkOptions.init];
  const datasets = lab.datasets.filter((d) => d.inputs === 2).map((d) => d.name); // the 2-D sets

  // ---- data ----
  const dsButtons = datasets.map((name) => h('button', { type: 'button', class: 'btn', dataset: { ds: name },
    'aria-pressed': 'false', onclick: () => {
      if (session.backToGenerated()) io.message.replaceChildren();
      store.set({ ds: name });
    } }, h('span', { 'data-i18n': `pg.ds.${name}` })));
  const slider = (key, min, max, step, labelKey, show) => {
    const id = uid(key);
    const input = h('input', { type: 'range', id, min, max, step, oninput: (e) => store.set({ [key]: Number(e.target.value) }) });
    const out = h('output', { for: id });
    return { key, input, out, show, row: h('div', { class: 'pg-field' }, h('label', { for: id, 'data-i18n': labelKey }), input, out) };
  };
  const sliders = [
    slider('noise', 0, 1, 0.05, 'pg.noise', (v) => `${Math.round(v * 100)} %`),
    slider('n', LIMITS.minSamples, LIMITS.maxSamples, 10, 'pg.count', (v) => String(v)),
    slider('test', 0.1, 0.9, 0.05, 'pg.test', (v) => `${Math.round(v * 100)} %`),
  ];
  const regenerate = h('button', { type: 'button', class: 'btn', dataset: { action: 'regenerate' }, 'data-i18n': 'pg.regenerate',
    onclick: () => store.set({ dseed: (store.get().dseed % LIMITS.maxSeed) + 1 }) });
  const importedNote = h('div', { class: 'pg-imported' });
  const labelGroup = h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:pg.add.class' });
  const undoButton = h('button', { type: 'button', class: 'btn', 'data-i18n': 'pg.add.undo', onclick: () => session.undoPoint() });
  const clearButton = h('button', { type: 'button', class: 'btn', 'data-i18n': 'pg.add.clear', onclick: () => session.clearPoints() });
  const pointInfo = h('p', { class: 'note small', role: 'status', id: uid('points') });
  const dataNote = restartNote('pg.restart.dataNote');
  const dataPanel = h('fieldset', { class: 'panel pg-data' }, h('legend', { 'data-i18n': 'pg.data' }), dataNote,
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:pg.dataset' }, ...dsButtons),
    importedNote,
    ...sliders.map((s) => s.row), h('div', { class: 'row' }, regenerate),
    h('h3', { class: 'pg-sub', 'data-i18n': 'pg.points' }),
    h('p', { class: 'note small', 'data-i18n': 'pg.add.how' }),
    labelGroup, h('div', { class: 'row' }, undoButton, clearButton), pointInfo,
    h('div', { class: 'row' }, io.importButton, io.exportButton, io.fileInput), io.message);

  // ---- network ----
  const featButtons = FEATURES.map((f) => h('button', { type: 'button', class: 'chip', dataset: { feature: f },
    'aria-pressed': 'false', onclick: () => toggleFeature(f) }, h('span', { 'data-i18n': `pg.feat.${f}` })));
  const featError = h('p', { class: 'error', role: 'alert' });
  const layerList = h('ol', { class: 'pg-layers' });
  const actsFor = (s, layers) => compactActs(Array.from({ length: Math.max(layers, 1) }, (_, i) => layerActivation(s.act, i)));
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
  const networkNote = restartNote('pg.restart.networkNote');

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
    if ('size' in patch) store.set({ hidden: s.hidden.map((v, k) => (k === i ? Math.min(Math.max(patch.size, 1), LIMITS.maxNeurons) : v)) });
    if ('act' in patch) store.set({ act: compactActs(s.hidden.map((_, k) => (k === i ? patch.act : layerActivation(s.act, k)))) });
  }

  const select = (key, options = []) => h('select', { id: uid(key), dataset: { field: key }, onchange: (e) => {
    const v = e.target.value;
    store.set({ [key]: key === 'opt' || key === 'init' ? v : Number(v) });
  } }, ...options);
  // The initialiser is how the network starts: a change makes a new one.
  const initSelect = select('init', INITIALIZERS.map((v) => h('option', { value: v, 'data-i18n': `pg.init.${v}` })));
  const networkPanel = h('fieldset', { class: 'panel pg-network' }, h('legend', { 'data-i18n': 'pg.network' }), networkNote,
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:pg.features' },
      h('span', { class: 'label', 'data-i18n': 'pg.features' }), ...featButtons),
    featError, layerList, h('div', { class: 'row' }, addLayer, removeLayer),
    field(initSelect.id, 'pg.init', initSelect),
    h('p', { class: 'note small pg-output-note' }, outputNote, ' ', outputWhy));

  // ---- training ----
  const lrSelect = select('lr');
  const bsError = h('p', { class: 'error', role: 'alert' });
  const bsInput = h('input', { type: 'number', class: 'num', id: uid('bs'), min: 1, max: LIMITS.maxBatch, step: 1,
    onchange: (e) => {
      const v = Number(e.target.value);
      const ok = Number.isInteger(v) && v >= 1 && v <= LIMITS.maxBatch;
      e.target.setAttribute('aria-invalid', String(!ok));
      bsError.textContent = ok ? '' : t('pg.batch.bad', { max: LIMITS.maxBatch, kept: store.get().bs });
      if (ok) store.set({ bs: v });
    } });
  const optSelect = select('opt', OPTIMIZERS.map((o) => h('option', { value: o, 'data-i18n': `pg.opt.${o}` })));
  const l1Select = select('l1');
  const l2Select = select('l2');
  const speedSelect = select('speed', SPEEDS.map((v) => h('option', { value: String(v), 'data-i18n': `pg.speed.${v}` })));
  const trainingNote = restartNote('pg.restart.trainingNote');
  const trainingPanel = h('fieldset', { class: 'panel pg-training' }, h('legend', { 'data-i18n': 'pg.training' }), trainingNote,
    field(lrSelect.id, 'pg.lr', lrSelect), field(bsInput.id, 'pg.batch', bsInput), bsError,
    field(optSelect.id, 'pg.optimizer', optSelect),
    field(l1Select.id, 'pg.l1', l1Select), field(l2Select.id, 'pg.l2', l2Select), field(speedSelect.id, 'pg.speed', speedSelect));

  // ---- drawing ----

  function renderPoints(state) {
    const info = session.dataInfo(state);
    const choices = labelChoices(info);
    if (!choices.includes(point.label)) point.label = choices[choices.length - 1];
    labelGroup.replaceChildren(h('span', { class: 'label', text: t('pg.add.class') }), ...choices.map((v) => {
      const rgb = classColour(info.task === 'regression' ? (v > 0 ? 1 : 0) : v);
      return h('button', { type: 'button', class: 'btn small pg-class', dataset: { label: String(v) }, 'aria-pressed': String(v === point.label),
        onclick: () => {
          point.label = v;
          renderPoints(store.get());
        } },
      h('span', { class: 'pg-swatch', style: `background: rgb(${rgb.join(',')})`, 'aria-hidden': 'true' }),
      info.task === 'regression' ? fmt(v) : t('pg.add.classN', { k: v }));
    }));
    const mine = session.ownPoints().length;
    const aside = session.added.length - mine;
    pointInfo.textContent = [t('pg.add.count', { count: mine }), aside ? t('pg.add.aside', { count: aside }) : '', t('pg.add.keys')]
      .filter(Boolean).join(' ');
    undoButton.disabled = !mine;
    clearButton.disabled = !mine;
    const imported = session.imported;
    importedNote.replaceChildren(...(imported ? [h('p', { text: t('pg.csv.using', { name: imported.name, kind: t(`pg.kind.${imported.task}`, { k: imported.classes }) }) }),
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'generated' }, text: t('pg.csv.back'), onclick: () => {
        if (session.backToGenerated()) {
          io.message.replaceChildren();
          onData();
        }
      } })] : []));
  }

  function renderLayers(state) {
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
  }

  // A select's options: the presets plus the current value, in order.
  const numberOptions = (el, presets, value) => el.replaceChildren(...[...new Set([...presets, value])].sort((a, b) => a - b)
    .map((v) => h('option', { value: String(v), text: String(v), selected: v === value })));

  function renderTraining(state) {
    numberOptions(lrSelect, LEARNING_RATES, state.lr);
    if (document.activeElement !== bsInput) bsInput.value = String(state.bs);
    optSelect.value = state.opt;
    initSelect.value = state.init;
    numberOptions(l1Select, PENALTIES, state.l1);
    numberOptions(l2Select, PENALTIES, state.l2);
    speedSelect.value = String(state.speed);
  }

  return {
    dataPanel,
    networkPanel,
    trainingPanel,
    /** The class (or value) the next added point gets. */
    get pointLabel() { return point.label; },
    /** The points' part only (after a point was added or taken back). */
    renderPoints: (state) => renderPoints(state),
    render(state, translate) {
      t = translate;
      const imported = Boolean(session.imported);
      for (const b of dsButtons) b.setAttribute('aria-pressed', String(!imported && b.dataset.ds === state.ds));
      for (const s of sliders) {
        s.input.value = String(state[s.key]);
        s.out.textContent = s.show(state[s.key]);
        s.input.disabled = imported;
      }
      regenerate.disabled = imported;
      renderPoints(state);
      for (const b of featButtons) b.setAttribute('aria-pressed', String(state.feat.includes(b.dataset.feature)));
      renderLayers(state);
      const info = session.dataInfo(state);
      const out = outputFor(info);
      outputNote.textContent = t(`pg.output.${info.task}`, { output: out.output, loss: out.loss, units: out.units });
      outputWhy.replaceChildren(links.to({ task: CHOOSER_TASK[info.task], arch: 'mlp' }, 'chooser', t('pg.output.why')));
      renderTraining(state);
      this.renderNotes();
    },
    /** Shows, once the network has trained, which changes start again and which carry on. */
    renderNotes() {
      const epochs = session.net?.epochs ?? 0;
      for (const note of [dataNote, networkNote, trainingNote]) {
        note.hidden = epochs === 0;
        note.textContent = t(note.dataset.key, { epochs });
      }
    },
  };
}
