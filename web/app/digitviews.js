// The digits widget's view of the test images: every one of them, or only
// the mistakes (most confident first), as small pictures with their label
// and the network's answer; choosing one shows its probabilities in the
// output panel. Beside them the confusion matrix: for each true digit, how
// often the network said each digit.
import { CLASSES, INPUTS, argmaxRows, confusion, mistakes } from './digitmodel.js';
import { CELLS, MAX_COUNT } from './digitpad.js';
import { paintCells } from './digitdraw.js';
import { h, fmt } from './dom.js';

const SHOWN = 40; // pictures at once

/**
 * @param {{store, test: {inputs, labels}, net: () => Network|null, choose: (cells, note) => void}} deps
 *   test: the test images (inputs scaled to [0, 1]); choose: show one in the output panel
 */
export function createTestViews({ store, test, net, choose }) {
  let t = store.t;
  let filter = 'mistakes';
  let page = 0;
  let figures = null; // {probs, predicted, wrong, counts} for the network as last drawn
  const rows = test.labels.length;
  const labels = Uint8Array.from(test.labels);
  const cellsOf = (r) => Uint8Array.from(test.inputs.subarray(r * INPUTS, (r + 1) * INPUTS), (v) => Math.round(v * MAX_COUNT));

  const filterButtons = ['mistakes', 'all'].map((f) => h('button', { type: 'button', class: 'btn small', dataset: { filter: f },
    'data-i18n': `dg.test.${f}`, onclick: () => {
      filter = f;
      page = 0;
      draw();
    } }));
  const prev = h('button', { type: 'button', class: 'btn small', dataset: { action: 'prev' }, 'data-i18n': 'dg.test.prev',
    onclick: () => { page--; draw(); } });
  const next = h('button', { type: 'button', class: 'btn small', dataset: { action: 'next' }, 'data-i18n': 'dg.test.next',
    onclick: () => { page++; draw(); } });
  const summary = h('p', { class: 'note small', role: 'status' });
  const gallery = h('ul', { class: 'dg-gallery' });
  const matrix = h('table', { class: 'heatmap dg-confusion' });
  const element = h('div', { class: 'split dg-test' },
    h('div', { class: 'panel' }, h('h3', { 'data-i18n': 'dg.test.title' }),
      h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:dg.test.title' }, ...filterButtons), summary, gallery,
      h('div', { class: 'row' }, prev, next)),
    h('div', { class: 'panel' }, h('h3', { 'data-i18n': 'dg.confusion.title' }),
      h('p', { class: 'note small', 'data-i18n': 'dg.confusion.hint' }), h('div', { class: 'scroll', tabindex: '0', role: 'region', 'data-i18n-attr': 'aria-label:dg.confusion.title' }, matrix)));

  function measure() {
    const network = net();
    if (!network) return null;
    const probs = network.predict(test.inputs);
    const predicted = argmaxRows(probs);
    return { probs, predicted, wrong: mistakes(labels, probs, predicted), counts: confusion(labels, predicted) };
  }

  function picture(r) {
    const f = figures;
    const canvas = h('canvas', { width: CELLS, height: CELLS, 'aria-hidden': 'true' });
    paintCells(canvas, cellsOf(r));
    const said = f.predicted[r];
    const p = f.probs[r * CLASSES + said];
    const text = t('dg.test.item', { row: r + 1, label: labels[r], said, p: fmt(p * 100, 3) });
    // The name starts with the words shown ("8 → 5"), then says them in full.
    const button = h('button', { type: 'button', class: 'dg-thumb', dataset: { row: String(r), wrong: String(said !== labels[r]) },
      onclick: () => choose(cellsOf(r), { key: 'dg.input.test', vars: { row: r + 1, label: labels[r] } }) },
    canvas, h('span', { class: 'small', text: `${labels[r]} → ${said}` }), h('span', { class: 'dg-row', text: `#${r + 1}` }),
    h('span', { class: 'sr-only', text: `: ${text}` }));
    return h('li', {}, button);
  }

  function draw() {
    figures = measure();
    const pressed = (b) => b.setAttribute('aria-pressed', String(b.dataset.filter === filter));
    filterButtons.forEach(pressed);
    if (!figures) {
      summary.textContent = t('dg.out.none');
      gallery.replaceChildren();
      matrix.replaceChildren();
      prev.disabled = next.disabled = true;
      return;
    }
    const list = filter === 'mistakes' ? figures.wrong.map((m) => m.row) : Array.from({ length: rows }, (_, r) => r);
    const pages = Math.max(1, Math.ceil(list.length / SHOWN));
    page = Math.min(Math.max(page, 0), pages - 1);
    const correct = rows - figures.wrong.length;
    summary.textContent = t('dg.test.summary', { correct, rows, acc: fmt((correct / rows) * 100, 3), wrong: figures.wrong.length,
      from: list.length ? page * SHOWN + 1 : 0, to: Math.min(list.length, (page + 1) * SHOWN), count: list.length });
    summary.dataset.wrong = String(figures.wrong.length);
    gallery.replaceChildren(...list.slice(page * SHOWN, (page + 1) * SHOWN).map(picture));
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    drawMatrix();
  }

  function drawMatrix() {
    const c = figures.counts;
    const max = Math.max(1, ...c);
    const head = h('tr', {}, h('th', { scope: 'col', text: t('dg.confusion.corner') }),
      ...Array.from({ length: CLASSES }, (_, j) => h('th', { scope: 'col', text: String(j) })));
    const body = Array.from({ length: CLASSES }, (_, i) => h('tr', {}, h('th', { scope: 'row', text: String(i) }),
      ...Array.from({ length: CLASSES }, (_, j) => {
        const n = c[i * CLASSES + j];
        const share = n / max;
        return h('td', { class: i === j ? 'diag' : n ? 'off' : undefined, text: String(n),
          style: n ? `background: color-mix(in srgb, var(--${i === j ? 'pos' : 'neg'}) ${Math.round(10 + 30 * share)}%, transparent)` : undefined,
          title: t('dg.confusion.cell', { n, label: i, said: j }) });
      })));
    matrix.replaceChildren(h('caption', { text: t('dg.confusion.caption') }), h('thead', {}, head), h('tbody', {}, ...body));
  }

  return {
    element,
    render(state, translate) {
      t = translate;
      draw();
    },
    draw,
  };
}
