// The activation explorer: choose functions, chart f and f′ (together or
// apart), move parameter sliders, zoom the x range, read exact values at a
// cursor, see each function's formula and properties, and watch gradients
// shrink through stacked layers. Every number comes from the core
// (lab.evaluate / lab.derivative). The widget owns its DOM under `root`;
// state lives in the store (and so in the URL).
import { FAMILIES, FAMILY, paramRange } from './catalog.js';
import { paramAllowed, LIMITS } from './state.js';
import { lineChart, colour, retheme, whenNear } from './charts.js';
import { h, control, uid, fmt, exact, copyCode } from './dom.js';
import { exporterReady } from '../lib/actlab-export.js';
import { requireStrings } from './i18n.js';

const POINTS = 401;
const PRESETS = {
  classic: ['sigmoid', 'tanh', 'relu'],
  relu: ['relu', 'leaky_relu', 'elu', 'selu'],
  smooth: ['gelu', 'silu', 'mish', 'softplus'],
  hard: ['hard_sigmoid', 'hard_sigmoid_keras2', 'hard_tanh', 'hard_swish', 'relu6'],
};

export function createExplorer(root, { lab, store }) {
  const catalog = new Map(lab.activations.map((a) => [a.name, a]));
  let t = store.t;
  let cursor = null; // data x of the readout, not part of the URL

  const paramsOf = (state, name) => {
    const out = {};
    for (const p of catalog.get(name).params) out[p.name] = state.p[name]?.[p.name] ?? p.default;
    return out;
  };

  // ---- static structure (keys only; text filled by applyTranslations) ----
  const pickButtons = new Map();
  const picker = h('div', { class: 'picker' });
  for (const family of FAMILIES) {
    const names = lab.activations.map((a) => a.name).filter((n) => (FAMILY[n] ?? 'other') === family);
    if (!names.length) continue;
    const legendId = uid('fam');
    const group = h('div', { class: 'family', role: 'group', 'aria-labelledby': legendId },
      h('span', { class: 'family-name', id: legendId, 'data-i18n': `ex.family.${family}` }));
    for (const name of names) {
      const b = h('button', { type: 'button', class: 'chip', 'aria-pressed': 'false', dataset: { name }, text: name,
        onclick: () => toggle(name) });
      pickButtons.set(name, b);
      group.append(b);
    }
    picker.append(group);
  }

  const presetBar = h('div', { class: 'row', role: 'group', 'aria-labelledby': 'ex-presets-label' },
    h('span', { id: 'ex-presets-label', class: 'label', 'data-i18n': 'ex.presets' }),
    ...Object.entries(PRESETS).map(([key, names]) => h('button', { type: 'button', class: 'btn', dataset: { preset: key },
      'data-i18n': `ex.preset.${key}`, onclick: () => store.set({ fn: [...names], focus: names[0] }) })),
    h('button', { type: 'button', class: 'btn', dataset: { preset: 'clear' }, 'data-i18n': 'ex.clear',
      onclick: () => store.set({ fn: [] }) }));

  const viewName = uid('view');
  const viewRadios = ['together', 'apart'].map((v) => h('input', { type: 'radio', name: viewName, value: v,
    id: `${viewName}-${v}`, onchange: () => store.set({ view: v }) }));
  const viewGroup = h('fieldset', { class: 'row inline' }, h('legend', { 'data-i18n': 'ex.view' }),
    ...viewRadios.map((r) => h('label', { for: r.id }, r, h('span', { 'data-i18n': `ex.view.${r.value}` }))));

  const fromInput = h('input', { type: 'number', step: 'any', id: uid('from'), class: 'num', inputmode: 'decimal' });
  const toInput = h('input', { type: 'number', step: 'any', id: uid('to'), class: 'num', inputmode: 'decimal' });
  const rangeError = h('p', { class: 'error', role: 'alert', hidden: true });
  const applyRange = () => {
    const lo = Number(fromInput.value);
    const hi = Number(toInput.value);
    const ok = fromInput.value !== '' && toInput.value !== '' && Number.isFinite(lo) && Number.isFinite(hi) &&
      lo < hi && Math.abs(lo) <= LIMITS.xAbs && Math.abs(hi) <= LIMITS.xAbs;
    const [a, b] = store.get().x;
    rangeError.hidden = ok;
    fromInput.setAttribute('aria-invalid', String(!ok));
    toInput.setAttribute('aria-invalid', String(!ok));
    if (!ok) rangeError.textContent = t('ex.range.bad', { from: fmt(a), to: fmt(b) });
    else store.set({ x: [lo, hi] });
  };
  fromInput.addEventListener('change', applyRange);
  toInput.addEventListener('change', applyRange);
  const zoom = (factor) => {
    const [a, b] = store.get().x;
    const mid = (a + b) / 2;
    let half = ((b - a) / 2) * factor;
    half = Math.min(Math.max(half, 1e-3), LIMITS.xAbs);
    const lo = Math.max(mid - half, -LIMITS.xAbs);
    const hi = Math.min(mid + half, LIMITS.xAbs);
    store.set({ x: [Number(lo.toPrecision(6)), Number(hi.toPrecision(6))] });
  };
  const rangeGroup = h('fieldset', { class: 'row inline' }, h('legend', { 'data-i18n': 'ex.range' }),
    h('label', { for: fromInput.id, 'data-i18n': 'ex.range.from' }), fromInput,
    h('label', { for: toInput.id, 'data-i18n': 'ex.range.to' }), toInput,
    h('button', { type: 'button', class: 'btn', dataset: { zoom: 'in' }, 'data-i18n': 'ex.zoom.in', onclick: () => zoom(0.5) }),
    h('button', { type: 'button', class: 'btn', dataset: { zoom: 'out' }, 'data-i18n': 'ex.zoom.out', onclick: () => zoom(2) }),
    h('button', { type: 'button', class: 'btn', dataset: { zoom: 'reset' }, 'data-i18n': 'ex.zoom.reset',
      onclick: () => store.set({ x: [-6, 6] }) }),
    rangeError);

  const paramsBox = h('div', { class: 'params' });
  const paramsSection = h('section', { class: 'panel', 'aria-labelledby': 'ex-params-h' },
    h('h3', { id: 'ex-params-h', 'data-i18n': 'ex.params' }), paramsBox);

  const empty = h('p', { class: 'note', 'data-i18n': 'ex.empty', hidden: true });
  const canvases = [0, 1].map(() => h('canvas', { role: 'img', tabindex: '0' }));
  const boxes = canvases.map((c) => h('div', { class: 'chart-box' }, c));
  // Each chart with its legend (placed above the box) in one cell of the charts' grid.
  const cells = boxes.map((b) => h('div', { class: 'chart-cell' }, b));
  const legendNote = h('p', { class: 'note small', 'data-i18n': 'ex.chart.both' });
  const readoutTitle = h('h3', { class: 'readout-title' });
  const readoutBody = h('tbody');
  const readout = h('div', { class: 'readout', 'aria-live': 'polite' }, readoutTitle,
    h('p', { class: 'note small', 'data-i18n': 'ex.readout.hint' }),
    h('table', { class: 'values' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col', 'data-i18n': 'ex.readout.fn' }),
      h('th', { scope: 'col', text: 'f(x)' }), h('th', { scope: 'col', text: 'f′(x)' }))), readoutBody));
  const tableBody = h('tbody');
  const tableHead = h('tr');
  const valuesTable = h('details', { class: 'table-wrap' }, h('summary', { 'data-i18n': 'ex.table' }),
    h('div', { class: 'scroll', tabindex: '0' }, h('table', { class: 'values' }, h('caption', { 'data-i18n': 'ex.table.caption' }),
      h('thead', {}, tableHead), tableBody)));

  // The focused function's f′ by automatic differentiation, as Python to run:
  // the points of the table of values, PyTorch or TensorFlow (not in the URL).
  let gradFramework = 'pytorch';
  const gradCode = h('code');
  const gradStatus = h('span', { class: 'note small', role: 'status' });
  const gradButtons = ['pytorch', 'tensorflow'].map((fw) => h('button', { type: 'button', class: 'btn small',
    dataset: { gradFramework: fw }, 'data-i18n': `ex.grad.${fw}`, onclick: () => {
      gradFramework = fw;
      renderGrad(store.get());
    } }));
  const gradBox = h('details', { class: 'grad-code' }, h('summary', { 'data-i18n': 'ex.grad' }),
    h('p', { class: 'note small', 'data-i18n': 'ex.grad.intro' }),
    h('div', { class: 'row', role: 'group', 'data-i18n-attr': 'aria-label:ex.grad' }, ...gradButtons,
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'copy-grad' }, 'data-i18n': 'ch.copy',
        onclick: () => copyCode(gradCode, gradStatus, { done: t('ch.copied'), failed: t('ch.copyFailed') }) }), gradStatus),
    h('pre', { class: 'code', tabindex: '0' }, gradCode));
  gradBox.addEventListener('toggle', () => renderGrad(store.get()));

  const focusSelect = h('select', { id: uid('focus'), onchange: (e) => store.set({ focus: e.target.value }) });
  const infoTitle = h('h3');
  const formula = h('div', { class: 'formula' });
  const props = h('dl', { class: 'props' });
  const infoSection = h('section', { class: 'panel info', 'aria-labelledby': 'ex-info-h' },
    h('div', { class: 'row' }, h('h3', { id: 'ex-info-h', class: 'sr-only', 'data-i18n': 'ex.info.formula' }),
      h('label', { for: focusSelect.id, class: 'sr-only', 'data-i18n': 'ex.pick' }), focusSelect),
    infoTitle, formula, props, gradBox);

  const depthInput = h('input', { type: 'range', min: 1, max: LIMITS.maxDepth, step: 1, id: uid('depth'),
    oninput: (e) => store.set({ depth: Number(e.target.value) }) });
  const depthOut = h('output', { for: depthInput.id });
  const x0Input = h('input', { type: 'range', min: -5, max: 5, step: 0.1, id: uid('x0'),
    oninput: (e) => store.set({ x0: Number(e.target.value) }) });
  const x0Out = h('output', { for: x0Input.id });
  const layersCanvas = h('canvas', { role: 'img' });
  const layersNotes = h('ul', { class: 'notes' });
  const layersTableHead = h('tr');
  const layersTableBody = h('tbody');
  const layersSection = h('section', { class: 'panel', 'aria-labelledby': 'ex-layers-h' },
    h('h3', { id: 'ex-layers-h', 'data-i18n': 'ex.layers.title' }),
    h('p', { 'data-i18n': 'ex.layers.intro' }),
    h('div', { class: 'row inline' },
      h('label', { for: depthInput.id, 'data-i18n': 'ex.layers.depth' }), depthInput, depthOut,
      h('label', { for: x0Input.id, 'data-i18n': 'ex.layers.x0' }), x0Input, x0Out),
    h('div', { class: 'chart-box small' }, layersCanvas), layersNotes,
    h('details', { class: 'table-wrap' }, h('summary', { 'data-i18n': 'ex.layers.table' }),
      h('div', { class: 'scroll', tabindex: '0' }, h('table', { class: 'values' }, h('thead', {}, layersTableHead), layersTableBody))));

  root.append(
    h('h2', { id: 'explorer-title', 'data-i18n': 'ex.title' }),
    control('intro', h('p', { class: 'intro', 'data-i18n': 'ex.intro' })),
    control('presets', presetBar),
    control('functions', h('div', { class: 'row' }, h('span', { class: 'label', 'data-i18n': 'ex.pick' }))),
    control('functions', picker),
    h('div', { class: 'controls' }, control('view', viewGroup), control('range', rangeGroup)),
    empty,
    h('div', { class: 'charts' }, ...cells),
    legendNote,
    h('div', { class: 'split' }, readout, control('params', paramsSection)),
    control('table', valuesTable),
    control('info', infoSection),
    control('layers', layersSection),
  );
  control('code', gradBox);

  // ---- charts ----
  const onHover = (event, _els, chart) => {
    if (event.type === 'mouseout') return;
    const x = chart.scales.x.getValueForPixel(event.x);
    const [a, b] = store.get().x;
    if (x >= a && x <= b) setCursor(x);
  };
  // Charts are made when first needed (each costs ~40 ms at start-up): the
  // second one for the "apart" layout, the layers chart when it scrolls near.
  // Tests and curious developers read the plotted data from canvas.actlabChart.
  const charts = [];
  // The info panel's facts (facts.js), formulas (formulas.js) and words (the
  // 'info' strings) load when it comes near: the first view draws without them.
  let info = null;
  whenNear(infoSection, () => {
    Promise.all([import('./facts.js'), import('./formulas.js'), requireStrings('info')]).then(([f, m]) => {
      info = { facts: f.FACTS, formulas: m.FORMULAS };
      renderInfo(store.get());
    }, (err) => {
      formula.textContent = t('lazy.failed', { detail: err?.message ?? String(err) });
    });
  });
  let layersChart = null;
  let layersVisible = false;
  whenNear(layersCanvas, () => {
    layersVisible = true;
    renderLayers(store.get());
  });
  function makeLayersChart() {
    const chart = lineChart(layersCanvas, { yType: 'logarithmic', xTitle: 'n', legend: true });
    chart.options.elements.point.radius = 3;
    chart.options.scales.y.ticks.callback = (v) => fmt(v, 2);
    chart.options.scales.x.ticks.stepSize = 1;
    chart.options.scales.x.ticks.maxTicksLimit = 20; // one tick per layer (up to 20), not 9 ticks at fractions of a layer
    layersCanvas.actlabChart = chart;
    return chart;
  }

  for (const c of canvases) {
    c.addEventListener('keydown', (e) => {
      const [a, b] = store.get().x;
      const step = ((b - a) / 100) * (e.shiftKey ? 10 : 1);
      let x = cursor ?? (a + b) / 2;
      if (e.key === 'ArrowRight') x += step;
      else if (e.key === 'ArrowLeft') x -= step;
      else if (e.key === 'Home') x = a;
      else if (e.key === 'End') x = b;
      else return;
      e.preventDefault();
      setCursor(Math.min(Math.max(Number(x.toPrecision(12)), a), b));
    });
  }

  function setCursor(x) {
    cursor = x;
    for (const c of charts) {
      c.$cursorX = x;
      c.draw();
    }
    renderReadout(store.get());
  }

  function toggle(name) {
    const s = store.get();
    const fn = s.fn.includes(name) ? s.fn.filter((n) => n !== name) : [...s.fn, name].slice(-LIMITS.maxFunctions);
    store.set({ fn, focus: fn.includes(name) ? name : s.focus });
  }

  // ---- rendering ----
  function sample(state) {
    const [a, b] = state.x;
    const xs = new Float64Array(POINTS);
    for (let i = 0; i < POINTS; i++) xs[i] = a + ((b - a) * i) / (POINTS - 1);
    xs[POINTS - 1] = b;
    return xs;
  }

  const points = (xs, ys) => Array.from(xs, (x, i) => ({ x, y: Number.isFinite(ys[i]) ? ys[i] : null }));

  function renderCharts(state) {
    const xs = sample(state);
    const apart = state.view === 'apart';
    const sets = [[], []];
    state.fn.forEach((name, i) => {
      const params = paramsOf(state, name);
      const f = lab.evaluate(name, xs, params);
      const d = lab.derivative(name, xs, params);
      const base = { borderColor: colour(i), backgroundColor: colour(i) };
      sets[0].push({ ...base, label: apart ? name : `${name}(x)`, data: points(xs, f) });
      sets[apart ? 1 : 0].push({ ...base, label: `${name}′(x)`, data: points(xs, d), borderDash: [6, 4] });
    });
    const cursorX = cursor !== null && cursor >= state.x[0] && cursor <= state.x[1] ? cursor : undefined;
    [0, 1].forEach((k) => {
      if (k === 1 && !apart && !charts[1]) return;
      const c = charts[k];
      if (!c) {
        // Made with its first data: laid out and drawn once.
        charts[k] = lineChart(canvases[k], { onHover, xTitle: 'x', datasets: sets[k], x: state.x });
        canvases[k].actlabChart = charts[k];
        if (cursorX !== undefined) {
          charts[k].$cursorX = cursorX;
          charts[k].draw();
        }
        return;
      }
      c.data.datasets = sets[k];
      c.options.scales.x.min = state.x[0];
      c.options.scales.x.max = state.x[1];
      c.$cursorX = cursorX;
      c.update('none');
    });
    cells[1].hidden = !apart;
    legendNote.hidden = apart || !state.fn.length;
    const names = state.fn.join(', ');
    const what = apart ? [t('ex.chart.f'), t('ex.chart.df')] : [`${t('ex.chart.f')}, ${t('ex.chart.df')}`];
    canvases.forEach((c, k) => c.setAttribute('aria-label', t('ex.chart.label', {
      what: what[k] ?? what[0], names, from: fmt(state.x[0]), to: fmt(state.x[1]) })));
    renderTable(state);
  }

  // The table's 13 points, rounded to 10 digits (they are shown, and written into the autograd code).
  function tablePoints(state) {
    const [a, b] = state.x;
    return Array.from({ length: 13 }, (_, i) => Number((a + ((b - a) * i) / 12).toPrecision(10)));
  }

  function renderTable(state) {
    const xs = tablePoints(state);
    tableHead.replaceChildren(h('th', { scope: 'col', text: 'x' }),
      ...state.fn.flatMap((n) => [h('th', { scope: 'col', text: `${n}(x)` }), h('th', { scope: 'col', text: `${n}′(x)` })]));
    const cols = state.fn.map((n) => {
      const params = paramsOf(state, n);
      return [lab.evaluate(n, xs, params), lab.derivative(n, xs, params)];
    });
    tableBody.replaceChildren(...xs.map((x, i) => h('tr', {}, h('th', { scope: 'row', text: fmt(x) }),
      ...cols.flatMap(([f, d]) => [h('td', { text: fmt(f[i]) }), h('td', { text: fmt(d[i]) })]))));
  }

  function renderReadout(state) {
    const x = cursor ?? 0;
    readoutTitle.textContent = t('ex.readout', { x: exact(x) });
    readout.dataset.x = String(x);
    readoutBody.replaceChildren(...state.fn.map((name, i) => {
      const params = paramsOf(state, name);
      const f = lab.evaluate(name, [x], params)[0];
      const d = lab.derivative(name, [x], params)[0];
      return h('tr', { dataset: { name } },
        h('th', { scope: 'row' }, h('span', { class: 'swatch', style: `background:${colour(i)}` }), name),
        h('td', { class: 'mono', dataset: { value: 'f' }, text: exact(f) }),
        h('td', { class: 'mono', dataset: { value: 'df' }, text: exact(d) }));
    }));
  }

  function renderParams(state) {
    const withParams = state.fn.filter((n) => catalog.get(n).params.length);
    if (!withParams.length) {
      paramsBox.replaceChildren(h('p', { class: 'note', text: t('ex.params.none') }));
      return;
    }
    // Rebuild only when the set of sliders changes, so a slider being dragged keeps focus.
    const signature = withParams.join(',');
    if (paramsBox.dataset.signature !== signature) {
      paramsBox.dataset.signature = signature;
      paramsBox.replaceChildren(...withParams.map((name) => {
        const a = catalog.get(name);
        return h('fieldset', { class: 'param-group', dataset: { name } }, h('legend', { text: name }),
          ...a.params.map((p) => paramRow(name, p)));
      }));
    }
    for (const row of paramsBox.querySelectorAll('[data-param]')) {
      const v = paramsOf(state, row.dataset.fn)[row.dataset.param];
      const [slider, number] = row.querySelectorAll('input');
      if (document.activeElement !== number) number.value = String(v);
      slider.value = String(v);
      row.querySelector('button').textContent = t('ex.params.reset');
    }
  }

  function paramRow(name, p) {
    const r = paramRange(p);
    const id = uid('param');
    const error = h('span', { class: 'error small', role: 'alert' });
    const set = (v) => {
      const s = store.get();
      store.set({ p: { ...s.p, [name]: { ...s.p[name], [p.name]: v } } });
    };
    const slider = h('input', { type: 'range', id, min: r.min, max: r.max, step: r.step,
      oninput: (e) => set(Number(e.target.value)) });
    const number = h('input', { type: 'number', step: 'any', class: 'num', 'aria-label': `${name} ${p.name}`,
      onchange: (e) => {
        const v = Number(e.target.value);
        const ok = e.target.value !== '' && paramAllowed(p, v);
        e.target.setAttribute('aria-invalid', String(!ok));
        error.textContent = ok ? '' : `${p.name}: ${p.rule}`;
        if (ok) set(v);
      } });
    const reset = h('button', { type: 'button', class: 'btn small', onclick: () => {
      const s = store.get();
      const rest = { ...s.p[name] };
      delete rest[p.name];
      store.set({ p: { ...s.p, [name]: rest } });
    } });
    return h('div', { class: 'param', dataset: { fn: name, param: p.name } },
      h('label', { for: id, text: p.name }), slider, number, reset, error);
  }

  function renderInfo(state) {
    const focus = focusOf(state);
    infoSection.hidden = !focus;
    if (!focus) return;
    focusSelect.replaceChildren(...state.fn.map((n) => h('option', { value: n, text: n, selected: n === focus })));
    focusSelect.value = focus;
    infoTitle.textContent = t('ex.info', { name: focus });
    if (!info) { // written when it has loaded
      renderGrad(state);
      return;
    }
    const facts = info.facts[focus];
    formula.innerHTML = info.formulas[focus] ?? ''; // constant markup from formulas.js, chosen by a catalog name
    const yesNo = (v) => (v === 'param' ? t('ex.info.param') : v === 'near' ? t('ex.near') : v ? t('ex.yes') : t('ex.no'));
    const [lo, hi, loClosed, hiClosed] = facts?.range ?? ['?', '?'];
    const range = facts?.range?.[0] === 'param' ? t('ex.info.param')
      : `${loClosed ? '[' : '('}${lo}, ${hi}${hiClosed ? ']' : ')'}`;
    const rows = [
      ['ex.info.range', range],
      ['ex.info.monotonic', yesNo(facts?.monotonic)],
      ['ex.info.zeroCentred', yesNo(facts?.zeroCentred)],
      ['ex.info.smooth', t(`ex.smooth.${facts?.smooth}`)],
      ['ex.info.saturates', t(`ex.saturates.${facts?.saturates}`)],
      ['ex.info.gradient', t(`fn.${focus}.grad`)],
      ['ex.info.cost', t(`ex.cost.${facts?.cost}`)],
      ['ex.info.used', t(`fn.${focus}.use`)],
    ];
    props.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', { text: t(k) }), h('dd', { text: v })]));
    renderGrad(state);
  }

  const focusOf = (state) => (state.fn.includes(state.focus) ? state.focus : state.fn[state.fn.length - 1]);

  let writerReady = false;
  function renderGrad(state) {
    for (const b of gradButtons) b.setAttribute('aria-pressed', String(b.dataset.gradFramework === gradFramework));
    const focus = focusOf(state);
    if (!gradBox.open || !focus) return; // written when opened
    if (!writerReady) {
      // The code writer comes with the first code asked for.
      gradCode.textContent = t('lazy.loading');
      exporterReady().then(() => {
        writerReady = true;
        renderGrad(store.get());
      }, (err) => { gradCode.textContent = t('lazy.failed', { detail: err?.message ?? String(err) }); });
      return;
    }
    const text = lab.derivativeCode(focus, { framework: gradFramework, params: paramsOf(state, focus), xs: tablePoints(state),
      language: state.lang === 'zh' ? 'zh' : 'en' });
    if (gradCode.textContent !== text) {
      gradCode.textContent = text;
      gradStatus.textContent = ''; // "copied" was about the code before
    }
  }

  function renderLayers(state) {
    depthInput.value = String(state.depth);
    depthOut.textContent = String(state.depth);
    x0Input.value = String(state.x0);
    x0Out.textContent = fmt(state.x0);
    const ns = Array.from({ length: state.depth }, (_, i) => i + 1);
    const notes = [];
    const rows = [];
    const datasets = state.fn.map((name, i) => {
      const d = Math.abs(lab.derivative(name, [state.x0], paramsOf(state, name))[0]);
      if (d === 0) notes.push(t('ex.layers.zero', { name }));
      const ys = ns.map((n) => d ** n);
      rows.push([name, ys]);
      return { label: `|${name}′(x₀)|ⁿ`, borderColor: colour(i), backgroundColor: colour(i),
        data: ns.map((n, k) => ({ x: n, y: ys[k] > 0 && Number.isFinite(ys[k]) ? ys[k] : null })) };
    });
    if (layersVisible) {
      layersChart ??= makeLayersChart();
      layersChart.data.datasets = datasets;
      layersChart.options.scales.x.min = 1;
      layersChart.options.scales.x.max = state.depth;
      layersChart.update('none');
    }
    layersCanvas.setAttribute('aria-label', t('ex.layers.label', { depth: state.depth, x0: fmt(state.x0),
      names: state.fn.join(', ') }));
    layersNotes.replaceChildren(...notes.map((n) => h('li', { text: n })));
    layersTableHead.replaceChildren(h('th', { scope: 'col', text: t('ex.layers.n') }),
      ...rows.map(([name]) => h('th', { scope: 'col', text: name })));
    layersTableBody.replaceChildren(...ns.map((n, k) => h('tr', {}, h('th', { scope: 'row', text: String(n) }),
      ...rows.map(([, ys]) => h('td', { text: fmt(ys[k], 4) })))));
  }

  function render(state, translate = t) {
    t = translate;
    for (const [name, b] of pickButtons) b.setAttribute('aria-pressed', String(state.fn.includes(name)));
    for (const r of viewRadios) r.checked = r.value === state.view;
    if (document.activeElement !== fromInput) fromInput.value = String(state.x[0]);
    if (document.activeElement !== toInput) toInput.value = String(state.x[1]);
    rangeError.hidden = true;
    const none = !state.fn.length;
    empty.hidden = !none;
    renderCharts(state);
    renderReadout(state);
    renderParams(state);
    renderInfo(state);
    renderLayers(state);
  }

  function retint() {
    for (const c of [...charts, layersChart]) if (c) retheme(c);
  }

  return { render, retint };
}
