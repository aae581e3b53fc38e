// A saved playground network (network.toJSON() plus where its data came
// from) read back into the playground's settings. No DOM here. (The network
// as PyTorch, Keras or TF.js code is the API's network.exportCode.)

import { FIELDS, makeContext, compactActs } from './state.js';

/**
 * Reads a saved playground network (network.toJSON() plus a `playground`
 * part saying where its data came from) into what the page needs: the state
 * fields that describe it, and where its data comes from. Each value must be
 * one the URL itself would accept (the state's own parsers decide): anything
 * the playground cannot show is refused with a message key and its values;
 * data settings it cannot show are ignored.
 * @param {object} json the parsed file
 * @param {{activations: object[], datasets: object[]}} lab the catalog and datasets
 * @param {{maxLayers: number, maxNeurons: number}} limits for the size message
 * @returns {{patch?: object, source?: {ds?: string, points?: string}, error?: {key: string, vars: object}}}
 */
export function readSavedNetwork(json, lab, limits) {
  const c = json?.config;
  if (!c || typeof c !== 'object' || !Array.isArray(c.layers) || !Array.isArray(c.activation)) {
    return { error: { key: 'pg.export.bad', vars: { detail: 'not an ActLab network (no config with layers and activation)' } } };
  }
  if (!Array.isArray(c.features)) return { error: { key: 'pg.export.raw', vars: {} } };
  const ctx = makeContext(lab, []);
  const accepts = (field, v) => v !== undefined && v !== null && FIELDS[field].parse(FIELDS[field].write(v), ctx) !== undefined;
  const hidden = c.layers.slice(1, -1);
  if (!accepts('hidden', hidden)) {
    return { error: { key: 'pg.export.size', vars: { layers: hidden.join(', '), layers_max: limits.maxLayers, neurons_max: limits.maxNeurons } } };
  }
  for (const a of c.activation) {
    const entry = ctx.catalog.get(a?.name);
    if (!entry) return { error: { key: 'pg.export.bad', vars: { detail: `unknown activation ${JSON.stringify(a?.name).slice(0, 40)}` } } };
    if (entry.params.some((p) => a.params?.[p.name] !== undefined && a.params[p.name] !== p.default)) {
      return { error: { key: 'pg.export.params', vars: { act: a.name } } };
    }
  }
  const names = c.activation.map((a) => a.name);
  const settings = { feat: ['features', c.features], lr: ['learningRate', c.learningRate], bs: ['batchSize', c.batchSize],
    opt: ['optimizer', c.optimizer], init: ['init', c.init], l1: ['l1', c.l1], l2: ['l2', c.l2] };
  const patch = { hidden, act: names.length ? compactActs(names) : [...FIELDS.act.default] };
  for (const [field, [key, v]] of Object.entries(settings)) {
    if (!accepts(field, v)) return { error: { key: 'pg.export.bad', vars: { detail: `${key} ${String(v).slice(0, 20)} is outside the playground's range` } } };
    patch[field] = Array.isArray(v) ? [...v] : v;
  }
  if (!accepts('seed', c.seed)) {
    return { error: { key: 'pg.export.bad', vars: { detail: `seed ${String(c.seed).slice(0, 24)} is outside the playground's range` } } };
  }
  patch.seed = c.seed;
  const p = json.playground ?? {};
  const source = {};
  if (typeof p.points === 'string') source.points = p.points;
  else if (accepts('ds', p.ds)) {
    source.ds = p.ds;
    patch.ds = p.ds;
    for (const field of ['noise', 'n', 'test', 'dseed']) if (typeof p[field] === 'number' && accepts(field, p[field])) patch[field] = p[field];
  }
  return { patch, source };
}
