// The playground's picture of the network: every input and neuron as a
// thumbnail of its output over the plotted square, joined by its weights
// (blue positive, orange negative, thicker for larger), with the values on
// hover and, from the keyboard, for the chosen neuron. Below it, a table
// of each layer's dead and saturated units (layerStats).
//
// One canvas draws it all: a DOM node per weight would be up to ~500
// elements rebuilt every few frames.
import { h, fmt } from './dom.js';
import { FEATURE_VALUE } from './pgdata.js';

const THUMB = 20; // thumbnail resolution (grid points per side)
const NODE = 34; // thumbnail size on screen, CSS px
const PITCH = 44; // vertical distance between nodes
const PAD = 8;
const RANGE = 6;

const POS = [0, 114, 178]; // blue (#0072B2): positive
const NEG = [213, 94, 0]; // orange (#D55E00): negative

/**
 * @param {{t: Function}} deps translator (replaced on each update)
 * @returns {{element: HTMLElement, update(net, stats?, t?): void}}
 */
export function createNetworkView({ t: translate }) {
  let t = translate;
  const canvas = h('canvas', { class: 'pg-net', tabindex: '0', role: 'application' });
  const tip = h('div', { class: 'pg-tip', 'aria-hidden': 'true', hidden: true });
  const detail = h('p', { class: 'note small pg-net-detail', role: 'status' });
  const table = h('table', { class: 'pg-layer-stats' });
  const element = h('div', { class: 'pg-netview' }, h('div', { class: 'pg-net-box' }, canvas, tip), detail, table);
  const small = h('canvas', { width: THUMB, height: THUMB });

  let model = null; // {columns: [{name, nodes: [{x, y, values, label}]}], links: [{from, to, w, x1, y1, x2, y2}]}
  let chosen = null; // [column, row] from the keyboard

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
    const columns = [];
    // Inputs: the features, computed over the same grid.
    columns.push({ nodes: cfg.features.map((f, i) => {
      const values = new Float64Array(points);
      for (let p = 0; p < points; p++) {
        const x1 = -RANGE + ((p % THUMB) * 2 * RANGE) / (THUMB - 1);
        const x2 = RANGE - (Math.floor(p / THUMB) * 2 * RANGE) / (THUMB - 1);
        values[p] = FEATURE_VALUE[f](x1, x2);
      }
      return { x: colX(0), y: colY(0, i), values, label: t(`pg.feat.${f}`), bias: null };
    }) });
    const params = net.layers();
    let offset = 0;
    for (let l = 1; l < sizes.length; l++) {
      const last = l === sizes.length - 1;
      const act = last ? cfg.output : cfg.activation[l - 1].name;
      columns.push({ act, nodes: Array.from({ length: sizes[l] }, (_, j) => ({
        x: colX(l), y: colY(l, j), values: g.neurons.subarray((offset + j) * points, (offset + j + 1) * points),
        label: last ? t('pg.net.output', { j: j + 1, act }) : t('pg.net.neuron', { l, j: j + 1, act }),
        bias: params[l - 1].biases[j],
      })) });
      offset += sizes[l];
    }
    const links = [];
    params.forEach((L, k) => {
      for (let j = 0; j < L.outputs; j++) {
        for (let i = 0; i < L.inputs; i++) {
          const a = columns[k].nodes[i];
          const b = columns[k + 1].nodes[j];
          links.push({ from: a, to: b, w: L.weights[j * L.inputs + i], x1: a.x + NODE, y1: a.y + NODE / 2, x2: b.x, y2: b.y + NODE / 2 });
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
      ctx.strokeStyle = `rgba(${(k.w >= 0 ? POS : NEG).join(',')},${0.25 + 0.75 * strength})`;
      ctx.lineWidth = 0.5 + 4 * strength;
      ctx.beginPath();
      ctx.moveTo(k.x1, k.y1);
      ctx.bezierCurveTo((k.x1 + k.x2) / 2, k.y1, (k.x1 + k.x2) / 2, k.y2, k.x2, k.y2);
      ctx.stroke();
    }
    const sctx = small.getContext('2d');
    const image = sctx.createImageData(THUMB, THUMB);
    columns.forEach((col, c) => col.nodes.forEach((node, i) => {
      let top = 1e-12;
      for (const v of node.values) if (Number.isFinite(v)) top = Math.max(top, Math.abs(v));
      for (let p = 0; p < node.values.length; p++) {
        const v = Number.isFinite(node.values[p]) ? node.values[p] / top : 0;
        const rgb = v >= 0 ? POS : NEG;
        const a = Math.abs(v);
        image.data.set([255 + (rgb[0] - 255) * a, 255 + (rgb[1] - 255) * a, 255 + (rgb[2] - 255) * a, 255], p * 4);
      }
      sctx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(small, node.x, node.y, NODE, NODE);
      const on = chosen && chosen[0] === c && chosen[1] === i;
      ctx.lineWidth = on ? 3 : 1;
      ctx.strokeStyle = on ? getComputedStyle(canvas).getPropertyValue('--accent') || '#1a5fb4' : 'rgba(128,128,128,0.8)';
      ctx.strokeRect(node.x - 0.5, node.y - 0.5, NODE + 1, NODE + 1);
    }));
  }

  // What is under the pointer: a node, else the nearest weight within 5 px.
  function hit(x, y) {
    for (const col of model.columns) {
      for (const node of col.nodes) if (x >= node.x && x <= node.x + NODE && y >= node.y && y <= node.y + NODE) return { node };
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

  const describeNode = (node) => (node.bias === null ? node.label : `${node.label}: ${t('pg.net.bias', { b: fmt(node.bias, 4) })}`);
  const describeLink = (k) => t('pg.net.weight', { w: fmt(k.w, 4), from: k.from.label, to: k.to.label });

  function describeChosen() {
    if (!model || !chosen) return;
    const node = model.columns[chosen[0]].nodes[chosen[1]];
    const incoming = model.links.filter((k) => k.to === node).map((k) => `${k.from.label} ${fmt(k.w, 4)}`);
    detail.textContent = incoming.length ? `${describeNode(node)}; ${t('pg.net.incoming', { list: incoming.join(t('list.sep')) })}` : describeNode(node);
  }

  canvas.addEventListener('mousemove', (e) => {
    if (!model) return;
    const box = canvas.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const found = hit(x, y);
    tip.hidden = !found;
    if (!found) return;
    tip.textContent = found.node ? describeNode(found.node) : describeLink(found.link);
    tip.style.left = `${Math.min(x + 12, model.width - 180)}px`;
    tip.style.top = `${y + 14}px`;
  });
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });
  canvas.addEventListener('focus', () => {
    chosen ??= [0, 0];
    if (model) {
      draw();
      describeChosen();
    }
  });
  canvas.addEventListener('keydown', (e) => {
    if (!model || !chosen) return;
    const cols = model.columns;
    let [c, i] = chosen;
    if (e.key === 'ArrowRight') c = Math.min(c + 1, cols.length - 1);
    else if (e.key === 'ArrowLeft') c = Math.max(c - 1, 0);
    else if (e.key === 'ArrowDown') i += 1;
    else if (e.key === 'ArrowUp') i -= 1;
    else return;
    e.preventDefault();
    chosen = [c, Math.max(0, Math.min(i, cols[c].nodes.length - 1))];
    draw();
    describeChosen();
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
      if (chosen && (chosen[0] >= model.columns.length || chosen[1] >= model.columns[chosen[0]].nodes.length)) chosen = [0, 0];
      draw();
      if (document.activeElement === canvas) describeChosen();
      canvas.setAttribute('aria-label', t('pg.net.label', { layers: net.config.layers.join(' → ') }));
      if (stats) renderTable(net, stats);
    },
  };
}
