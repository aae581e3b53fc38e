// Compiled with tsc --noEmit --strict by js-tests/types.test.mjs: the
// declarations in web/lib/actlab.d.ts must accept the documented usage and
// reject misuse (the @ts-expect-error lines must be errors).
import { ActLabError, EXPORT_FRAMEWORKS, MAX_LENGTH, MAX_TRAIN_BYTES, defaultWasmUrl, loadActLab, wasmSimdSupported } from '../../web/lib/actlab.js';
import type { ActLab, ActivationInfo, CrossEntropyResult, Network } from '../../web/lib/actlab.js';

export async function demo(): Promise<number> {
  const lab: ActLab = await loadActLab({ wasmUrl: 'actlab_core.wasm' });
  const first: ActivationInfo = lab.activations[0];
  const ys: Float64Array = lab.evaluate('leaky_relu', [-1, 2], { alpha: 0.2 });
  const ds: Float64Array = lab.derivative('gelu', new Float32Array([0.5]));
  const grad: string = lab.derivativeCode('leaky_relu', { framework: 'tensorflow', params: { alpha: 0.1 }, xs: [-1, 1], language: 'zh' });
  // @ts-expect-error: not a framework derivativeCode writes
  lab.derivativeCode('relu', { framework: 'keras' });
  const pd: Float64Array = lab.paramDerivative('prelu', [-1], 'alpha');
  const p: Float64Array = lab.softmax([1, 2, 3], { temperature: 0.5 });
  const jac: Float64Array = lab.softmaxJacobian(new Float64Array([1, 2]));
  const k: number = lab.argmax([3, 1]);
  const ce: CrossEntropyResult = lab.crossEntropy([1, 2], 1);
  const bce = lab.binaryCrossEntropy([0.3], [1]);
  try {
    lab.evaluate('relu', [1]);
  } catch (err) {
    if (err instanceof ActLabError && err.code === 'unknown_activation') return -1;
  }
  // @ts-expect-error: not an activation name
  lab.evaluate('rectifier', [1]);
  // @ts-expect-error: strings are not numbers
  lab.softmax(['1', '2']);
  // @ts-expect-error: temperature is a number
  lab.softmax([1], { temperature: 'hot' });
  return ys[0] + ds[0] + pd[0] + p[0] + jac[0] + k + ce.loss + bce.loss + first.params.length + MAX_LENGTH;
}

// Networks (issue 3 API)
async function networks(): Promise<void> {
  const lab = await loadActLab({ simd: wasmSimdSupported() ? 'auto' : false });
  const file: URL = defaultWasmUrl(false);
  console.assert(file.pathname.endsWith('actlab_core.wasm'));
  const fast: boolean = lab.build.simd;
  // @ts-expect-error: simd is a boolean or 'auto'
  await loadActLab({ simd: 'yes' });
  const small = await loadActLab({ core: 'activations' });
  const core: 'full' | 'activations' = small.build.core;
  console.assert(defaultWasmUrl('auto', 'activations').pathname.endsWith('actlab_activations.wasm') && core === 'activations');
  // @ts-expect-error: core is 'full' or 'activations'
  await loadActLab({ core: 'tiny' });
  const data = lab.makeDataset('circle', { count: 200, noise: 0.1, seed: 3, signedLabels: true });
  const { train, test } = lab.splitDataset(data, { testFraction: 0.3 });
  const net: Network = lab.createNetwork({
    layers: [2, 8, 8, 1], activation: ['tanh', { name: 'leaky_relu', params: { alpha: 0.2 } }],
    output: 'tanh', loss: 'squared_error', init: 'uniform', optimizer: 'adam', learningRate: 0.01,
    batchSize: 10, l1: 0, l2: 1e-4, seed: 5, features: ['x1', 'x2'],
  });
  const r: { loss: number; epochs: number } = net.train(train.inputs, train.labels, { epochs: 10 });
  const e = net.evaluate(test.inputs, test.labels);
  const acc: number | null = e.accuracy;
  const g = net.grid({ resolution: 20, neurons: true });
  const g2 = net.grid({ resolution: 20, neurons: true, into: g });
  void g2.outputs;
  const n: Float64Array | null = g.neurons;
  const stats = net.layerStats(test.inputs);
  const dead: number | null = stats[0].dead;
  const copy = lab.networkFromJSON(JSON.stringify(net.toJSON()));
  copy.dispose();
  // Training that continues: options changed in place, one weight edited, data bound once.
  const cfg = net.setTrainingOptions({ learningRate: 0.001, batchSize: 32, optimizer: 'momentum' });
  const rate: number = cfg.learningRate;
  net.setParam(0, 0.5);
  const bound = lab.bindData(train.inputs, train.labels, { labelWidth: 1 });
  const rb: { loss: number; epochs: number } = net.train(bound, { epochs: 2 });
  const eb = net.evaluate(bound);
  const rows: number = bound.rows;
  bound.dispose();
  const saved = net.toJSON();
  const steps: number | undefined = saved.optimizerState?.steps;
  const names: readonly string[] = lab.networkOptions.output;
  const limit: number = lab.networkOptions.limits.width;
  const formula: string = lab.networkOptions.formulas.x1_sq;
  const feats: Float64Array = net.features([0, 1]);
  void rate; void rb; void eb; void rows; void steps; void names; void limit; void formula; void feats;
  // @ts-expect-error: layers are not a training option
  net.setTrainingOptions({ layers: [2, 4, 1] });
  // @ts-expect-error: unknown optimiser
  net.setTrainingOptions({ optimizer: 'rmsprop' });
  net.predict([[0, 1], [1, 0]]);
  // The network as code for another framework, comments in Chinese.
  const torchCode: string = net.exportCode('pytorch', { language: 'zh' });
  const tfjsCode: string = lab.exportCode(saved, 'tfjs');
  const frameworks: readonly string[] = EXPORT_FRAMEWORKS;
  void torchCode; void tfjsCode; void frameworks;
  // @ts-expect-error: not a framework ActLab writes
  net.exportCode('caffe');
  // @ts-expect-error: comments are in English or Chinese
  net.exportCode('keras', { language: 'fr' });
  net.dispose();
  void r; void acc; void fast; void n; void dead; void MAX_TRAIN_BYTES;
  // @ts-expect-error: unknown initialiser name
  lab.createNetwork({ layers: [2, 1], init: 'xavier' });
  // @ts-expect-error: layers is required
  lab.createNetwork({ activation: 'relu' });
}
void networks;
