// The digits widget's input and output: a pad to draw a digit on (mouse,
// touch or pen; or the keyboard: arrows move the pen, Space puts it down or
// lifts it), the 8 x 8 input it becomes (web/app/digitpad.js does the
// arithmetic), and what the network makes of it: the softmax of its logits
// at a chosen temperature as bars, the argmax marked, beside independent
// sigmoids of the same logits, which need not sum to 1.
import { PAD, CELLS, MAX_COUNT, blankBitmap, stroke, stamp, drawingToCells, cellsToInputs } from './digitpad.js';
import { CLASSES } from './digitmodel.js';
import { LIMITS } from './state.js';
import { colour, retheme, themeColours } from './charts.js';
import { barChart } from './barchart.js';
import { h, uid, fmt } from './dom.js';

const PEN = 1.7; // pen radius in pad pixels: strokes about as thick as the data's
const T_LOG_MIN = Math.log10(LIMITS.tempMin);
const T_LOG_MAX = Math.log10(LIMITS.tempMax);
const DIGITS = Array.from({ length: CLASSES }, (_, i) => String(i));

/** Paints 8 x 8 counts (0..16) into a canvas of CELLS x CELLS pixels, ink dark on light. */
export function paintCells(canvas, cells) {
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(CELLS, CELLS);
  cells.forEach((c, i) => {
    const v = 255 - Math.round((255 * c) / MAX_COUNT);
    img.data.set([v, v, v, 255], 4 * i);
  });
  ctx.putImageData(img, 0, 0);
}

/**
 * @param {{lab, store, net: () => Network|null}} deps net: the network to ask (the page's mirror)
 * @returns {{element, render(state, t), show(cells, note), update(), retint()}}
 */
export function createDigitInput({ lab, store, net }) {
  let t = store.t;
  let bitmap = blankBitmap();
  let cells = new Uint8Array(CELLS * CELLS);
  let source = { key: 'dg.input.empty', vars: {} }; // what the input shows, in words
  let pen = { x: PAD / 2, y: PAD / 2, down: false };
  let drawing = null; // the pointer's last position while it draws
  let chart = null;
  let read = { digit: null, p: null }; // what the network made of the input last shown

  const padCaption = h('figcaption', { class: 'note small' });
  const pad = h('canvas', { class: 'dg-pad', width: PAD, height: PAD, tabindex: '0', role: 'img',
    dataset: { pad: '' } });
  const penStatus = h('p', { class: 'note small', role: 'status' });
  const input = h('canvas', { class: 'dg-cells', width: CELLS, height: CELLS, role: 'img' });
  const cellTable = h('table', { class: 'dg-cell-values mono' });
  const sourceLine = h('p', { class: 'note small dg-source' });
  const clear = h('button', { type: 'button', class: 'btn', dataset: { action: 'clear' }, 'data-i18n': 'dg.pad.clear',
    onclick: () => clearPad() });
  const prediction = h('p', { class: 'prediction', role: 'status', 'aria-live': 'polite' });
  const tempId = uid('dg-temp');
  // log10(T) in steps of 0.05: each arrow key multiplies T by 1.12.
  const tempSlider = h('input', { type: 'range', id: tempId, min: T_LOG_MIN, max: T_LOG_MAX, step: 0.05,
    oninput: (e) => store.set({ dtemp: Number((10 ** Number(e.target.value)).toPrecision(3)) }) });
  const tempValue = h('output', { for: tempId });
  const barCanvas = h('canvas', { role: 'img' });
  const table = h('table', { class: 'values dg-logits' });
  const sums = h('p', { class: 'note small' });

  const padPanel = h('div', { class: 'panel dg-draw' },
    h('h3', { 'data-i18n': 'dg.pad.title' }),
    h('p', { class: 'note small', 'data-i18n': 'dg.pad.hint' }),
    h('div', { class: 'dg-pads' },
      h('figure', {}, pad, padCaption),
      h('figure', {}, input, h('figcaption', { class: 'note small', 'data-i18n': 'dg.cells.caption' }))),
    h('div', { class: 'row' }, clear), penStatus, sourceLine,
    h('details', { class: 'table-wrap' }, h('summary', { 'data-i18n': 'dg.cells.values' }), h('div', { class: 'scroll', tabindex: '0', role: 'region', 'data-i18n-attr': 'aria-label:dg.cells.values' }, cellTable)));
  const outPanel = h('div', { class: 'panel dg-out' },
    h('h3', { 'data-i18n': 'dg.out.title' }), prediction,
    h('div', { class: 'row temp' }, h('label', { for: tempId, 'data-i18n': 'dg.temp' }), tempSlider, tempValue),
    h('div', { class: 'chart-box small' }, barCanvas), sums,
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'data-i18n-attr': 'aria-label:dg.out.table' }, table));
  const element = h('div', { class: 'split dg-io' }, padPanel, outPanel);

  // ---- drawing ----
  const toPad = (e) => {
    const r = pad.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  };
  pad.addEventListener('pointerdown', (e) => {
    if (e.button !== undefined && e.button > 0) return;
    e.preventDefault();
    pad.setPointerCapture?.(e.pointerId);
    if (source.key !== 'dg.input.drawing') bitmap = blankBitmap();
    drawing = toPad(e);
    stamp(bitmap, drawing.x, drawing.y, PEN);
    changed();
  });
  pad.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const p = toPad(e);
    stroke(bitmap, drawing.x, drawing.y, p.x, p.y, PEN);
    drawing = p;
    changed();
  });
  const end = () => { drawing = null; };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);

  // The keyboard pen: arrows move it (Shift: 4 pixels), Space or Enter puts it
  // down or lifts it (down, it draws as it moves), Delete or Backspace clears.
  pad.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 4 : 1;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dx, dy] = moves[e.key];
      const next = { x: Math.min(PAD - 0.5, Math.max(0.5, pen.x + dx)), y: Math.min(PAD - 0.5, Math.max(0.5, pen.y + dy)) };
      if (pen.down) stroke(bitmap, pen.x, pen.y, next.x, next.y, PEN);
      pen = { ...pen, ...next };
      if (pen.down) changed();
      else paintPad();
      announcePen();
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      pen.down = !pen.down;
      if (pen.down) {
        if (source.key !== 'dg.input.drawing') bitmap = blankBitmap();
        stamp(bitmap, pen.x, pen.y, PEN);
        changed();
      } else {
        paintPad();
      }
      announcePen();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      clearPad();
    }
  });
  pad.addEventListener('blur', () => {
    penStatus.textContent = '';
    paintPad();
  });
  pad.addEventListener('focus', () => {
    announcePen();
    paintPad(); // the pen shows while the pad has the focus
  });

  function announcePen() {
    penStatus.textContent = t(pen.down ? 'dg.pen.down' : 'dg.pen.up', { x: Math.floor(pen.x) + 1, y: Math.floor(pen.y) + 1 });
  }

  function clearPad() {
    bitmap = blankBitmap();
    cells = new Uint8Array(CELLS * CELLS);
    pen.down = false;
    source = { key: 'dg.input.empty', vars: {} };
    paint();
    if (document.activeElement === pad) announcePen();
  }

  // A new stroke: the drawing becomes the input.
  function changed() {
    source = { key: 'dg.input.drawing', vars: {} };
    cells = drawingToCells(bitmap);
    paint();
  }

  function paintPad() {
    const ctx = pad.getContext('2d');
    const img = ctx.createImageData(PAD, PAD);
    const drawn = source.key === 'dg.input.drawing' || source.key === 'dg.input.empty';
    for (let i = 0; i < PAD * PAD; i++) {
      // A test image has no bitmap: the pad shows its cells, each over its 4 x 4 block.
      const v = drawn ? (bitmap[i] ? 0 : 255)
        : 255 - Math.round((255 * cells[Math.floor(Math.floor(i / PAD) / 4) * CELLS + Math.floor((i % PAD) / 4)]) / MAX_COUNT);
      img.data.set([v, v, v, 255], 4 * i);
    }
    if (document.activeElement === pad) {
      // The keyboard pen: a red pixel in a red ring (the ring open when the pen is up).
      const cx = Math.floor(pen.x);
      const cy = Math.floor(pen.y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = cx + dx;
          const y = cy + dy;
          const ring = dx !== 0 || dy !== 0;
          if (x < 0 || y < 0 || x >= PAD || y >= PAD || (ring && !pen.down && (dx + dy) % 2 === 0)) continue;
          img.data.set([214, 30, 30, 255], 4 * (y * PAD + x));
        }
      }
    }
    ctx.putImageData(img, 0, 0);
  }

  function paint() {
    paintPad();
    paintCells(input, cells);
    const described = Array.from({ length: CELLS }, (_, r) => Array.from(cells.slice(r * CELLS, (r + 1) * CELLS)).join(' ')).join('; ');
    input.setAttribute('aria-label', t('dg.cells.label', { rows: described }));
    cellTable.replaceChildren(...Array.from({ length: CELLS }, (_, r) => h('tr', {},
      ...Array.from(cells.slice(r * CELLS, (r + 1) * CELLS), (c) => h('td', { text: String(c) })))));
    sourceLine.textContent = t(source.key, source.vars);
    padCaption.textContent = t(sourceKind() === 'test' ? 'dg.pad.caption.test' : 'dg.pad.caption');
    update();
  }

  /** Shows other cells (a test image): the pad shows them too, until the next stroke. */
  function show(next, note) {
    cells = Uint8Array.from(next);
    bitmap = blankBitmap();
    pen.down = false;
    source = note;
    paint();
  }

  const sourceKind = () => ({ 'dg.input.drawing': 'drawing', 'dg.input.test': 'test' })[source.key] ?? 'empty';

  // ---- the output ----
  function update() {
    const state = store.get();
    const T = state.dtemp;
    tempSlider.value = String(Math.log10(T));
    tempValue.textContent = `T = ${fmt(T, 3)}`;
    tempSlider.setAttribute('aria-valuetext', t('dg.temp.value', { t: fmt(T, 3) }));
    const network = net();
    const blank = cells.every((c) => c === 0);
    read = { digit: null, p: null };
    if (!network || blank) {
      prediction.textContent = t(network ? 'dg.out.draw' : 'dg.out.none');
      prediction.dataset.digit = '';
      drawBars(null);
      return;
    }
    const z = network.logits(cellsToInputs(cells));
    const p = lab.softmax(z, { temperature: T });
    const s = lab.evaluate('sigmoid', z);
    const best = lab.argmax(p);
    read = { digit: best, p: (T === 1 ? p : lab.softmax(z))[best] }; // at T = 1: the network's own answer
    prediction.textContent = t('dg.out.pred', { digit: best, p: fmt(p[best] * 100, 3) });
    prediction.dataset.digit = String(best);
    drawBars({ z, p, s, best });
  }

  function drawBars(out) {
    const theme = themeColours();
    chart ??= barChart(barCanvas, {});
    barCanvas.actlabChart = chart;
    chart.options.scales.x.title = { display: true, text: t('dg.out.class'), color: theme.muted };
    chart.options.scales.y.title = { display: true, text: t('dg.out.prob'), color: theme.muted };
    chart.data.labels = DIGITS;
    // The argmax: its softmax bar outlined (the fill stays the series colour, as in the legend).
    chart.data.datasets = [
      { label: t('dg.out.softmax'), data: out ? Array.from(out.p) : [], backgroundColor: colour(0), borderColor: theme.fg,
        borderWidth: DIGITS.map((_, i) => (out && i === out.best ? 3 : 0)) },
      { label: t('dg.out.sigmoid'), data: out ? Array.from(out.s) : [], backgroundColor: colour(1) },
    ];
    chart.update('none');
    if (!out) {
      barCanvas.setAttribute('aria-label', t('dg.out.none'));
      sums.textContent = '';
      table.replaceChildren();
      return;
    }
    const sum = (a) => a.reduce((x, y) => x + y, 0);
    sums.textContent = t('dg.out.sums', { softmax: fmt(sum(out.p), 6), sigmoid: fmt(sum(out.s), 4) });
    barCanvas.setAttribute('aria-label', t('dg.out.label', { digit: out.best,
      list: DIGITS.map((d, i) => `${d}: ${fmt(out.p[i] * 100, 3)} %`).join(t('list.sep')) }));
    // One row per digit: it fits a phone, and the argmax row is marked.
    const cols = ['dg.out.logit', 'dg.out.softmax.short', 'dg.out.sigmoid.short'];
    table.replaceChildren(
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('dg.out.class') }), ...cols.map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, ...DIGITS.map((d, i) => h('tr', { class: i === out.best ? 'best' : undefined },
        h('th', { scope: 'row', text: d }), ...[out.z[i], out.p[i], out.s[i]].map((v) => h('td', { text: fmt(v, 3) }))))));
  }

  return {
    element,
    render(state, translate) {
      t = translate;
      pad.setAttribute('aria-label', t('dg.pad.label'));
      paint();
    },
    show,
    update,
    /** {source: 'drawing' | 'test' | 'empty', digit, p}: the input's kind, the digit read and its probability at T = 1. */
    reading() {
      return { source: sourceKind(), ...read };
    },
    /** The input now: {cells, source}. */
    get cells() { return cells; },
    retint() {
      if (chart) retheme(chart);
      update();
    },
  };
}
