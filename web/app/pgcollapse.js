// Linear collapse: when every hidden activation is the identity, the whole
// network computes one affine map z = A·features + c (lab's collapse()).
// This view writes that map out, checks it against the network on the
// training points, and draws the decision map of the one-layer network
// from A and c alone: it is the network's map, with a straight boundary
// when the inputs are x1 and x2.
import { h, fmt } from './dom.js';
import { FEATURE_VALUE } from './pgdata.js';

const RES = 96;
const RANGE = 6;

/**
 * @param {{t: Function, onLinear: Function, onRestore: Function}} deps
 *   onLinear(): set every hidden activation to identity; onRestore(): put the previous ones back
 */
export function createCollapseView({ t: translate, onLinear, onRestore }) {
  let t = translate;
  const text = h('div', { class: 'pg-collapse-text' });
  const canvas = h('canvas', { class: 'pg-collapse-map', width: RES, height: RES, role: 'img', hidden: true, 'aria-label': t('pg.collapse.map') });
  const button = h('button', { type: 'button', class: 'btn', dataset: { action: 'linear' }, text: t('pg.collapse.make') });
  button.onclick = onLinear; // replaced by onRestore while the reader's own change is shown
  const element = h('div', { class: 'pg-collapse' }, h('h3', { 'data-i18n': 'pg.collapse' }),
    h('div', { class: 'pg-collapse-body' }, h('div', {}, text, h('div', { class: 'row' }, button)), canvas));

  function drawMap(result, features, info, colourOf) {
    const ctx = canvas.getContext('2d');
    const image = ctx.createImageData(RES, RES);
    const k = result.outputs;
    const f = new Float64Array(features.length);
    const z = new Float64Array(k);
    for (let p = 0; p < RES * RES; p++) {
      const x1 = -RANGE + ((p % RES) + 0.5) * (2 * RANGE / RES);
      const x2 = RANGE - (Math.floor(p / RES) + 0.5) * (2 * RANGE / RES);
      features.forEach((name, i) => { f[i] = FEATURE_VALUE[name](x1, x2); });
      for (let j = 0; j < k; j++) {
        let s = result.bias[j];
        for (let i = 0; i < f.length; i++) s += result.matrix[j * f.length + i] * f[i];
        z[j] = s;
      }
      // The class (or sign) only: the boundary is where it changes.
      let cls;
      if (info.task === 'multiclass') {
        cls = 0;
        for (let j = 1; j < k; j++) if (z[j] > z[cls]) cls = j;
      } else {
        cls = z[0] >= 0 ? 1 : 0; // logit 0 is probability ½; for regression, the sign
      }
      image.data.set([...colourOf(cls), 255], p * 4);
    }
    ctx.putImageData(image, 0, 0);
  }

  function formula(result, features) {
    const n = result.inputs;
    const rows = [];
    for (let j = 0; j < result.outputs; j++) {
      const terms = features.map((name, i) => `${fmt(result.matrix[j * n + i], 4)}·${t(`pg.feat.${name}`)}`);
      const lhs = result.outputs === 1 ? 'z' : `z${String.fromCharCode(0x2081 + j)}`;
      rows.push(`${lhs} = ${[...terms, fmt(result.bias[j], 4)].join(' + ').replace(/\+ −/g, '− ')}`);
    }
    return rows;
  }

  return {
    element,
    /**
     * @param net the network; info {task}; colourOf(class) -> [r, g, b];
     * previous: the activations to put back, if the reader made the network linear here
     */
    update(net, trainInputs, info, colourOf, previous, translate2) {
      if (translate2) t = translate2;
      const acts = net.config.activation.map((a) => a.name);
      const linear = acts.length > 0 && acts.every((a) => a === 'identity');
      if (!linear) {
        text.replaceChildren(h('p', { class: 'note small', text: acts.length ? t('pg.collapse.off') : t('pg.collapse.none') }));
        canvas.hidden = true;
        button.hidden = !acts.length;
        button.textContent = t('pg.collapse.make');
        button.onclick = onLinear;
        return;
      }
      const result = net.collapse(trainInputs);
      const features = net.config.features;
      const straight = features.every((f) => f === 'x1' || f === 'x2');
      text.replaceChildren(
        h('p', { text: t('pg.collapse.on', { layers: acts.length }) }),
        h('pre', { class: 'code pg-collapse-formula', text: formula(result, features).join('\n') }),
        h('p', { class: 'note small', dataset: { maxDifference: String(result.maxDifference) },
          text: t('pg.collapse.check', { diff: fmt(result.maxDifference, 2), rows: trainInputs.length / 2 }) }),
        h('p', { class: 'note small', text: t(straight ? 'pg.collapse.straight' : 'pg.collapse.curved') }));
      canvas.hidden = false;
      canvas.setAttribute('aria-label', t('pg.collapse.map'));
      drawMap(result, features, info, colourOf);
      button.hidden = !previous;
      button.textContent = t('pg.collapse.restore', { acts: (previous ?? []).join(t('list.sep')) });
      button.onclick = onRestore;
    },
  };
}
