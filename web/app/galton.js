// The Galton board: a whole population of inputs falls through one
// activation. The reader picks the inputs (normal with a mean and a spread,
// uniform with the same, two bumps, or the first-layer pre-activations of a
// fresh playground network on the spiral) and the function with its
// parameters, and sees the inputs' histogram, the curve over their range,
// the outputs' histogram and the histogram of f' (how much gradient each
// input lets through), with the outputs' mean and spread and the shares of
// inputs where the function is saturated or dead. Every f and f' value comes
// from the core.
import { GALTON_INPUTS, paramAllowed } from './state.js';
import { sampleInputs, histogram, extent, populationFigures } from './distmodel.js';
import { paintHistogram } from './distributions.js';
import { themeColours } from './charts.js';
import { h, control, uid, fmt } from './dom.js';

const SAMPLES = 2000;
const BINS = 40;

/** The first layer's pre-activations z = W x + b of a fresh 2-8-1 network over the spiral's points. */
function layerInputs(lab) {
  const data = lab.makeDataset('spiral', { count: 500, seed: 1 });
  const net = lab.createNetwork({ layers: [2, 8, 1], activation: 'tanh', seed: 1 });
  const [first] = net.layers();
  net.dispose();
  const out = new Float64Array(500 * 8);
  for (let r = 0; r < 500; r++) {
    for (let j = 0; j < 8; j++) {
      out[r * 8 + j] = first.biases[j] + first.weights[j * 2] * data.inputs[2 * r] + first.weights[j * 2 + 1] * data.inputs[2 * r + 1];
    }
  }
  return out;
}

/** @param {HTMLElement} root @param {{lab, store}} deps */
export function createGalton(root, { lab, store }) {
  let t = store.t;
  let layerSamples = null; // made once, if asked for
  const peaks = new Map(); // function + params -> largest |f'| on [-6, 6]

  const kindButtons = GALTON_INPUTS.map((k) => h('button', { type: 'button', class: 'btn small', dataset: { input: k },
    'data-i18n': `g.input.${k}`, onclick: () => store.set({ gk: k }) }));
  const muId = uid('g-mu');
  const mu = h('input', { type: 'range', id: muId, min: -5, max: 5, step: 0.1, dataset: { field: 'gm' },
    oninput: (e) => store.set({ gm: Number(e.target.value) }) });
  const muOut = h('output', { for: muId });
  const sdId = uid('g-sd');
  const sd = h('input', { type: 'range', id: sdId, min: 0.1, max: 10, step: 0.1, dataset: { field: 'gv' },
    oninput: (e) => store.set({ gv: Number(e.target.value) }) });
  const sdOut = h('output', { for: sdId });
  const shape = h('div', {}, h('div', { class: 'row' }, h('label', { for: muId, 'data-i18n': 'g.mu' }), mu, muOut),
    h('div', { class: 'row' }, h('label', { for: sdId, 'data-i18n': 'g.sigma' }), sd, sdOut));
  const fnId = uid('g-fn');
  const fnSelect = h('select', { id: fnId, dataset: { field: 'gf' }, onchange: (e) => store.set({ gf: e.target.value }) },
    ...lab.activations.map((a) => h('option', { value: a.name, text: a.name })));
  const params = h('div', { class: 'row g-params' });
  const figures = h('p', { class: 'g-figures', role: 'status' });
  const panes = ['in', 'curve', 'out', 'slope'].map((k) => {
    const canvas = h('canvas', { width: 240, height: 110, role: 'img', dataset: { pane: k } });
    const range = h('span', { class: 'note small' });
    return { k, canvas, range, el: h('figure', { class: 'g-pane' }, h('figcaption', { 'data-i18n': `g.pane.${k}` }), canvas, range) };
  });

  root.append(
    h('h2', { id: 'galton-title', 'data-i18n': 'g.title' }),
    control('intro', h('p', { class: 'intro', 'data-i18n': 'g.intro' })),
    h('fieldset', { class: 'panel' }, h('legend', { 'data-i18n': 'g.inputs' }),
      h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:g.inputs' }, ...kindButtons), shape,
      h('p', { class: 'note small g-layer-note', 'data-i18n': 'g.layer.note' })),
    h('fieldset', { class: 'panel' }, h('legend', { 'data-i18n': 'g.function' }),
      h('div', { class: 'row' }, h('label', { for: fnId, 'data-i18n': 'g.function' }), fnSelect), params),
    figures,
    h('div', { class: 'g-panes' }, ...panes.map((p) => p.el)));

  // The function's parameters, {name: value}: the explorer's `p` (its defaults where unset).
  function paramValues(state) {
    const entry = lab.activations.find((a) => a.name === state.gf);
    return Object.fromEntries(entry.params.map((p) => [p.name, state.p[state.gf]?.[p.name] ?? p.default]));
  }

  function drawParams(state) {
    const entry = lab.activations.find((a) => a.name === state.gf);
    const values = paramValues(state);
    params.replaceChildren(...entry.params.map((p) => {
      const id = uid('g-param');
      const input = h('input', { type: 'number', class: 'num', id, step: 'any', value: String(values[p.name]), dataset: { param: p.name },
        onchange: (e) => {
          const v = Number(e.target.value);
          const ok = e.target.value.trim() !== '' && paramAllowed(p, v);
          e.target.setAttribute('aria-invalid', String(!ok));
          if (ok) store.set({ p: { ...store.get().p, [state.gf]: { ...store.get().p[state.gf], [p.name]: v } } });
        } });
      return h('span', {}, h('label', { for: id, text: `${p.name} ` }), input);
    }));
  }

  function peakSlope(name, values) {
    const k = JSON.stringify([name, values]);
    if (!peaks.has(k)) {
      const grid = Float64Array.from({ length: 241 }, (_, i) => -6 + 0.05 * i);
      peaks.set(k, Math.max(...lab.derivative(name, grid, values).map(Math.abs)));
    }
    return peaks.get(k);
  }

  function draw() {
    const state = store.get();
    kindButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.input === state.gk)));
    mu.value = String(state.gm);
    sd.value = String(state.gv);
    muOut.textContent = `μ = ${fmt(state.gm, 3)}`;
    sdOut.textContent = `σ = ${fmt(state.gv, 3)}`;
    shape.hidden = state.gk === 'layer';
    root.querySelector('.g-layer-note').hidden = state.gk !== 'layer';
    fnSelect.value = state.gf;
    drawParams(state);

    const xs = state.gk === 'layer' ? (layerSamples ??= layerInputs(lab))
      : sampleInputs(state.gk, { mu: state.gm, sigma: state.gv }, SAMPLES, 7);
    const values = paramValues(state);
    let ys;
    let ds;
    try {
      ys = lab.evaluate(state.gf, xs, values);
      ds = lab.derivative(state.gf, xs, values);
    } catch (err) {
      figures.textContent = t('g.failed', { detail: err?.message ?? String(err) });
      return;
    }
    const f = populationFigures(ys, ds, peakSlope(state.gf, values));
    figures.textContent = t('g.figures', { mean: fmt(f.mean, 3), std: fmt(f.std, 3), sat: fmt(f.saturated * 100, 3),
      dead: fmt(f.dead * 100, 3) });
    Object.assign(figures.dataset, { mean: String(f.mean), std: String(f.std), saturated: String(f.saturated), dead: String(f.dead) });

    const theme = themeColours();
    const show = (pane, vals) => {
      const [lo, hi] = extent(vals);
      const hist = histogram(vals, BINS, lo, hi);
      paintHistogram(pane.canvas, hist.counts, theme);
      pane.range.textContent = `${fmt(lo, 3)} … ${fmt(hi, 3)}`;
      return hist;
    };
    const [inPane, curvePane, outPane, slopePane] = panes;
    show(inPane, xs);
    show(outPane, ys);
    show(slopePane, ds);
    drawCurve(curvePane, extent(xs), state.gf, values, theme);
    const words = (key, vals) => { const [lo, hi] = extent(vals); return t(key, { lo: fmt(lo, 3), hi: fmt(hi, 3) }); };
    inPane.canvas.setAttribute('aria-label', words('g.label.in', xs));
    outPane.canvas.setAttribute('aria-label', `${words('g.label.out', ys)} ${figures.textContent}`);
    slopePane.canvas.setAttribute('aria-label', words('g.label.slope', ds));
  }

  // f over the inputs' range, the line in the page's accent colour.
  function drawCurve(pane, [lo, hi], name, values, theme) {
    const xs = Float64Array.from({ length: 121 }, (_, i) => lo + ((hi - lo) * i) / 120);
    const ys = lab.evaluate(name, xs, values);
    const [ylo, yhi] = extent(ys);
    const ctx = pane.canvas.getContext('2d');
    const { width, height } = pane.canvas;
    ctx.fillStyle = theme.bg;
    ctx.fillRect(0, 0, width, height);
    ctx.strokeStyle = '#D55E00';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ys.forEach((y, i) => {
      const px = (i / 120) * width;
      const py = height - 2 - (Number.isFinite(y) ? ((y - ylo) / (yhi - ylo)) * (height - 4) : 0);
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.stroke();
    pane.range.textContent = `x: ${fmt(lo, 3)} … ${fmt(hi, 3)} · f: ${fmt(ylo, 3)} … ${fmt(yhi, 3)}`;
    pane.canvas.setAttribute('aria-label', t('g.label.curve', { name, lo: fmt(lo, 3), hi: fmt(hi, 3), ylo: fmt(ylo, 3), yhi: fmt(yhi, 3) }));
  }

  return {
    render(state, translate) {
      t = translate;
      draw();
    },
    retint: () => draw(),
  };
}
