// Type declarations for web/lib/actlab.js (the ActLab JavaScript API).
// Full reference with examples: docs/api.md.

/** Arrays accepted wherever the API takes numbers. Results are always Float64Array. */
export type NumberArray = number[] | Float64Array | Float32Array;

/** The names of the activations in the catalog, in the C core's order. */
export type ActivationName =
  | 'identity' | 'step' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'prelu' | 'elu'
  | 'selu' | 'celu' | 'gelu' | 'gelu_tanh' | 'silu' | 'swish' | 'mish' | 'softplus'
  | 'softsign' | 'squareplus' | 'hard_sigmoid' | 'sparse_sigmoid' | 'hard_tanh'
  | 'hard_swish' | 'relu6' | 'log_sigmoid' | 'tanh_shrink' | 'soft_shrink' | 'hard_shrink'
  | 'threshold' | 'sparse_plus' | 'exponential' | 'sin';

/** How a parameter is constrained (it must always be finite). */
export type ParamRule = 'any' | 'positive' | 'nonnegative' | 'nonzero';

export interface ParamInfo {
  readonly name: string;
  readonly default: number;
  readonly rule: ParamRule;
}

export interface ActivationInfo {
  readonly name: ActivationName;
  readonly params: readonly ParamInfo[];
}

/**
 * Parameters by name, e.g. `{alpha: 0.1}`. Omitted ones keep their default.
 * Names: leaky_relu/prelu/elu/celu `alpha`; swish/softplus `beta`; squareplus `b`;
 * soft_shrink/hard_shrink `lambda`; threshold `threshold` and `value`.
 */
export type Params = Readonly<Record<string, number>>;

export interface SoftmaxOptions {
  /** T > 0; probabilities are softmax(z / T). Default 1. */
  temperature?: number;
}

/** Stable error codes (for programs and UI translations). */
export type ActLabErrorCode =
  | 'unknown_activation' | 'invalid_param' | 'bad_size' | 'invalid_label' | 'domain'
  | 'unsupported' | 'out_of_memory' | 'load_failed' | 'null_pointer' | 'param_count';

/** Thrown for bad values (wrong types throw TypeError instead). */
export class ActLabError extends Error {
  readonly name: 'ActLabError';
  readonly code: ActLabErrorCode;
  /** The offending names and values, e.g. {activation, param, allowed, suggestion}. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Largest array length any call accepts (2^27). */
export const MAX_LENGTH: number;

export interface LoadOptions {
  /** Where actlab_core.wasm is; default: next to actlab.js. */
  wasmUrl?: string | URL;
  /** The module's bytes (or a compiled module): no request is made. */
  wasmBinary?: ArrayBuffer | Uint8Array | WebAssembly.Module;
}

/** Loads and instantiates the Wasm core. Rejects with ActLabError('load_failed'). */
export function loadActLab(options?: LoadOptions): Promise<ActLab>;

export interface CrossEntropyResult {
  /** -sum_i y_i log softmax(z)_i */
  loss: number;
  /** d loss / d z = softmax(z) - y */
  gradient: Float64Array;
}

export interface BinaryCrossEntropyResult {
  /** Mean of `losses`. */
  loss: number;
  /** softplus(z_i) - y_i z_i for each element. */
  losses: Float64Array;
  /** d losses[i] / d z_i = sigmoid(z_i) - y_i. */
  gradient: Float64Array;
}

export class ActLab {
  /** The catalog, read from the C core. Frozen. */
  readonly activations: readonly ActivationInfo[];

  /** f(x) for each x. */
  evaluate(name: ActivationName, xs: NumberArray, params?: Params): Float64Array;
  /** f'(x) = df/dx for each x. */
  derivative(name: ActivationName, xs: NumberArray, params?: Params): Float64Array;
  /** df/d(param) for each x; supported: prelu 'alpha' (others throw 'unsupported'). */
  paramDerivative(name: ActivationName, xs: NumberArray, param: string, params?: Params): Float64Array;

  /** exp(z_i / T) / sum_j exp(z_j / T), stable for any finite logits. */
  softmax(logits: NumberArray, options?: SoftmaxOptions): Float64Array;
  /** log softmax(z / T), accurate for tiny and near-1 probabilities. */
  logSoftmax(logits: NumberArray, options?: SoftmaxOptions): Float64Array;
  /** n×n Jacobian dp_i/dz_j, row-major (index i * n + j). */
  softmaxJacobian(logits: NumberArray, options?: SoftmaxOptions): Float64Array;
  /** Euclidean projection onto the probability simplex (exact zeros possible). */
  sparsemax(logits: NumberArray): Float64Array;
  /** Index of the largest logit; the first on ties; a NaN counts as largest. */
  argmax(logits: NumberArray): number;
  /** Categorical cross-entropy from logits; target is a class index or a distribution. */
  crossEntropy(logits: NumberArray, target: number | NumberArray): CrossEntropyResult;
  /** Binary cross-entropy from logits, element-wise; targets in [0, 1]. */
  binaryCrossEntropy(logits: NumberArray, targets: NumberArray): BinaryCrossEntropyResult;
}
