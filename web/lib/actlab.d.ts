// Type declarations for web/lib/actlab.js (the ActLab JavaScript API).
// Full reference with examples: docs/api.md.

/** Arrays accepted wherever the API takes numbers. Results are always Float64Array. */
export type NumberArray = number[] | Float64Array | Float32Array;

/** The names of the activations in the catalog, in the C core's order. */
export type ActivationName =
  | 'identity' | 'step' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'prelu' | 'elu'
  | 'selu' | 'celu' | 'gelu' | 'gelu_tanh' | 'silu' | 'swish' | 'mish' | 'softplus'
  | 'softsign' | 'squareplus' | 'hard_sigmoid' | 'hard_sigmoid_keras2' | 'sparse_sigmoid' | 'hard_tanh'
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
  | 'unsupported' | 'out_of_memory' | 'load_failed' | 'null_pointer' | 'param_count'
  | 'unknown_dataset' | 'invalid_config' | 'invalid_input' | 'diverged' | 'disposed'
  | 'invalid_json' | 'not_loaded';

/** Thrown for bad values (wrong types throw TypeError instead). */
export class ActLabError extends Error {
  readonly name: 'ActLabError';
  readonly code: ActLabErrorCode;
  /** The offending names and values, e.g. {activation, param, allowed, suggestion}. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Largest array length any call accepts (2^27). */
export const MAX_LENGTH: number;
/** Most bytes of rows one Network.train() call accepts: rows x (inputWidth + labelWidth) x 8 <= 128 MiB. */
export const MAX_TRAIN_BYTES: number;
/** The frameworks network.exportCode writes: 'pytorch', 'keras', 'tfjs'. */
export const EXPORT_FRAMEWORKS: readonly ExportFramework[];
/** The languages of the exported code's comments: 'en', 'zh'. */
export const EXPORT_LANGUAGES: readonly ('en' | 'zh')[];
export type ExportFramework = 'pytorch' | 'keras' | 'tfjs';
export interface ExportOptions {
  /** The comments' language; default 'en'. */
  language?: 'en' | 'zh';
}

/** The frameworks lab.derivativeCode writes: 'pytorch', 'tensorflow'. */
export const DERIVATIVE_FRAMEWORKS: readonly DerivativeFramework[];
/** The most points lab.derivativeCode writes into its code (1,000). */
export const MAX_DERIVATIVE_POINTS: number;
export type DerivativeFramework = 'pytorch' | 'tensorflow';
export interface DerivativeCodeOptions {
  /** Default 'pytorch'. */
  framework?: DerivativeFramework;
  params?: Params;
  /** Finite points, 1 to MAX_DERIVATIVE_POINTS; default the integers -6 to 6. */
  xs?: NumberArray;
  /** The comments' language; default 'en'. */
  language?: 'en' | 'zh';
}

export interface LoadOptions {
  /** Where the module is; default: next to actlab.js, actlab_core_simd.wasm where the
   * engine runs Wasm SIMD, else actlab_core.wasm (actlab_activations.wasm for core 'activations'). */
  wasmUrl?: string | URL;
  /** The module's bytes (or a compiled module): no request is made. */
  wasmBinary?: ArrayBuffer | Uint8Array | WebAssembly.Module;
  /** Which default file: 'auto' (default), true (SIMD, load_failed where unsupported) or false. */
  simd?: boolean | 'auto';
  /** Which default file: 'full' (default) or 'activations' (the module without networks:
   * createNetwork, networkFromJSON, exportCode and bindData throw not_loaded). */
  core?: 'full' | 'activations';
}

/** Whether this JavaScript engine runs WebAssembly SIMD code. */
export function wasmSimdSupported(): boolean;

/** The module file loadActLab() fetches by default: for the full core, the SIMD build for
 * true, or for 'auto' (the default) where the engine runs Wasm SIMD, else the baseline build;
 * the activation-only module for core 'activations'. TypeError for any other value. */
export function defaultWasmUrl(simd?: boolean | 'auto', core?: 'full' | 'activations'): URL;

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
  /** Which build of the core is running: SIMD or not; the full core or the activation-only module. */
  readonly build: { readonly simd: boolean; readonly core: 'full' | 'activations' };

  /** f(x) for each x. */
  evaluate(name: ActivationName, xs: NumberArray, params?: Params): Float64Array;
  /** f'(x) = df/dx for each x. */
  derivative(name: ActivationName, xs: NumberArray, params?: Params): Float64Array;
  /** df/d(param) for each x; supported: prelu 'alpha' (others throw 'unsupported'). */
  paramDerivative(name: ActivationName, xs: NumberArray, param: string, params?: Params): Float64Array;
  /**
   * Python that computes f and f' of one function at the points xs by automatic differentiation
   * (PyTorch torch.autograd or TensorFlow GradientTape with Keras 3), in float64; it prints
   * x, f(x), f'(x) per line: what evaluate and derivative return.
   */
  derivativeCode(name: ActivationName, options?: DerivativeCodeOptions): string;

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

  /** The toy datasets, read from the C core. Frozen. */
  readonly datasets: readonly DatasetInfo[];
  /** The engine's vocabulary: the names createNetwork accepts, feature formulas, limits (from the C core). */
  readonly networkOptions: NetworkOptions;

  /** Bytes allocated in the Wasm heap now (grows only with live networks). */
  memoryInUse(): number;
  /**
   * A seeded toy dataset of 2-D points (inputs row-major (count, 2)), or 'digits': the
   * 1,797 UCI handwritten digits (inputs (count, 64), cells / 16 in [0, 1]) in a seeded order.
   */
  makeDataset(name: DatasetName, options?: DatasetOptions): Dataset;
  /**
   * Points from CSV text in the playground's format (x1,x2,label[,split]): every line not
   * used is in `problems` with its number, including rows past CSV_LIMITS.rows.
   */
  parseCSV(text: string, options?: CSVOptions): CSVPoints;
  /** Train/test split by a seeded shuffle: the same seed gives the same split. */
  splitDataset(data: { inputs: NumberArray; labels: NumberArray }, options?: SplitOptions): SplitData;
  /** A new network; throws ActLabError('invalid_config') naming the key and allowed values. */
  createNetwork(config: NetworkConfig): Network;
  /** Recreates a network from network.toJSON() (the object or its JSON text), optimiser state included. */
  networkFromJSON(json: NetworkJSON | string): Network;
  /** network.exportCode for a saved network (read as networkFromJSON reads it), without keeping a network. */
  exportCode(json: NetworkJSON | string, framework: ExportFramework, options?: ExportOptions): string;
  /** Inputs and labels copied into the Wasm heap once, for train(bound) and evaluate(bound). */
  bindData(inputs: Rows, labels: Rows, options?: BindOptions): BoundData;
}

export type DatasetName =
  | 'circle' | 'xor' | 'gaussian' | 'spiral' | 'moons' | 'blobs' | 'spiral_multi' | 'plane'
  | 'multi_gaussian' | 'digits';

export type Task = 'binary' | 'multiclass' | 'regression';

export interface DatasetInfo {
  readonly name: DatasetName;
  readonly task: Task;
  /** 2 or 3 for classification (10 for digits), 0 for regression. */
  readonly classes: number;
  /** Values per row: 2 for the toy sets, 64 (8 x 8 cells) for digits. */
  readonly inputs: number;
  /** digits only: how many images there are (1797). */
  readonly count?: number;
}

export interface CSVOptions {
  /** What the labels mean; default: the file's "# actlab points:" line, else inferred from the labels. */
  task?: Task;
  /** For task 'multiclass': 2..8 (default: the largest label + 1). 'binary' has 2, 'regression' 0. */
  classes?: number;
}

export interface CSVProblem {
  /** The line's number, from 1. */
  line: number;
  /** English, starting "line N: ". */
  message: string;
  reason: 'columns' | 'number' | 'range' | 'split' | 'label' | 'value' | 'tooMany' | 'classes' | 'task' | 'declaration';
  /** The values the message names (line, column, text, limit, ...). */
  vars: Record<string, string | number>;
}

export interface CSVPoints {
  /** Row-major (rows, 2). */
  inputs: Float64Array;
  labels: Float64Array;
  /** Each row's fourth value: 'train', 'test' or null. */
  splits: ('train' | 'test' | null)[];
  /** Each row's line number in the text, from 1. */
  lines: Int32Array;
  rows: number;
  inputWidth: 2;
  task: Task;
  classes: number;
  /** When the task was inferred (no option, no "# actlab points:" line) as multiclass or regression: the row that decided it. */
  decidedBy: { line: number; label: number } | null;
  /** Every line not used, in line order (blank lines, comments and a header line are not problems). */
  problems: CSVProblem[];
}

/** parseCSV's limits: |x1|, |x2| <= coordinate; at most `rows` points; classes <= `classes`; |target| <= `target`; text <= `chars`. */
export const CSV_LIMITS: Readonly<{ coordinate: number; rows: number; classes: number; target: number; chars: number }>;
/** Every CSVProblem reason. */
export const CSV_REASONS: readonly CSVProblem['reason'][];
/** lab.parseCSV without a loaded module. */
export function parseCSV(text: string, options?: CSVOptions): CSVPoints;

export interface DatasetOptions {
  /** 1..10000, default 500 (digits: 1..1797, default 1797). */
  count?: number;
  /** 0..1 (share of the largest jitter), default 0. Not for digits. */
  noise?: number;
  /** Integer >= 0 (or BigInt below 2^64), default 1. */
  seed?: number | bigint;
  /** Binary labels as -1/+1 (for output 'tanh') instead of 0/1. Default false. */
  signedLabels?: boolean;
}

export interface Dataset {
  /** Row-major (count, inputWidth). */
  inputs: Float64Array;
  /** 2, or 64 for digits. */
  inputWidth: number;
  /** 0/1 (or -1/+1) for binary sets, class indices for multi-class, targets in [-1, 1] for regression. */
  labels: Float64Array;
  name: DatasetName;
  task: Task;
  classes: number;
  count: number;
}

export interface SplitOptions {
  /** Share of rows in the test part, [0, 1); default 0.5. */
  testFraction?: number;
  seed?: number | bigint;
  /** Label values per row, default 1. */
  labelWidth?: number;
}

export interface SplitData {
  train: { inputs: Float64Array; labels: Float64Array };
  test: { inputs: Float64Array; labels: Float64Array };
}

export type OutputName = 'identity' | 'sigmoid' | 'softmax' | 'tanh';
export type LossName = 'mse' | 'binary_cross_entropy' | 'cross_entropy' | 'squared_error';
export type InitName =
  | 'he_normal' | 'he_uniform' | 'glorot_normal' | 'glorot_uniform' | 'lecun_normal' | 'uniform'
  | 'zeros' | 'normal';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export type FeatureName = 'x1' | 'x2' | 'x1_sq' | 'x2_sq' | 'x1_x2' | 'sin_x1' | 'sin_x2';

/** The network engine's limits (read from the C core). */
export interface NetworkLimits {
  /** Hidden layers at most (10). */
  readonly hiddenLayers: number;
  /** Units per hidden layer at most (256). */
  readonly width: number;
  /** Raw inputs at most (784, a 28 x 28 image). */
  readonly inputs: number;
  /** Output units at most (10). */
  readonly outputs: number;
  /** Largest batch (1024). */
  readonly batchSize: number;
  /** Bytes of training rows one train() call takes: rows x (inputWidth + labelWidth) x 8 (128 MiB). */
  readonly trainBytes: number;
  /** Largest learning rate (10). */
  readonly learningRate: number;
}

/** The names the engine accepts for each choice, read from its tables in the C core. */
export interface NetworkOptions {
  readonly output: readonly OutputName[];
  /** loss[i] is the loss of output[i]. */
  readonly loss: readonly LossName[];
  readonly init: readonly InitName[];
  readonly optimizer: readonly OptimizerName[];
  readonly features: readonly FeatureName[];
  /** Each feature of a point (x1, x2) as an expression: 'x1 * x1', 'sin(x1)', ... */
  readonly formulas: Readonly<Record<FeatureName, string>>;
  readonly limits: NetworkLimits;
  /** The keys setTrainingOptions() takes. */
  readonly trainingKeys: readonly TrainingKey[];
  /** @deprecated the same as output */
  readonly outputs: readonly OutputName[];
  /** @deprecated the same as loss */
  readonly losses: readonly LossName[];
  /** @deprecated the same as init */
  readonly initializers: readonly InitName[];
  /** @deprecated the same as optimizer */
  readonly optimizers: readonly OptimizerName[];
}

export type TrainingKey =
  | 'learningRate' | 'batchSize' | 'l1' | 'l2' | 'momentum' | 'beta1' | 'beta2' | 'epsilon' | 'optimizer';

/** What setTrainingOptions() changes: any of these, the rest kept. */
export interface TrainingOptions {
  learningRate?: number;
  batchSize?: number;
  l1?: number;
  l2?: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  optimizer?: OptimizerName;
}

/** A hidden activation: a name, or a name with parameters. */
export type LayerActivation = ActivationName | { name: ActivationName; params?: Params };

export interface NetworkConfig {
  /** Sizes including input and output, e.g. [2, 8, 8, 1]: input 1..9, 0..8 hidden of 1..64, output 1..8. */
  layers: readonly number[];
  /** One for every hidden layer, or one per hidden layer. Default 'tanh'. */
  activation?: LayerActivation | readonly LayerActivation[];
  /** Output activation; default sigmoid for 1 output, softmax for more (or as the loss implies). */
  output?: OutputName;
  /** Must pair with output: identity+mse, sigmoid+binary_cross_entropy, softmax+cross_entropy, tanh+squared_error. */
  loss?: LossName;
  /** Default he_normal for the ReLU family, lecun_normal for selu, else glorot_uniform. */
  init?: InitName;
  /** The sigma of init 'normal' (weights from N(0, initStd^2), biases 0): > 0 and <= 10, default 0.01. */
  initStd?: number;
  /** Default 'sgd'. */
  optimizer?: OptimizerName;
  /** (0, 10]; default 0.03 (0.01 for adam). */
  learningRate?: number;
  /** 1..1024, default 10. */
  batchSize?: number;
  /** L1 and L2 penalties on weights (not biases), >= 0; default 0. */
  l1?: number;
  l2?: number;
  /** Integer >= 0 (or BigInt below 2^64; a decimal string is read back from JSON). Default 1. */
  seed?: number | bigint | string;
  /** Input features computed from 2-D points; layers[0] must equal their number. Default x1, x2 when layers[0] is 2. */
  features?: readonly FeatureName[] | null;
  /** Momentum optimiser's coefficient, [0, 1); default 0.9. */
  momentum?: number;
  /** Adam's coefficients, [0, 1); defaults 0.9 and 0.999. */
  beta1?: number;
  beta2?: number;
  /** Adam's epsilon, > 0; default 1e-8. */
  epsilon?: number;
}

/** network.config: every key present, activations resolved with all their parameters. */
export interface NormalisedConfig {
  readonly layers: readonly number[];
  readonly activation: readonly { readonly name: ActivationName; readonly params: Params }[];
  readonly output: OutputName;
  readonly loss: LossName;
  readonly init: InitName;
  readonly initStd: number;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly batchSize: number;
  readonly l1: number;
  readonly l2: number;
  readonly seed: number | bigint;
  readonly features: readonly FeatureName[] | null;
  readonly momentum: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/** The optimiser's state in a saved network: its step count and moments. */
export interface OptimizerState {
  /** Optimiser steps since its state was last reset. */
  steps: number;
  /** Momentum's velocity, or Adam's first moment (absent for SGD). */
  m?: number[];
  /** Adam's second moment (absent otherwise). */
  v?: number[];
}

/**
 * A saved network. Version 2 (what toJSON writes) carries the optimiser's
 * state; networkFromJSON still reads version 1 (a fresh optimiser state).
 */
export interface NetworkJSON {
  format: 'actlab-network';
  version: 1 | 2;
  config: NetworkConfig;
  epochs: number;
  params: number[];
  optimizerState?: OptimizerState;
}

/** A training or test set copied into the Wasm heap once (lab.bindData); dispose() frees it. */
export class BoundData {
  private constructor();
  readonly rows: number;
  readonly inputWidth: number;
  readonly labelWidth: number;
  readonly disposed: boolean;
  /** Idempotent. */
  dispose(): void;
}

export interface BindOptions {
  /** Values per input row (up to 784); default: the length of the first row, or for flat inputs
   * the input values over the label rows (2 when they do not divide). */
  inputWidth?: number;
  /** Values per label row; default 1. */
  labelWidth?: number;
}

/** Inputs or labels: flat row-major numbers, or an array of rows. */
export type Rows = NumberArray | readonly (readonly number[] | Float64Array | Float32Array)[];

export interface GridOptions {
  /** The plotted range; defaults -6, 6, -6, 6. */
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  /** Points per side, 2..1000; default 50. */
  resolution?: number;
  /** Fill these arrays (an earlier result) in place instead of allocating new ones. */
  into?: { outputs: Float64Array; neurons?: Float64Array | null };
  /** Also every neuron's output. Default false. */
  neurons?: boolean;
}

export interface GridResult {
  /** (resolution², outputCount): row r (x2 from yMax down), column c (x1 from xMin). */
  outputs: Float64Array;
  /** (neuronCount, resolution²), or null. */
  neurons: Float64Array | null;
  resolution: number;
}

export interface LayerStats {
  mean: number;
  std: number;
  /** Share of (row, neuron) pairs with |f'(z)| < 1% of the activation's peak slope; null for softmax. */
  saturated: number | null;
  /** Share of neurons with f'(z) = 0 on every row (dead ReLUs); null for softmax. */
  dead: number | null;
  /** With options.bins: the layer's outputs f(z) in equal bins (counts sum to rows x units). */
  histogram?: Histogram;
  /** With options.bins: its pre-activations z. */
  preHistogram?: Histogram;
  /** With options.bins and labels: each row's own dLoss/dz. */
  gradientHistogram?: Histogram;
}

export interface Histogram {
  /** bins + 1 edges, equally spaced. */
  edges: Float64Array;
  /** bins counts; values outside the range count in the end bins. */
  counts: Float64Array;
}

export interface LayerStatsOptions {
  /** 1..1000: also histograms. */
  bins?: number;
  /** Labels for the gradient histograms (needs bins). */
  labels?: Rows;
  /** [lo, hi] per kind; a kind without one spans its smallest to largest value over the hidden layers
   * (one scale for them), and the output layer's own values for the output layer. */
  range?: { output?: [number, number]; pre?: [number, number]; gradient?: [number, number] };
}

export interface LayerParams {
  inputs: number;
  outputs: number;
  /** Hidden activation name, or the output activation for the last layer. */
  activation: ActivationName | OutputName;
  /** (outputs, inputs) row-major. */
  weights: Float64Array;
  biases: Float64Array;
  /** Index of weights[0] in getParams(); the biases follow the weights. */
  offset: number;
}

export interface CollapseResult {
  /** A in z = A x + c, (outputs, inputs) row-major; x the input features. */
  matrix: Float64Array;
  bias: Float64Array;
  inputs: number;
  outputs: number;
  /** With inputs: the largest |predict(x) - output(A x + c)|. */
  maxDifference?: number;
}

/** A network in the Wasm heap; dispose() frees it. */
export class Network {
  private constructor();
  readonly config: NormalisedConfig;
  /** Values per input row: 2 with features, else layers[0]. */
  readonly inputWidth: number;
  /** Values per label row: 1 for softmax (class index), else outputCount. */
  readonly labelWidth: number;
  /** The most rows one train() call takes for this network: MAX_TRAIN_BYTES / 8 / (inputWidth + labelWidth). */
  readonly maxTrainRows: number;
  readonly outputCount: number;
  readonly paramCount: number;
  readonly neuronCount: number;
  /** Epochs completed over the network's life (C owns the count; restored by networkFromJSON). */
  readonly epochs: number;
  readonly disposed: boolean;

  /**
   * Trains more epochs (default 1). Epoch k visits the rows in an order drawn
   * from (seed, k): any split of the epochs into calls gives the same network.
   * Throws ActLabError('diverged') on a NaN/inf loss or step, leaving the
   * network as it was after its last completed epoch.
   */
  train(inputs: Rows, labels: Rows, options?: { epochs?: number }): { loss: number; epochs: number };
  train(data: BoundData, options?: { epochs?: number }): { loss: number; epochs: number };
  /**
   * Changes training options, keeping the parameters, the epoch count and
   * (unless the optimizer changes) the moments. Returns the new config.
   */
  setTrainingOptions(options: TrainingOptions): NormalisedConfig;
  /** Outputs after the output activation, (rows, outputCount). */
  predict(inputs: Rows): Float64Array;
  /** The output layer's pre-activations z (the logits), before the output activation: (rows, outputCount). */
  logits(inputs: Rows): Float64Array;
  /** Mean loss and accuracy (null for regression). */
  evaluate(inputs: Rows, labels: Rows): { loss: number; accuracy: number | null };
  evaluate(data: BoundData): { loss: number; accuracy: number | null };
  /** Loss (with regularisation) and its gradient over up to max(256, batchSize) rows. */
  lossGradient(inputs: Rows, labels: Rows): { loss: number; gradient: Float64Array };
  /** Predictions (and neuron outputs) over a grid of 2-D points. */
  grid(options?: GridOptions): GridResult;
  /** Every neuron's output per row, (neuronCount, rows). */
  neuronOutputs(inputs: Rows): Float64Array;
  /** The input features the first layer sees, (rows, layers[0]). */
  features(inputs: Rows): Float64Array;
  /** Per hidden and output layer. */
  layerStats(inputs: Rows, options?: LayerStatsOptions): LayerStats[];
  /** Gradient norm per layer at the last training step. */
  gradientNorms(): Float64Array;
  getParams(): Float64Array;
  /** Replaces every parameter; resets the optimiser's moments, keeps the epoch count. */
  setParams(values: NumberArray): void;
  /** Changes one parameter (getParams() index), keeping the optimiser's state: training continues from the edit. */
  setParam(index: number, value: number): void;
  layers(): LayerParams[];
  /** The single affine map of an all-identity network; throws 'unsupported' otherwise. */
  collapse(inputs?: Rows): CollapseResult;
  toJSON(): NetworkJSON;
  /**
   * The network as PyTorch, Keras 3 or TF.js code that defines model
   * (outputs logits), features(points) and predict(points) (what predict()
   * returns); PyTorch also loss_fn, penalty, optimizer (with this network's
   * optimiser state) and train_step, which continue training exactly.
   */
  exportCode(framework: ExportFramework, options?: ExportOptions): string;
  /** Idempotent. */
  dispose(): void;
}
