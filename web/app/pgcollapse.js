// Linear collapse: when every hidden activation is the identity, the whole
// network computes one affine map z = A·features + c (lab's collapse()).
// This view writes that map out, checks it against the network on the
// training points, and draws the decision map of the one-layer network
// from A and c alone: it is the network's map, with a straight boundary
// when the inputs are x1 and x2.
import { h, fmt } from './dom.js';
import { gridPoints, mapImage } from './pgmap.js';

const RES = 96;
const POINTS = gridPoints(RES);

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

  // The decision map of the one-layer network z = A·features + c, from A and
  // c alone (the features as the engine computes them over the square): the
  // class, or the sign, only; the boundary is where it changes.
  function drawMap(result, net, info) {
    const feats = net.features(POINTS);
    const n = result.inputs;
    const k = result.outputs;
    const z = new Float64Array(k);
    const at = (p, out) => {
      for (let j = 0; j < k; j++) {
        let s = result.bias[j];
        for (let i = 0; i < n; i++) s += result.matrix[j * n + i] * feats[p * n + i];
        z[j] = s;
      }
      let cls = 0;
      if (info.task === 'multiclass') for (let j = 1; j < k; j++) if (z[j] > z[cls]) cls = j;
      if (info.task !== 'multiclass') cls = z[0] >= 0 ? 1 : 0; // logit 0 is probability ½; for regression, the sign
      out[0] = cls;
      out[1] = 1;
    };
    canvas.getContext('2d').putImageData(mapImage(RES, [255, 255, 255], 1, at), 0, 0);
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
     * @param net the network; info {task};
     * previous: the activations to put back, if the reader made the network linear here
     */
    update(net, trainInputs, info, previous, translate2) {
      if (translate2) t = translate2;
      canvas.setAttribute('aria-label', t('pg.collapse.map'));
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
      drawMap(result, net, info);
      button.hidden = !previous;
      button.textContent = t('pg.collapse.restore', { acts: (previous ?? []).join(t('list.sep')) });
      button.onclick = onRestore;
    },
  };
}
