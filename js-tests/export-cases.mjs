// Networks for the export tests (export-torch, export-keras, export-tfjs, and
// bench/exports.mjs), and what those share: running a checker in Python and
// measuring a difference.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TESTS = fileURLToPath(new URL('.', import.meta.url));

// Networks for the export tests:
// every head, every optimiser with saved state, every catalog activation
// with parameters other than its defaults (and with its defaults where the
// export writes a different form), features and raw inputs. Each case is
// trained a few epochs first, so the exported code continues from a state
// that is not the start.

/** Parameter values other than the catalog's defaults. */
export const NON_DEFAULT = {
  leaky_relu: { alpha: 0.2 }, prelu: { alpha: 0.1 }, elu: { alpha: 0.7 }, celu: { alpha: 1.3 }, swish: { beta: 1.7 },
  softplus: { beta: 2.5 }, squareplus: { b: 2 }, soft_shrink: { lambda: 0.3 }, hard_shrink: { lambda: 0.4 },
  threshold: { threshold: 0.1, value: -0.5 },
};

const HEADS = [['identity', 2], ['sigmoid', 1], ['softmax', 3], ['tanh', 2], ['sigmoid', 2]];
const OPTIMISERS = ['sgd', 'momentum', 'adam'];
const RATES = { sgd: 0.1, momentum: 0.05, adam: 0.02 };
const INITS = ['he_normal', 'he_uniform', 'glorot_normal', 'glorot_uniform', 'lecun_normal', 'uniform'];
const FEATURES = ['x1', 'x2', 'x1_x2', 'sin_x1', 'x2_sq'];

// A small deterministic generator (the data only has to be fixed).
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** The specs: {name, acts, head: [output, k], optimizer, raw, penalty, epochs, language, init}. */
export function exportSpecs(lab) {
  const specs = [];
  let i = 0;
  const next = (name, acts, extra = {}) => {
    const [output, k] = HEADS[i % HEADS.length];
    specs.push({ name, acts, output, k, optimizer: OPTIMISERS[i % 3], raw: i % 4 === 3, penalty: i % 3 === 1,
      epochs: 3, language: i % 2 ? 'zh' : 'en', init: INITS[i % INITS.length], ...extra });
    i++;
  };
  for (const a of lab.activations) {
    const params = NON_DEFAULT[a.name];
    if (a.params.length && !params) throw new Error(`export-cases: give ${a.name} parameters other than its defaults`);
    // exp(exp(x)) overflows: exponential is followed by tanh.
    const act = { name: a.name, params: params ?? {} };
    next(`${a.name}${params ? ' (non-default)' : ''}`, [act, a.name === 'exponential' ? 'tanh' : act]);
    if (a.params.length) next(`${a.name} (defaults)`, [a.name, 'tanh']);
  }
  next('squareplus b = 0', [{ name: 'squareplus', params: { b: 0 } }, 'relu']);
  for (const [output, k] of HEADS) {
    for (const optimizer of OPTIMISERS) {
      next(`${output}/${k} head, ${optimizer}`, ['tanh', 'relu'], { output, k, optimizer, penalty: true });
    }
  }
  next('fresh adam network', ['relu', 'relu'], { optimizer: 'adam', epochs: 0 });
  next('fresh momentum network', ['relu', 'relu'], { optimizer: 'momentum', epochs: 0 });
  next('zeros init', ['relu', 'sigmoid'], { init: 'zeros', epochs: 1 });
  next('normal init, sigma 0.25', ['tanh', 'relu'], { init: 'normal', initStd: 0.25, epochs: 1 });
  return specs;
}

/** Points, labels and a few probe points for a spec (raw: rows of 3 numbers). */
export function caseData(spec, n = 12) {
  const r = rng(spec.name.length * 7919 + spec.k);
  const width = spec.raw ? 3 : 2;
  const x = Array.from({ length: n }, () => Array.from({ length: width }, () => 4 * r() - 2));
  const y = Array.from({ length: n }, (_, s) => {
    if (spec.output === 'softmax') return s % spec.k;
    if (spec.output === 'sigmoid') return Array.from({ length: spec.k }, (_, j) => (s + j) % 2);
    if (spec.output === 'tanh') return Array.from({ length: spec.k }, (_, j) => ((s + j) % 2 ? 1 : -1));
    return Array.from({ length: spec.k }, () => 1.6 * r() - 0.8);
  });
  const far = spec.raw ? [[40, -35, 20], [-300, 250, 90]] : [[40, -35], [-300, 250]];
  const probe = [...x.slice(0, 4), [0, 0, 0].slice(0, width), ...(spec.acts.some((a) => (a.name ?? a) === 'exponential') ? [] : far)];
  return { x, y, probe };
}

/** The network of a spec, trained spec.epochs epochs in batches of 5. */
export function specNetwork(lab, spec) {
  const hidden = spec.acts.length;
  return lab.createNetwork({
    layers: [spec.raw ? 3 : FEATURES.length, ...[5, 4].slice(0, hidden), spec.k], activation: spec.acts, output: spec.output,
    ...(spec.raw ? {} : { features: FEATURES }), optimizer: spec.optimizer, learningRate: RATES[spec.optimizer], batchSize: 5,
    l1: spec.penalty ? 0.002 : 0, l2: spec.penalty ? 0.01 : 0, init: spec.init, initStd: spec.initStd, seed: 11 + spec.name.length,
  });
}

/**
 * Everything a framework's run of the code is compared with: the code, the
 * data, net.predict on the probe points, the loss with its penalty on the
 * batch, and the parameters after `steps` more epochs with one batch each.
 */
export function exportCase(lab, spec, framework, steps = 2) {
  const { x, y, probe } = caseData(spec);
  const net = specNetwork(lab, spec);
  try {
    if (spec.epochs) net.train(x, y, { epochs: spec.epochs });
    const code = net.exportCode(framework, { language: spec.language });
    const predict = Array.from(net.predict(probe));
    const { loss } = net.lossGradient(x, y);
    const before = net.layers();
    net.setTrainingOptions({ batchSize: 64 });
    net.train(x, y, { epochs: steps });
    return { name: spec.name, framework, code, x, y, probe, predict, loss, steps, before, after: net.layers(),
      params: Array.from(net.getParams()), k: spec.k, output: spec.output };
  } finally {
    net.dispose();
  }
}

/**
 * Runs js-tests/<script> with Debian's Python (/usr/bin/python3, where
 * python3-torch is) on `input` written as JSON, and returns what it prints,
 * parsed as JSON.
 */
export function runPython(script, input) {
  const dir = mkdtempSync(join(tmpdir(), 'actlab-python-'));
  try {
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(input));
    return JSON.parse(execFileSync('/usr/bin/python3', [join(TESTS, script), file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The largest |got - want| / max(1, |want|); places where both are non-finite count 0. */
export const largestError = (got, want) => Math.max(0, ...want.map((w, i) => (Number.isFinite(w) || Number.isFinite(got[i])
  ? Math.abs(got[i] - w) / Math.max(1, Math.abs(w)) : 0)));

/** ActLab's parameters (net.layers()) in Keras's and TF.js's order: per layer the kernel (inputs, outputs), then the biases. */
export const kerasOrder = (layers) => layers.flatMap((L) => [
  ...Array.from({ length: L.inputs * L.outputs }, (_, r) => L.weights[(r % L.outputs) * L.inputs + Math.floor(r / L.outputs)]),
  ...L.biases]);
