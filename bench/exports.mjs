// How far each framework's export of a trained network is from ActLab: the
// largest difference, over every case of js-tests/export-cases.mjs (every
// head, optimiser, activation, features and raw inputs), of predictions, of
// the loss, and of the parameters after further training (2 and 50 epochs of
// one batch), each export carrying on from ActLab's optimiser state.
// PyTorch runs in /usr/bin/python3 (python3-torch); TF.js from npm in this
// process. Keras does not run here. Run: node bench/exports.mjs
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadActLab } from '../web/lib/actlab.js';
import { exportSpecs, exportCase, runPython, largestError, kerasOrder } from '../js-tests/export-cases.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const lab = await loadActLab();
const specs = exportSpecs(lab);
const row = (what, value, where) => console.log(`${what.padEnd(44)} ${value.toExponential(2).padStart(9)}  (${where})`);
const largest = (list, key) => list.reduce((a, b) => (b[key] > a[key] ? b : a));

// ---- PyTorch ----
for (const steps of [2, 50]) {
  const cases = specs.map((spec) => exportCase(lab, spec, 'pytorch', steps));
  const out = runPython('export_torch_check.py', cases);
  const ok = out.results.filter((r) => !r.error);
  if (ok.length !== cases.length) console.log('failed:', out.results.filter((r) => r.error));
  if (steps === 2) {
    console.log(`PyTorch ${out.torch}, float64, ${ok.length} networks (relative to max(1, |value|)):`);
    for (const key of ['predict', 'loss']) row(`  ${key}`, largest(ok, key)[key], largest(ok, key).name);
  }
  row(`  parameters after ${steps} epochs`, largest(ok, 'params').params, largest(ok, 'params').name);
}
// ---- TF.js ----
await tf.setBackend('cpu');
const dir = join(ROOT, 'test-artifacts', 'bench-tfjs');
mkdirSync(dir, { recursive: true });
for (const steps of [2, 50]) {
  const results = [];
  for (const [i, spec] of specs.entries()) {
    const c = exportCase(lab, spec, 'tfjs', steps);
    const file = join(dir, `case-${steps}-${i}.mjs`);
    writeFileSync(file, c.code);
    const m = await import(pathToFileURL(file).href);
    const rows = spec.acts.some((a) => (a.name ?? a) === 'sin') ? 5 : c.probe.length; // sin(1e4) has no float32 digits
    const p = m.predict(c.probe);
    const r = { name: c.name, predict: largestError(Array.from(p.dataSync()).slice(0, rows * c.k), c.predict.slice(0, rows * c.k)), params: -1 };
    p.dispose();
    {
      const x = m.features(c.x);
      const y = c.output === 'softmax' ? tf.oneHot(tf.tensor1d(c.y, 'int32'), c.k) : tf.tensor2d(c.y);
      await m.model.fit(x, y, { batchSize: c.x.length, epochs: steps, shuffle: false, verbose: 0 });
      r.params = largestError(m.model.getWeights().flatMap((w) => Array.from(w.dataSync())), kerasOrder(c.after));
      tf.dispose([x, y]);
    }
    m.model.dispose();
    results.push(r);
  }
  if (steps === 2) {
    console.log(`TF.js ${tf.version.tfjs} (${tf.getBackend()}), float32, ${results.length} networks:`);
    row('  predict', largest(results, 'predict').predict, largest(results, 'predict').name);
  }
  const trained = results.filter((r) => r.params >= 0);
  row(`  parameters after ${steps} epochs (${trained.length} nets)`, largest(trained, 'params').params, largest(trained, 'params').name);
}
rmSync(dir, { recursive: true, force: true });
