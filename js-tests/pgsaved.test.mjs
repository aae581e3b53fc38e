// A saved playground network read back into the playground's settings
// (web/app/pgsaved.js); what the playground cannot show is refused with a
// message. (The exported code is tested by running it: export-*.test.mjs.)
import { loadActLab } from '../web/lib/actlab.js';
import { readSavedNetwork } from '../web/app/pgsaved.js';
import { LIMITS } from '../web/app/state.js';

let lab;
beforeAll(async () => {
  lab = await loadActLab();
});

test('a saved network reads back into settings; what the playground cannot show is refused', () => {
  const net = lab.createNetwork({ layers: [2, 4, 3], activation: 'relu', output: 'softmax', features: ['x1_sq', 'x2'], learningRate: 0.1,
    batchSize: 20, optimizer: 'momentum', l2: 0.003, seed: 9 });
  const json = { ...net.toJSON(), playground: { ds: 'blobs', noise: 0.2, n: 300, test: 0.3, dseed: 4 } };
  expect(readSavedNetwork(json, lab, LIMITS)).toEqual({
    patch: { feat: ['x2', 'x1_sq'], hidden: [4], act: ['relu'], lr: 0.1, bs: 20,
      opt: 'momentum', init: 'he_normal', l1: 0, l2: 0.003, seed: 9, ds: 'blobs', noise: 0.2, n: 300, test: 0.3, dseed: 4 },
    source: { ds: 'blobs' },
  });
  const bad = (change) => readSavedNetwork({ ...json, config: { ...json.config, ...change } }, lab, LIMITS).error;
  expect(bad({ activation: [{ name: 'leaky_relu', params: { alpha: 0.2 } }] })).toEqual({ key: 'pg.export.params', vars: { act: 'leaky_relu' } });
  expect(bad({ layers: [2, 9, 3] }).key).toBe('pg.export.size');
  expect(bad({ layers: [2, 1, 1, 1, 1, 1, 1, 1, 3], activation: Array(7).fill({ name: 'relu', params: {} }) }).key).toBe('pg.export.size');
  expect(bad({ features: null }).key).toBe('pg.export.raw');
  expect(bad({ batchSize: 512 }).vars.detail).toContain('batchSize 512');
  // A seed the URL cannot hold would leave the page describing another network: refused, not dropped.
  expect(bad({ seed: String(2n ** 60n) }).vars.detail).toContain('seed 1152921504606846976');
  expect(bad({ activation: [{ name: 'eval', params: {} }] }).vars.detail).toContain('unknown activation "eval"');
  expect(readSavedNetwork({ format: 'x' }, lab, LIMITS).error.key).toBe('pg.export.bad');
  // Unknown data in the playground part is ignored, not trusted.
  expect(readSavedNetwork({ ...json, playground: { ds: 'mnist', n: -1 } }, lab, LIMITS).source).toEqual({});
  // Data settings the URL would not accept (too few points, a test share of 95 %) are ignored too.
  const odd = readSavedNetwork({ ...json, playground: { ds: 'blobs', n: 5, test: 0.95, noise: 0.5 } }, lab, LIMITS).patch;
  expect([odd.ds, odd.n, odd.test, odd.noise]).toEqual(['blobs', undefined, undefined, 0.5]);
  expect(bad({ l2: 1.5 }).vars.detail).toContain('l2 1.5');
  expect(bad({ features: ['x1', 'x9'] }).vars.detail).toContain('features x1,x9');
  net.dispose();
});
