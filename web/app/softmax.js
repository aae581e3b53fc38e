// The softmax lab: edit logits (or pick a preset), set the temperature, and
// see the probabilities (argmax marked), log-softmax, the Jacobian as a
// heatmap, why the naive formula fails on [1000, 1001, 1002], and softmax
// beside independent sigmoids or sparsemax. Every probability comes from
// the core (lab.softmax, logSoftmax, softmaxJacobian, sparsemax, argmax);
// only the deliberately naive column is computed here, in plain JS, to show
// what goes wrong. State (z, temp, cmp) lives in the store and the URL.
import { LIMITS, COMPARE, logitAllowed, tempAllowed } from './state.js';
import { colour, retheme, whenNear } from './charts.js';
import { barChart } from './barchart.js';
import { h, control, uid, fmt } from './dom.js';

export const SOFTMAX_PRESETS = {
  four: [-1, 2, -3, 4],
  dominant: [-2, 3, -3, 9],
  // Scores a digit classifier might give an image of a handwritten 7 that
  // looks a little like a 1 and a 9: classes are the digits 0-9.
  digits: [-1.3, 2.4, 0.2, 0.9, -0.8, -0.1, -2.2, 5.1, 0.6, 2.8],
  large: [1000, 1001, 1002],
  tie: [1, 1, 1, 1],
};

// The slider moves log10(T) so 0.1, 1 and 10 are equally far apart.
const T_LOG_MIN = Math.log10(LIMITS.tempMin);
const T_LOG_MAX = Math.log10(LIMITS.tempMax);

/** What the naive formula exp(z_i/T) / Σ exp(z_j/T) gives in double precision. */
export function naiveSoftmax(z, temp) {
  const e = z.map((v) => Math.exp(v / temp));
  const sum = e.reduce((a, b) => a + b, 0);
  return { e, sum, p: e.map((v) => v / sum) };
}

export function createSoftmaxLab(root, { lab, store }) {
  let t = store.t;

  // ---- presets ----
  const presetBar = h('div', { class: 'row', role: 'group', 'aria-labelledby': 'sm-presets-label' },
    h('span', { id: 'sm-presets-label', class: 'label', 'data-i18n': 'sm.presets' }),
    ...Object.entries(SOFTMAX_PRESETS).map(([key, z]) => h('button', { type: 'button', class: 'btn',
      dataset: { preset: key }, onclick: () => store.set({ z: [...z] }) },
    h('span', { 'data-i18n': `sm.preset.${key}` }), ' ', h('span', { class: 'mono small', text: presetText(key, z) }))));

  // ---- logits editor ----
  const logitList = h('ol', { class: 'logits', start: '0' });
  const addButton = h('button', { type: 'button', class: 'btn', 'data-i18n': 'sm.add', onclick: () => {
    const z = store.get().z;
    if (z.length >= LIMITS.maxLogits) return;
    store.set({ z: [...z, 0] });
    logitList.querySelectorAll('input')[z.length]?.focus();
  } });
  const logitError = h('p', { class: 'error', role: 'alert' });
  const editor = h('fieldset', { class: 'panel logit-editor' }, h('legend', { 'data-i18n': 'sm.logits' }),
    h('p', { class: 'note small', 'data-i18n': 'sm.logits.hint' }), logitList,
    h('div', { class: 'row' }, addButton), logitError);

  function logitRow(i) {
    const id = uid('z');
    const input = h('input', { type: 'number', step: 'any', class: 'num', id, inputmode: 'decimal',
      dataset: { index: String(i) } });
    // A bad value stays in the field for correcting, marked and explained;
    // the state (and the charts) keep the last good one.
    const edit = () => {
      const v = Number(input.value);
      const ok = input.value.trim() !== '' && logitAllowed(v);
      input.setAttribute('aria-invalid', String(!ok));
      logitError.textContent = ok ? '' : t('sm.logit.bad', { i, limit: LIMITS.logitAbs, kept: fmt(store.get().z[i]) });
      if (ok && v !== store.get().z[i]) store.set({ z: store.get().z.map((w, k) => (k === i ? v : w)) });
    };
    input.addEventListener('input', edit);
    input.addEventListener('change', edit);
    const remove = h('button', { type: 'button', class: 'btn small', dataset: { remove: String(i) }, onclick: () => {
      const z = store.get().z;
      if (z.length <= LIMITS.minLogits) return;
      store.set({ z: z.filter((_, k) => k !== i) });
      const buttons = logitList.querySelectorAll('[data-remove]');
      (buttons[Math.min(i, buttons.length - 1)] ?? addButton).focus();
    } });
    return h('li', { class: 'logit' }, h('label', { for: id, class: 'mono', text: `z${sub(i)}` }), input, remove);
  }

  // ---- temperature and comparison ----
  const tSlider = h('input', { type: 'range', id: uid('temp'), min: T_LOG_MIN, max: T_LOG_MAX, step: 0.01,
    oninput: (e) => store.set({ temp: Number((10 ** Number(e.target.value)).toPrecision(3)) }) });
  const tNumber = h('input', { type: 'number', step: 'any', class: 'num', min: LIMITS.tempMin, max: LIMITS.tempMax,
    inputmode: 'decimal', 'data-i18n-attr': 'aria-label:sm.temp.exact', onchange: (e) => {
      const v = Number(e.target.value);
      const ok = e.target.value.trim() !== '' && tempAllowed(v);
      e.target.setAttribute('aria-invalid', String(!ok));
      tError.textContent = ok ? '' : t('sm.temp.bad', { min: LIMITS.tempMin, max: LIMITS.tempMax, kept: fmt(store.get().temp) });
      if (ok) store.set({ temp: v });
    } });
  const tError = h('p', { class: 'error', role: 'alert' });
  const tReset = h('button', { type: 'button', class: 'btn small', 'data-i18n': 'sm.temp.reset', onclick: () => store.set({ temp: 1 }) });
  const tempGroup = h('div', { class: 'row inline temp' },
    h('label', { for: tSlider.id, class: 'label', 'data-i18n': 'sm.temp' }), tSlider, tNumber, tReset, tError);

  const cmpName = uid('cmp');
  const cmpRadios = COMPARE.map((v) => h('input', { type: 'radio', name: cmpName, value: v, id: `${cmpName}-${v}`,
    onchange: () => store.set({ cmp: v }) }));
  const cmpGroup = h('fieldset', { class: 'row inline' }, h('legend', { 'data-i18n': 'sm.cmp' }),
    ...cmpRadios.map((r) => h('label', { for: r.id }, r, h('span', { 'data-i18n': `sm.cmp.${r.value}` }))));

  // ---- outputs ----
  const canvas = h('canvas', { role: 'img' });
  const prediction = h('p', { class: 'prediction', 'aria-live': 'polite' });
  const cmpNote = h('p', { class: 'note' });
  const tableHead = h('tr');
  const tableBody = h('tbody');
  const tableFoot = h('tfoot');
  const valueTable = h('div', { class: 'scroll', tabindex: '0' }, h('table', { class: 'values sm-table' },
    h('caption', { 'data-i18n': 'sm.table.caption' }), h('thead', {}, tableHead), tableBody, tableFoot));
  const logNote = h('p', { class: 'note' });

  const jacHead = h('tr');
  const jacBody = h('tbody');
  const jacNote = h('p', { class: 'note small' });
  const jacSection = h('section', { class: 'panel', 'aria-labelledby': 'sm-jac-h' },
    h('h3', { id: 'sm-jac-h', 'data-i18n': 'sm.jac.title' }),
    h('p', { 'data-i18n': 'sm.jac.intro' }),
    h('div', { class: 'scroll', tabindex: '0' }, h('table', { class: 'heatmap' }, h('caption', { 'data-i18n': 'sm.jac.caption' }),
      h('thead', {}, jacHead), jacBody)),
    jacNote);

  const naiveHead = h('tr');
  const naiveBody = h('tbody');
  const naiveVerdict = h('p', { class: 'verdict' });
  const naiveSection = h('section', { class: 'panel', 'aria-labelledby': 'sm-naive-h' },
    h('h3', { id: 'sm-naive-h', 'data-i18n': 'sm.naive.title' }),
    h('p', { 'data-i18n': 'sm.naive.intro' }),
    h('div', { class: 'row' }, h('button', { type: 'button', class: 'btn', dataset: { preset: 'large-naive' },
      'data-i18n': 'sm.naive.try', onclick: () => store.set({ z: [...SOFTMAX_PRESETS.large], temp: 1 }) })),
    h('div', { class: 'scroll', tabindex: '0' }, h('table', { class: 'values naive' }, h('caption', { 'data-i18n': 'sm.naive.caption' }),
      h('thead', {}, naiveHead), naiveBody)),
    naiveVerdict);

  root.append(
    h('h2', { id: 'softmax-title', 'data-i18n': 'sm.title' }),
    control('intro', h('p', { class: 'intro', 'data-i18n': 'sm.intro' })),
    control('presets', presetBar),
    h('div', { class: 'split' }, control('logits', editor), h('div', { class: 'panel' }, control('temperature', tempGroup),
      control('temperature', h('p', { class: 'note small', 'data-i18n': 'sm.temp.hint' })), control('compare', cmpGroup))),
    h('div', { class: 'chart-box' }, canvas),
    prediction,
    cmpNote,
    control('table', valueTable),
    logNote,
    control('jacobian', jacSection),
    control('naive', naiveSection),
  );

  // The chart is made when the lab scrolls near (or at once in an embed).
  let chart = null;
  let visible = false;
  whenNear(canvas, () => {
    visible = true;
    renderChart(store.get());
  });

  // ---- rendering ----
  function compute(state) {
    const z = state.z;
    const temp = state.temp;
    const p = lab.softmax(z, { temperature: temp });
    const logp = lab.logSoftmax(z, { temperature: temp });
    const best = lab.argmax(z);
    const scaled = z.map((v) => v / temp);
    let other = null;
    if (state.cmp === 'sigmoid') other = lab.evaluate('sigmoid', scaled);
    else if (state.cmp === 'sparsemax') other = lab.sparsemax(scaled);
    return { z, temp, p, logp, best, scaled, other };
  }

  function renderLogits(state) {
    const inputs = logitList.querySelectorAll('input');
    if (inputs.length !== state.z.length) {
      logitList.replaceChildren(...state.z.map((_, i) => logitRow(i)));
      logitError.textContent = '';
    }
    logitList.querySelectorAll('li').forEach((li, i) => {
      const input = li.querySelector('input');
      // Leave a field being typed into alone (its text may be "1." or "-").
      if (document.activeElement !== input) {
        input.value = String(state.z[i]);
        input.setAttribute('aria-invalid', 'false');
      }
      const remove = li.querySelector('button');
      remove.textContent = t('sm.remove');
      remove.setAttribute('aria-label', t('sm.remove.label', { i }));
      remove.disabled = state.z.length <= LIMITS.minLogits;
    });
    addButton.disabled = state.z.length >= LIMITS.maxLogits;
  }

  function renderChart(state, r = compute(state)) {
    const labels = r.z.map((_, i) => (i === r.best ? `${i} ★` : String(i)));
    canvas.setAttribute('aria-label', t('sm.chart.label', { n: r.z.length, best: r.best, p: fmt(r.p[r.best], 4) }));
    if (!visible) return;
    chart ??= barChart(canvas, { xTitle: t('sm.class'), yTitle: t('sm.prob') });
    canvas.actlabChart = chart;
    chart.options.scales.x.title.text = t('sm.class');
    chart.options.scales.y.title.text = t('sm.prob');
    const sets = [{ label: t('sm.series.softmax'), data: [...r.p],
      backgroundColor: Array.from(r.p, (_, i) => (i === r.best ? colour(1) : colour(0))) }];
    if (r.other) sets.push({ label: t(`sm.series.${state.cmp}`), data: [...r.other], backgroundColor: colour(2) });
    chart.data.labels = labels;
    chart.data.datasets = sets;
    chart.update('none');
  }

  function renderTable(state, r) {
    const cols = ['sm.col.class', 'sm.col.z', 'sm.col.p', 'sm.col.logp'];
    if (r.other) cols.push(`sm.col.${state.cmp}`);
    tableHead.replaceChildren(...cols.map((k) => h('th', { scope: 'col', text: t(k, { T: fmt(r.temp) }) })));
    tableBody.replaceChildren(...r.z.map((z, i) => h('tr', { class: i === r.best ? 'best' : undefined, dataset: { i: String(i) } },
      h('th', { scope: 'row' }, String(i), i === r.best ? h('span', { class: 'badge', text: t('sm.argmax') }) : null),
      h('td', { text: fmt(z) }),
      h('td', { dataset: { value: 'p' }, text: fmt(r.p[i]) }),
      h('td', { dataset: { value: 'logp' }, text: fmt(r.logp[i]) }),
      r.other ? h('td', { dataset: { value: state.cmp }, text: fmt(r.other[i]) }) : null)));
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    tableFoot.replaceChildren(h('tr', {}, h('th', { scope: 'row', text: t('sm.sum') }), h('td'),
      h('td', { dataset: { value: 'sum' }, text: fmt(sum(r.p), 12) }), h('td'),
      r.other ? h('td', { dataset: { value: 'other-sum' }, text: fmt(sum(r.other), 12) }) : null));

    prediction.replaceChildren(t('sm.prediction', { best: r.best, p: fmt(r.p[r.best], 4) }));
    if (state.cmp === 'sigmoid') {
      const on = r.other.filter((v) => v >= 0.5).length;
      cmpNote.textContent = t('sm.cmp.sigmoid.note', { sum: fmt(sum(r.other), 4), on, n: r.z.length });
    } else if (state.cmp === 'sparsemax') {
      const zeros = r.other.filter((v) => v === 0).length;
      cmpNote.textContent = t('sm.cmp.sparsemax.note', { zeros, n: r.z.length });
    } else {
      cmpNote.textContent = t('sm.cmp.none.note');
    }
    cmpNote.hidden = false;
    // Where a probability rounds to 0 the logarithm taken afterwards is −∞,
    // but log-softmax computed directly stays exact.
    const lost = [...r.p].findIndex((v) => v === 0);
    logNote.textContent = lost >= 0
      ? t('sm.log.underflow', { i: lost, logp: fmt(r.logp[lost]) })
      : t('sm.log.note');
  }

  function renderJacobian(state, r) {
    const n = r.z.length;
    const J = lab.softmaxJacobian(r.z, { temperature: r.temp });
    let big = 0;
    for (const v of J) big = Math.max(big, Math.abs(v));
    jacHead.replaceChildren(h('td'), ...r.z.map((_, j) => h('th', { scope: 'col', text: `z${sub(j)}` })));
    let worstRow = 0;
    const rows = [];
    for (let i = 0; i < n; i++) {
      let rowSum = 0;
      const cells = [];
      for (let j = 0; j < n; j++) {
        const v = J[i * n + j];
        rowSum += v;
        // Shade by size, blue for positive, orange for negative; capped so text keeps its contrast.
        const share = big > 0 ? Math.round((Math.abs(v) / big) * 45) : 0;
        const hue = v > 0 ? 'var(--pos)' : 'var(--neg)';
        cells.push(h('td', { style: `background: color-mix(in srgb, ${hue} ${share}%, transparent)`,
          title: `∂p${sub(i)}/∂z${sub(j)} = ${fmt(v)}`, text: fmt(v, 2) }));
      }
      worstRow = Math.max(worstRow, Math.abs(rowSum));
      rows.push(h('tr', {}, h('th', { scope: 'row', text: `p${sub(i)}` }), ...cells));
    }
    jacBody.replaceChildren(...rows);
    jacNote.textContent = t('sm.jac.note', { worst: fmt(worstRow, 2), T: fmt(r.temp) });
  }

  function renderNaive(state, r) {
    const naive = naiveSoftmax(r.z, r.temp);
    const m = Math.max(...r.scaled);
    naiveHead.replaceChildren(...['sm.col.class', 'sm.naive.zt', 'sm.naive.exp', 'sm.naive.p', 'sm.naive.shift',
      'sm.naive.expShift', 'sm.naive.stable'].map((k) => h('th', { scope: 'col', text: t(k) })));
    naiveBody.replaceChildren(...r.z.map((_, i) => h('tr', {},
      h('th', { scope: 'row', text: String(i) }),
      h('td', { text: fmt(r.scaled[i]) }),
      h('td', { text: fmt(naive.e[i]) }),
      h('td', { dataset: { value: 'naive' }, text: fmt(naive.p[i]) }),
      h('td', { text: fmt(r.scaled[i] - m) }),
      h('td', { text: fmt(Math.exp(r.scaled[i] - m)) }),
      h('td', { dataset: { value: 'stable' }, text: fmt(r.p[i]) }))));
    const broken = naive.p.some((v) => !Number.isFinite(v));
    let key = 'sm.naive.fine';
    if (broken) key = naive.sum === Infinity ? 'sm.naive.overflow' : 'sm.naive.underflow';
    naiveVerdict.textContent = t(key, { sum: fmt(naive.sum) });
    naiveVerdict.dataset.broken = String(broken);
  }

  function render(state, translate = t) {
    t = translate;
    renderLogits(state);
    tSlider.value = String(Math.log10(state.temp));
    if (document.activeElement !== tNumber) {
      tNumber.value = String(state.temp);
      tNumber.setAttribute('aria-invalid', 'false');
      tError.textContent = '';
    }
    for (const r of cmpRadios) r.checked = r.value === state.cmp;
    const r = compute(state);
    renderChart(state, r);
    renderTable(state, r);
    renderJacobian(state, r);
    renderNaive(state, r);
  }

  function retint() {
    if (chart) retheme(chart);
  }

  return { render, retint };
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
/** i as subscript digits: z₁₂. */
const sub = (i) => String(i).replace(/\d/g, (d) => SUBSCRIPTS[d]);

function presetText(key, z) {
  if (key === 'digits') return '0–9';
  return `[${z.map((v) => fmt(v)).join(', ')}]`;
}
