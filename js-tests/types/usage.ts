// Compiled with tsc --noEmit --strict by js-tests/types.test.mjs: the
// declarations in web/lib/actlab.d.ts must accept the documented usage and
// reject misuse (the @ts-expect-error lines must be errors).
import { ActLabError, MAX_LENGTH, loadActLab } from '../../web/lib/actlab.js';
import type { ActLab, ActivationInfo, CrossEntropyResult } from '../../web/lib/actlab.js';

export async function demo(): Promise<number> {
  const lab: ActLab = await loadActLab({ wasmUrl: 'actlab_core.wasm' });
  const first: ActivationInfo = lab.activations[0];
  const ys: Float64Array = lab.evaluate('leaky_relu', [-1, 2], { alpha: 0.2 });
  const ds: Float64Array = lab.derivative('gelu', new Float32Array([0.5]));
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
