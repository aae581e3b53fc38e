// network.exportCode('tfjs') imported as an ES module with @tensorflow/tfjs
// from npm: for every case of export-cases.mjs, its predict (given rows or a
// tf.Tensor2D) equals net.predict to float32 rounding, and where TF.js's
// optimiser starts where ActLab's stands (plain SGD, or a network not yet
// trained) two epochs of model.fit equal two ActLab epochs. The modules are
// written under test-artifacts/ so that they resolve @tensorflow/tfjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadActLab } from '../web/lib/actlab.js';
import { ROOT } from './helpers.mjs';
import { exportSpecs, exportCase } from './export-cases.mjs';

// Relative to max(1, |value|): float32 keeps 7 digits; three layers and
// inputs up to 300 lose about one of them.
const PREDICT_TOLERANCE = 2e-5;
const TRAIN_TOLERANCE = 2e-5;
const DIR = `${ROOT}/test-artifacts/tfjs-export`;
let lab;

beforeAll(async () => {
  lab = await loadActLab();
  mkdirSync(DIR, { recursive: true });
  await tf.setBackend('cpu');
});

const worst = (got, want) => Math.max(0, ...want.map((w, i) => (Number.isFinite(w) || Number.isFinite(got[i])
  ? Math.abs(got[i] - w) / Math.max(1, Math.abs(w)) : 0)));

async function load(c, index) {
  const file = `${DIR}/case-${index}.mjs`;
  writeFileSync(file, c.code);
  return import(`${pathToFileURL(file).href}?v=${Date.now()}`);
}

// ActLab's parameters in the order of model.getWeights(): kernels (inputs, outputs), biases.
const kerasOrder = (layers) => layers.flatMap((L) => [
  ...Array.from({ length: L.inputs * L.outputs }, (_, r) => L.weights[(r % L.outputs) * L.inputs + Math.floor(r / L.outputs)]),
  ...L.biases]);

test('the exported TF.js module predicts what ActLab predicts, to float32 rounding', async () => {
  const specs = exportSpecs(lab);
  const errors = [];
  const fitted = [];
  for (const [index, spec] of specs.entries()) {
    const c = exportCase(lab, spec, 'tfjs');
    const m = await load(c, index);
    const input = index % 2 ? tf.tensor2d(c.probe) : c.probe;
    const out = m.predict(input);
    expect(out.shape).toEqual([c.probe.length, c.k]);
    // sin of a pre-activation near 1e4 (the far probe points) has no digit
    // left in float32: sin compares on the ordinary points only.
    const rows = spec.acts.some((a) => (a.name ?? a) === 'sin') ? 5 : c.probe.length;
    errors.push({ name: c.name, predict: worst(Array.from(out.dataSync()).slice(0, rows * c.k), c.predict.slice(0, rows * c.k)) });
    out.dispose();
    if (spec.optimizer === 'sgd' || spec.epochs === 0) {
      const x = m.features(c.x);
      const y = c.output === 'softmax' ? tf.oneHot(tf.tensor1d(c.y, 'int32'), c.k) : tf.tensor2d(c.y);
      await m.model.fit(x, y, { batchSize: c.x.length, epochs: c.steps, shuffle: false, verbose: 0 });
      const got = m.model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      const want = kerasOrder(c.after);
      const moved = worst(kerasOrder(c.before), want);
      fitted.push({ name: c.name, train: worst(got, want), moved });
      tf.dispose([x, y]);
    }
    m.model.dispose();
  }
  expect(errors.filter((e) => !(e.predict <= PREDICT_TOLERANCE))).toEqual([]);
  expect(fitted.length).toBeGreaterThan(12);
  expect(fitted.filter((e) => !(e.train <= TRAIN_TOLERANCE))).toEqual([]);
  // Training moved the weights by far more than the tolerance: the comparison means something.
  expect(fitted.filter((e) => e.moved < 100 * TRAIN_TOLERANCE).map((e) => e.name)).toEqual([]);
}, 120000);
