// The playground's picture of the network: every input and neuron as a
// thumbnail of its output over the plotted square, joined by its weights
// (blue positive, orange negative, thicker for larger). Pointing at a neuron,
// tapping it, or choosing it with the arrow keys shows its output large (in
// the map above, as in TensorFlow Playground, and in the preview beside the
// picture, which stays in view); its values appear on hover and in the line
// below, with an Edit button. Edit (or Enter, or a click on a weight) opens a
// form for the neuron's bias and incoming weights: training goes on from the
// edit. Below, a table of each layer's dead and saturated units (layerStats).
//
// One canvas draws it all: a DOM node per weight would be up to ~500
// elements rebuilt every few frames.
import { h, fmt, uid } from './dom.js';
import { RANGE, gridPoints, mapImage, valueAt } from './pgmap.js';

const THUMB = 20; // thumbnail resolution (grid points per side)
const NODE = 34; // thumbnail size on screen, CSS px
const PITCH = 44; // vertical distance between nodes
const PAD = 8;
const WHITE = [255, 255, 255];
const THUMB_POINTS = gridPoints(THUMB);

/**
 * @param {{t: Function, onShow?: (node: {column, index}|null) => void,
 *   onEdit?: (changes: {index, value}[]) => void}} deps
 *   onShow: a node to show large (null: the output again); onEdit: new
 *   values for parameters (getParams() indices)
 * @returns {{element: HTMLElement, update(net, stats?, t?): void}}
 */
export function createNetworkView({ t: translate, onShow = () => {}, onEdit = () => {} }) {
  let t = translate;
  const canvas = h('canvas', { class: 'pg-net', tabindex: '0', role: 'application' });
  const tip = h('div', { class: 'pg-tip', 'aria-hidden': 'true', hidden: true });
  const detail = h('p', { class: 'note small pg-net-detail', role: 'status' });
  const detailText = h('span');
  const editButton = h('button', { type: 'button', class: 'btn small', dataset: { action: 'edit-node' }, hidden: true,
    onclick: () => { if (chosen) openEditor(chosen); } });
  detail.append(detailText, ' ', editButton);
  // The preview: what the map above shows (the output, or the node pointed at), kept in view here.
  const preview = h('canvas', { class: 'pg-preview', width: 60, height: 60, role: 'img', 'aria-label': t('pg.preview.output') });
  const previewCaption = h('p', { class: 'note small pg-preview-caption' });
  const editor = h('form', { class: 'pg-edit', hidden: true });
  const table = h('table', { class: 'pg-layer-stats' });
  const element = h('div', { class: 'pg-netview' },
    h('div', { class: 'pg-net-row' }, h('figure', { class: 'pg-preview-box' }, preview, previewCaption),
      h('div', { class: 'pg-net-box' }, canvas, tip)),
    detail, editor, table);
  const small = h('canvas', { width: THUMB, height: THUMB });

  let model = null; // {columns: [{act, nodes: [{x, y, values, label, bias, biasIndex}]}], links: [...], width, height}
  let chosen = null; // [column, row] chosen by a tap, a click or the arrow keys
  let shown = null; // [column, row] shown large (pointer, tap or keyboard)
  let editing = null; // [column, row] whose form is open

  function layout(net) {
    const cfg = net.config;
    const sizes = cfg.layers;
    const g = net.grid({ resolution: THUMB, xMin: -RANGE, xMax: RANGE, yMin: -RANGE, yMax: RANGE, neurons: true });
    const points = THUMB * THUMB;
    const width = Math.max(canvas.parentElement.clientWidth, 240);
    const tall = Math.max(...sizes);
    const height = tall * PITCH + 2 * PAD;
    const colX = (c) => PAD + (c * (width - 2 * PAD - NODE)) / (sizes.length - 1);
    const colY = (c, i) => PAD + ((tall - sizes[c]) * PITCH) / 2 + i * PITCH;
    // Inputs: the features, as the engine computes them over the same grid.
    const feats = net.features(THUMB_POINTS);
    const n0 = sizes[0];
    const columns = [{ nodes: cfg.features.map((f, i) => ({ x: colX(0), y: colY(0, i), label: t(`pg.feat.${f}`), bias: null,
      values: Float64Array.from({ length: points }, (_, p) => feats[p * n0 + i]) })) }];
    const params = net.layers();
    let offset = 0;
    for (let l = 1; l < sizes.length; l++) {
      const last = l === sizes.length - 1;
      const act = last ? cfg.output : cfg.activation[l - 1].name;
      const L = params[l - 1];
      columns.push({ act, nodes: Array.from({ length: sizes[l] }, (_, j) => ({
        x: colX(l), y: colY(l, j), values: g.neurons.subarray((offset + j) * points, (offset + j + 1) * points),
        label: last ? t('pg.net.output', { j: j + 1, act }) : t('pg.net.neuron', { l, j: j + 1, act }),
        bias: L.biases[j], biasIndex: L.offset + L.inputs * L.outputs + j,
      })) });
      offset += sizes[l];
    }
    const links = [];
    params.forEach((L, k) => {
      for (let j = 0; j < L.outputs; j++) {
        for (let i = 0; i < L.inputs; i++) {
          const a = columns[k].nodes[i];
          const b = columns[k + 1].nodes[j];
          links.push({ from: a, to: b, w: L.weights[j * L.inputs + i], index: L.offset + j * L.inputs + i,
            x1: a.x + NODE, y1: a.y + NODE / 2, x2: b.x, y2: b.y + NODE / 2 });
        }
      }
    });
    return { columns, links, width, height };
  }

  function draw() {
    const { columns, links, width, height } = model;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const wmax = Math.max(1e-12, ...links.map((k) => Math.abs(k.w)));
    for (const k of links) {
      const strength = Math.abs(k.w) / wmax;
      const rgb = k.w >= 0 ? [0, 114, 178] : [213, 94, 0];
      ctx.strokeStyle = `rgba(${rgb.join(',')},${0.25 + 0.75 * strength})`;
      ctx.lineWidth = 0.5 + 4 * strength;
      ctx.beginPath();
      ctx.moveTo(k.x1, k.y1);
      ctx.bezierCurveTo((k.x1 + k.x2) / 2, k.y1, (k.x1 + k.x2) / 2, k.y2, k.x2, k.y2);
      ctx.stroke();
    }
    const sctx = small.getContext('2d');
    const accent = getComputedStyle(canvas).getPropertyValue('--accent') || '#1a5fb4';
    columns.forEach((col, c) => col.nodes.forEach((node, i) => {
      sctx.putImageData(mapImage(THUMB, WHITE, 1, valueAt(node.values)), 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(small, node.x, node.y, NODE, NODE);
      const on = (chosen && chosen[0] === c && chosen[1] === i) || (editing && editing[0] === c && editing[1] === i);
      ctx.lineWidth = on ? 3 : 1;
      ctx.strokeStyle = on ? accent : 'rgba(128,128,128,0.8)';
      ctx.strokeRect(node.x - 0.5, node.y - 0.5, NODE + 1, NODE + 1);
    }));
  }

  // What is under the pointer: a node ({node, at: [column, row]}), else the nearest weight within 5 px.
  function hit(x, y) {
    for (const [c, col] of model.columns.entries()) {
      for (const [i, node] of col.nodes.entries()) {
        if (x >= node.x && x <= node.x + NODE && y >= node.y && y <= node.y + NODE) return { node, at: [c, i] };
      }
    }
    let best = null;
    for (const k of model.links) {
      // Distance to the curve, sampled.
      for (let s = 0; s <= 1; s += 0.05) {
        const u = 1 - s;
        const mx = (k.x1 + k.x2) / 2;
        const px = u * u * u * k.x1 + 3 * u * u * s * mx + 3 * u * s * s * mx + s * s * s * k.x2;
        const py = u * u * u * k.y1 + 3 * u * u * s * k.y1 + 3 * u * s * s * k.y2 + s * s * s * k.y2;
        const d = Math.hypot(px - x, py - y);
        if (d < 5 && (!best || d < best.d)) best = { link: k, d };
      }
    }
    return best;
  }

  const describeNode = (node) => (node.bias === null ? node.label : t('pg.net.nodeBias', { node: node.label, bias: t('pg.net.bias', { b: fmt(node.bias, 4) }) }));
  const describeLink = (k) => t('pg.net.weight', { w: fmt(k.w, 4), from: k.from.label, to: k.to.label });
  const nodeAt = (at) => model.columns[at[0]].nodes[at[1]];

  function describeChosen() {
    if (!model || !chosen) return;
    const node = nodeAt(chosen);
    const incoming = model.links.filter((k) => k.to === node).map((k) => `${k.from.label} ${fmt(k.w, 4)}`);
    detailText.textContent = incoming.length ? t('pg.net.describe', { node: describeNode(node),
      incoming: t('pg.net.incoming', { list: incoming.join(t('list.sep')) }) }) : describeNode(node);
    editButton.hidden = chosen[0] === 0; // inputs have no parameters
    editButton.textContent = t('pg.edit.open');
    editButton.setAttribute('aria-label', t('pg.edit.title', { node: node.label }));
  }

  // A node chosen by a tap, a click or the keys: outlined, described, shown large (null: none).
  function choose(at) {
    chosen = at;
    draw();
    if (at) describeChosen();
    else {
      detailText.textContent = '';
      editButton.hidden = true;
    }
    show(at);
  }

  function show(at) {
    const same = (a, b) => (a === null ? b === null : b !== null && a[0] === b[0] && a[1] === b[1]);
    if (same(at, shown)) return;
    shown = at;
    onShow(at && model ? { column: at[0], index: at[1], label: nodeAt(at).label } : null);
  }

  // ---- editing a neuron's bias and incoming weights ----

  function openEditor(at, focusIndex = null, focus = true) {
    if (at[0] === 0) return; // inputs have no parameters
    editing = at;
    const node = nodeAt(at);
    const fields = [{ label: t('pg.edit.bias'), index: node.biasIndex, value: node.bias },
      ...model.links.filter((k) => k.to === node).map((k) => ({ label: t('pg.edit.from', { from: k.from.label }), index: k.index, value: k.w }))];
    const error = h('p', { class: 'error', role: 'alert' });
    // Values to 6 significant digits (a student reads them); only a value the reader changes is sent.
    const inputs = fields.map((f) => {
      const id = uid('w');
      const shownValue = String(Number(f.value.toPrecision(6)));
      const input = h('input', { type: 'number', step: 'any', id, class: 'num', value: shownValue, dataset: { param: String(f.index) } });
      return { f, input, shownValue, row: h('div', { class: 'pg-field' }, h('label', { for: id, text: f.label }), input) };
    });
    const status = h('p', { class: 'note small', role: 'status' });
    const title = uid('edit');
    editor.setAttribute('aria-labelledby', title);
    editor.replaceChildren(h('h4', { id: title, text: t('pg.edit.title', { node: node.label }) }),
      h('p', { class: 'note small', text: t('pg.edit.how') }), ...inputs.map((x) => x.row), error, status,
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'btn primary', dataset: { action: 'apply-edit' }, text: t('pg.edit.apply') }),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'close-edit' }, text: t('pg.edit.close'), onclick: () => closeEditor() })));
    editor.onsubmit = (e) => {
      e.preventDefault();
      const changes = [];
      for (const { f, input, shownValue } of inputs) {
        const v = input.value.trim() === '' ? NaN : Number(input.value);
        input.setAttribute('aria-invalid', String(!Number.isFinite(v)));
        if (!Number.isFinite(v)) {
          error.textContent = t('pg.edit.bad', { what: f.label });
          status.textContent = '';
          input.focus();
          return;
        }
        if (input.value !== shownValue) changes.push({ index: f.index, value: v });
      }
      error.textContent = '';
      if (changes.length) onEdit(changes);
      status.textContent = t(changes.length ? 'pg.edit.applied' : 'pg.edit.unchanged', { count: changes.length });
    };
    editor.hidden = false;
    if (focus) {
      const first = inputs.find((x) => x.f.index === focusIndex) ?? inputs[0];
      first.input.focus();
      first.input.select?.();
    }
    draw();
  }

  function closeEditor(refocus = true) {
    const back = editing;
    editing = null;
    editor.hidden = true;
    editor.replaceChildren();
    if (model) draw();
    if (back && refocus) {
      chosen = back;
      canvas.focus();
    }
  }

  // ---- pointer and keyboard ----

  canvas.addEventListener('mousemove', (e) => {
    if (!model) return;
    const box = canvas.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const found = hit(x, y);
    tip.hidden = !found;
    show(found?.at ?? chosen);
    if (!found) return;
    tip.textContent = found.node ? describeNode(found.node) : describeLink(found.link);
    tip.style.left = `${Math.min(x + 12, model.width - 180)}px`;
    tip.style.top = `${y + 14}px`;
  });
  canvas.addEventListener('mouseleave', () => {
    tip.hidden = true;
    show(chosen);
  });
  // A click or a tap chooses a node (a tap has no hover: this is how touch shows it large);
  // on a weight, it opens the form at that weight.
  canvas.addEventListener('click', (e) => {
    pointing = false;
    if (!model) return;
    tip.hidden = true;
    const box = canvas.getBoundingClientRect();
    const found = hit(e.clientX - box.left, e.clientY - box.top);
    if (!found) {
      choose(null); // an empty spot: the output again
    } else if (found.node) {
      choose(found.at);
    } else {
      const target = found.link.to;
      const c = model.columns.findIndex((col) => col.nodes.includes(target));
      const at = [c, model.columns[c].nodes.indexOf(target)];
      choose(at);
      openEditor(at, found.link.index);
    }
  });
  // Focus from the keyboard chooses the first input; focus from a click or a tap
  // leaves the choice to the click (the pointer goes down before the focus).
  let pointing = false;
  canvas.addEventListener('pointerdown', () => { pointing = true; });
  canvas.addEventListener('focus', () => {
    if (model && !pointing && !chosen) choose([0, 0]);
    pointing = false;
  });
  canvas.addEventListener('keydown', (e) => {
    if (!model || !chosen) return;
    const cols = model.columns;
    let [c, i] = chosen;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openEditor(chosen);
      return;
    }
    if (e.key === 'Escape') {
      choose(null);
      return;
    }
    if (e.key === 'ArrowRight') c = Math.min(c + 1, cols.length - 1);
    else if (e.key === 'ArrowLeft') c = Math.max(c - 1, 0);
    else if (e.key === 'ArrowDown') i += 1;
    else if (e.key === 'ArrowUp') i -= 1;
    else return;
    e.preventDefault();
    choose([c, Math.max(0, Math.min(i, cols[c].nodes.length - 1))]);
  });
  editor.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      closeEditor();
    }
  });

  function renderTable(net, stats) {
    const cfg = net.config;
    const names = [...cfg.activation.map((a) => a.name), cfg.output];
    const pct = (v) => (v === null ? '—' : `${fmt(v * 100, 3)} %`);
    table.replaceChildren(
      h('caption', { text: t('pg.stats.caption') }),
      h('thead', {}, h('tr', {}, ...['pg.stats.layer', 'pg.stats.act', 'pg.stats.dead', 'pg.stats.saturated']
        .map((k) => h('th', { scope: 'col', text: t(k) })))),
      h('tbody', {}, ...stats.map((s, l) => h('tr', { dataset: { layer: String(l + 1) } },
        h('th', { scope: 'row', text: l === stats.length - 1 ? t('pg.stats.output') : String(l + 1) }),
        h('td', { text: names[l] }),
        h('td', { dataset: { dead: String(s.dead ?? '') }, text: pct(s.dead) }),
        h('td', { text: pct(s.saturated) })))),
    );
  }

  return {
    element,
    /** Redraws for the network; stats from net.layerStats(training inputs). */
    update(net, stats, translate2) {
      if (translate2) t = translate2;
      if (!net) return;
      model = layout(net);
      const fits = (at) => at && at[0] < model.columns.length && at[1] < model.columns[at[0]].nodes.length;
      if (chosen && !fits(chosen)) chosen = null;
      if (editing && !fits(editing)) closeEditor(false);
      // The form follows the network (after a step or an edit), unless the reader is typing in it.
      else if (editing && !editor.contains(document.activeElement)) openEditor(editing, null, false);
      if (shown && !fits(shown)) show(null);
      draw();
      if (chosen) describeChosen();
      else {
        detailText.textContent = '';
        editButton.hidden = true;
      }
      canvas.setAttribute('aria-label', t('pg.net.label', { layers: net.config.layers.join(' → ') }));
      if (stats) renderTable(net, stats);
    },
    /** A new network: the form closes and nothing stays chosen or shown (its nodes are gone). */
    forget() {
      if (editing) closeEditor(false);
      model = null;
      chosen = null;
      detailText.textContent = '';
      editButton.hidden = true;
      show(null);
    },
    /** The preview canvas (the playground paints what its map shows) and its caption. */
    preview,
    setPreviewCaption(text) {
      previewCaption.textContent = text;
      preview.setAttribute('aria-label', text);
    },
  };
}
