// network.exportCode('tfjs') imported as an ES module with @tensorflow/tfjs
// from npm: for every case of export-cases.mjs, its predict (given rows or a
// tf.Tensor2D) equals net.predict to float32 rounding, and two epochs of
// model.fit, from ActLab's optimiser state, equal two ActLab epochs. A model
// saved by one export loads with another's module loaded last. The modules
// are written under test-artifacts/ so that they resolve @tensorflow/tfjs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadActLab } from '../web/lib/actlab.js';
import { ROOT } from './helpers.mjs';
import { exportSpecs, exportCase, largestError, kerasOrder } from './export-cases.mjs';

// Relative to max(1, |value|): float32 keeps 7 digits; three layers and
// inputs up to 300 lose about one of them.
const PREDICT_TOLERANCE = 2e-5;
const TRAIN_TOLERANCE = 2e-5;
let lab;
let dir;

beforeAll(async () => {
  lab = await loadActLab();
  mkdirSync(`${ROOT}/test-artifacts`, { recursive: true });
  dir = mkdtempSync(`${ROOT}/test-artifacts/tfjs-export-`);
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function load(code, name) {
  const file = `${dir}/${name}.mjs`;
  writeFileSync(file, code);
  return import(pathToFileURL(file).href);
}

test('the exported TF.js module predicts what ActLab predicts, to float32 rounding', async () => {
  const specs = exportSpecs(lab);
  const errors = [];
  const fitted = [];
  for (const [index, spec] of specs.entries()) {
    const c = exportCase(lab, spec, 'tfjs');
    const m = await load(c.code, `case-${index}`);
    const input = index % 2 ? tf.tensor2d(c.probe) : c.probe;
    const out = m.predict(input);
    expect(out.shape).toEqual([c.probe.length, c.k]);
    // sin of a pre-activation near 1e4 (the far probe points) has no digit
    // left in float32: sin compares on the ordinary points only.
    const rows = spec.acts.some((a) => (a.name ?? a) === 'sin') ? 5 : c.probe.length;
    errors.push({ name: c.name, predict: largestError(Array.from(out.dataSync()).slice(0, rows * c.k), c.predict.slice(0, rows * c.k)) });
    out.dispose();
    {
      const x = m.features(c.x);
      const y = c.output === 'softmax' ? tf.oneHot(tf.tensor1d(c.y, 'int32'), c.k) : tf.tensor2d(c.y);
      await m.model.fit(x, y, { batchSize: c.x.length, epochs: c.steps, shuffle: false, verbose: 0 });
      const got = m.model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      const want = kerasOrder(c.after);
      const moved = largestError(kerasOrder(c.before), want);
      fitted.push({ name: c.name, train: largestError(got, want), moved });
      tf.dispose([x, y]);
    }
    m.model.dispose();
  }
  expect(errors.filter((e) => !(e.predict <= PREDICT_TOLERANCE))).toEqual([]);
  expect(fitted.length).toBe(specs.length);
  expect(fitted.filter((e) => !(e.train <= TRAIN_TOLERANCE))).toEqual([]);
  // Training moved the weights by far more than the tolerance: the comparison means something.
  expect(fitted.filter((e) => e.moved < 100 * TRAIN_TOLERANCE).map((e) => e.name)).toEqual([]);
}, 120000);

test('a saved model loads back, whichever export registered ActLabActivation last; predict and features free their tensors', async () => {
  const make = (acts) => {
    const net = lab.createNetwork({ layers: [2, 3, 3, 1], activation: acts, features: ['x1', 'x2'], seed: 4 });
    const code = net.exportCode('tfjs');
    const points = [[0.5, -1], [2, 0.25], [-1.5, 1]];
    const want = Array.from(net.predict(points));
    net.dispose();
    return { code, points, want };
  };
  const a = make([{ name: 'squareplus', params: { b: 2 } }, { name: 'celu', params: { alpha: 0.5 } }]);
  const b = make(['gelu', { name: 'soft_shrink', params: { lambda: 0.2 } }]);
  const ma = await load(a.code, 'saved-a');
  await load(b.code, 'saved-b'); // registers its own ActLabActivation after a's
  let artifacts;
  await ma.model.save(tf.io.withSaveHandler(async (saved) => {
    artifacts = saved;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const reloaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  const got = tf.tidy(() => tf.sigmoid(reloaded.predict(ma.features(a.points))).dataSync());
  expect(largestError(Array.from(got), a.want)).toBeLessThan(PREDICT_TOLERANCE);
  // No tensor left behind by predict or features, with rows or with a tensor.
  const input = tf.tensor2d(a.points);
  const before = tf.memory().numTensors;
  ma.predict(a.points).dispose();
  ma.predict(input).dispose();
  ma.features([0.5, -1, 2, 0.25]).dispose(); // a flat array of rows
  expect(tf.memory().numTensors).toBe(before);
  input.dispose();
  reloaded.dispose();
});
