// The playground's files: points from and to CSV (web/app/pgdata.js reads and
// writes the text), the network saved and loaded as JSON (the engine's
// toJSON, optimiser state included, plus where its data came from), and the
// network as PyTorch, Keras or TF.js code (network.exportCode). Messages
// name the file and every bad line, in the reader's language.
import { EXPORTS } from './state.js';
import { h, fmt, download, copyCode } from './dom.js';
import { importCSV, exportCSV, MAX_FILE_BYTES } from './pgdata.js';
import { readSavedNetwork } from './pgsaved.js';
import { outputFor } from './pgsession.js';
import { codeWriter } from './codewriter.js';

const SHOWN_PROBLEMS = 20;

/**
 * @param {{lab, store, session, limits, onData: () => void}} deps
 *   onData(): the data or the network was replaced from a file (pause and draw)
 */
export function createIO({ lab, store, session, limits, onData }) {
  let t = store.t;
  const hidden = { type: 'file', class: 'sr-only', tabindex: '-1', 'aria-hidden': 'true' };

  // ---- points ----
  const message = h('div', { class: 'pg-points-message', role: 'status' });
  const fileInput = h('input', { ...hidden, accept: '.csv,text/csv,text/plain', onchange: (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) importFile(file);
  } });
  const importButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'import' }, 'data-i18n': 'pg.csv.import', onclick: () => fileInput.click() });
  const exportButton = h('button', { type: 'button', class: 'btn', dataset: { action: 'export' }, 'data-i18n': 'pg.csv.export', onclick: () => downloadCSV() });

  // Reads a CSV file chosen by the reader: the good lines become the data,
  // every bad line is listed by its number. Nothing changes if no line is good.
  async function importFile(file) {
    message.replaceChildren();
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
    const read = session.importText(text, file.name, t);
    showImport(read.message, read.result);
    if (read.ok) onData();
  }

  function showImport(head, result) {
    const list = result?.problems ?? [];
    message.replaceChildren(h('p', { text: t(head.key, head.vars) }));
    // What the labels were taken to mean, and which line decided it, when the file did not say.
    const decided = result?.labels.length >= 2 ? result.decidedBy : null;
    if (decided) {
      message.append(h('p', { class: 'note small', dataset: { decided: String(decided.line) }, text: t('pg.csv.decided',
        { line: decided.line, label: fmt(decided.label), kind: t(`pg.kind.${result.task}`, { k: result.classes }) }) }));
    }
    if (result?.skipped) {
      // The rows past the cap in one item (lines a to b), not hundreds of the same sentence.
      const items = [];
      for (const p of list) {
        const last = items[items.length - 1];
        if (p.key === 'pg.csv.tooMany' && last?.key === 'pg.csv.tooMany') {
          last.to = p.line;
          last.count++;
        } else {
          items.push({ ...p, to: p.line, count: 1 });
        }
      }
      const shown = items.slice(0, SHOWN_PROBLEMS);
      message.append(h('p', { text: t('pg.csv.skipped', { count: result.skipped }) }),
        h('ul', { class: 'pg-problems' }, ...shown.map((p) => h('li', { dataset: { line: String(p.line), to: String(p.to) },
          text: p.count > 1 ? t('pg.csv.tooManyLines', { from: p.line, to: p.to, max: p.vars.max }) : t(p.key, p.vars) }))));
      const rest = result.skipped - shown.reduce((n, p) => n + p.count, 0);
      if (rest > 0) message.append(h('p', { text: t('pg.csv.more', { count: rest }) }));
    }
  }

  function downloadCSV() {
    const data = session.data;
    if (!data) return;
    const state = store.get();
    const imported = session.imported;
    download(exportCSV(session.dataInfo(state), data), 'text/csv', imported ? `${imported.name.replace(/\.csv$/i, '')}-actlab.csv` : `actlab-${state.ds}.csv`);
  }

  // ---- the network as a file ----
  const exportMessage = h('div', { class: 'pg-points-message', role: 'status' });
  const jsonInput = h('input', { ...hidden, accept: '.json,application/json', onchange: (e) => {
    const file = e.target.files[0];
    e.target.value = '';
    if (file) loadNetworkFile(file);
  } });

  async function downloadJSON() {
    const json = await session.saved();
    if (json) download(JSON.stringify(json), 'application/json', `actlab-network-${store.get().ds}-${json.epochs}.json`);
  }

  // Loads a saved network: its data (dataset settings or its own points),
  // its settings into the state (so the URL describes it), and its weights
  // and optimiser state, so it trains on as it would have.
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
    const read = readSavedNetwork(json, lab, limits);
    if (read.error) {
      fail(read.error.key, read.error.vars);
      return;
    }
    const info = read.source.points ? importCSV(read.source.points)
      : read.patch.ds ? lab.datasets.find((d) => d.name === read.patch.ds) : session.dataInfo();
    const want = outputFor(info);
    const c = json.config;
    const units = c.layers[c.layers.length - 1];
    if (c.output !== want.output || units !== want.units) {
      const kindOf = (output, k) => t(`pg.kind.${output === 'softmax' ? 'multiclass' : output === 'sigmoid' ? 'binary' : 'regression'}`, { k });
      fail('pg.export.task', { theirs: kindOf(c.output, units), ours: kindOf(want.output, want.units) });
      return;
    }
    try {
      lab.networkFromJSON(json).dispose(); // every check the engine makes, before anything changes
    } catch (err) {
      fail('pg.export.bad', { detail: err?.message ?? String(err) });
      return;
    }
    onData();
    session.adoptLoaded(json, read, name);
    exportMessage.replaceChildren(h('p', { text: t('pg.export.loaded', { name, epochs: json.epochs ?? 0 }) }));
    store.set(read.patch);
  }

  // ---- code ----
  const frameworkButtons = EXPORTS.map((f) => h('button', { type: 'button', class: 'btn small', dataset: { framework: f },
    'aria-pressed': 'false', 'data-i18n': `ch.code.${f}`, onclick: () => store.set({ fw: f }) }));
  const codeBlock = h('code');
  const howTo = h('p', { class: 'note small pg-export-howto' });
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
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'copy-code' }, 'data-i18n': 'pg.export.copy', onclick: copyExport }), copyStatus),
    howTo,
    h('pre', { class: 'code pg-code', tabindex: '0', 'data-i18n-attr': 'aria-label:pg.export.code' }, codeBlock));

  // The code of the training network with its optimiser state (from the
  // trainer, as a saved file has it), so that PyTorch's continues exactly;
  // written again as codeWriter decides.
  const writer = codeWriter({ lab, rerun: () => renderCode() });
  let shownLanguage = null;
  async function renderCode() {
    const net = session.net;
    if (!exportPanel.open || !net) return;
    const state = store.get();
    const language = state.lang ?? 'en';
    const result = await writer.write({ what: JSON.stringify([session.revision, net.net.config, state.fw, language]),
      epochs: net.epochs, saved: () => session.saved(), framework: state.fw, language });
    if (result === null) return;
    const text = typeof result === 'string' ? result : t('pg.export.codeFailed', { detail: result.error });
    if (codeBlock.textContent !== text) {
      codeBlock.textContent = text;
      copyStatus.textContent = ''; // "copied" was about the code before
    }
  }

  function copyExport() {
    return copyCode(codeBlock, copyStatus, { done: t('pg.export.copied'), failed: t('ch.copyFailed') });
  }

  return {
    importButton,
    exportButton,
    fileInput,
    message,
    exportPanel,
    renderCode,
    render(state, translate) {
      t = translate;
      for (const b of frameworkButtons) b.setAttribute('aria-pressed', String(b.dataset.framework === state.fw));
      howTo.textContent = t(`pg.export.howto.${state.fw}`);
      if (state.lang !== shownLanguage) copyStatus.textContent = '';
      shownLanguage = state.lang;
      renderCode();
    },
  };
}
