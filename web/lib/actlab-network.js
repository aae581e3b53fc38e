// actlab-network.js - networks over the ActLab Wasm core (the network half
// of the API; web/lib/actlab.js creates them, actlab-config.js checks their
// configs, actlab-data.js binds their data).
//
// The C engine owns a network's whole life: parameters, optimiser moments,
// step and epoch counts, and the order of every epoch's batches. Every call
// here reads its arguments (and any getters in them) completely before it
// takes the network's pointer.

import {
  ActLabError, MAX_LENGTH, describe, isPlainObject, readRows, readNumbers, checkOptions, numberOption,
  integerOption, booleanOption, closest, quote,
} from './actlab-base.js';
import {
  TRAINING_KEYS, NUMBER_FIELDS, configError, choice, isInt32, configView, checkStruct, normaliseConfig, freezeConfig,
} from './actlab-config.js';
import { BoundData, boundInfo } from './actlab-data.js';
import { exportArgs, writeExport } from './actlab-export.js';

/**
 * The most bytes of training rows one train() call accepts: rows x (inputWidth
 * + labelWidth) doubles (the C engine's AL_NET_MAX_TRAIN_BYTES; also
 * lab.networkOptions.limits.trainBytes): 128 MiB.
 */
export const MAX_TRAIN_BYTES = 134217728;
const MAX_EPOCHS = 1000000;
const MAX_BINS = 1000; // AL_NET_MAX_BINS

// layerStats's range option: {output, pre, gradient}, each [lo, hi] finite with
// lo < hi, as 6 numbers for C (NaN, NaN: from the data).
function readRanges(fn, range) {
  if (range === undefined) return new Float64Array(6).fill(NaN);
  if (!isPlainObject(range)) {
    throw new TypeError(`${fn}: range must be an object like {output: [-1, 1]}, got ${describe(range)}`);
  }
  const kinds = ['output', 'pre', 'gradient'];
  for (const key of Object.keys(range)) {
    if (!kinds.includes(key)) {
      const guess = closest(key, kinds);
      throw new ActLabError('invalid_param', `${fn}: range.${key} is not a histogram; the kinds are ${kinds.join(', ')}` +
        (guess ? ` (did you mean ${guess}?)` : ''), { param: `range.${key}`, allowed: kinds, suggestion: guess });
    }
  }
  const out = new Float64Array(6).fill(NaN);
  kinds.forEach((k, i) => {
    const r = range[k];
    if (r === undefined) return;
    const ok = Array.isArray(r) && r.length === 2 && r.every(Number.isFinite) && r[0] < r[1] && Number.isFinite(r[1] - r[0]);
    if (!ok) {
      throw new ActLabError('invalid_param', `${fn}: range.${k} must be [lo, hi], finite numbers with lo < hi; ` +
        `got ${describe(r)}`, { param: `range.${k}`, value: r });
    }
    out.set(r, 2 * i);
  });
  return out;
}
const JSON_FORMAT = 'actlab-network';
const JSON_VERSION = 2;
const TOKEN = Symbol('internal');

// ---- the network --------------------------------------------------------------------

let restoreState; // (net, fn, epochs, saved): epochs and optimiser state from a saved file

// Frees the C network of a Network that was garbage-collected undisposed.
const finalizer = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, ptr }) => core.c.al_net_free(ptr)) : null;

/**
 * A multilayer perceptron in the Wasm heap. Create with lab.createNetwork();
 * call dispose() when done (a forgotten network is freed when collected).
 */
export class Network {
  #core;
  #lab;
  #vocab;
  #ptr = 0;
  #config;
  #holder = {};

  constructor(token, core, lab, vocab, built) {
    if (token !== TOKEN) throw new TypeError('Network: use lab.createNetwork(config)');
    this.#core = core;
    this.#lab = lab;
    this.#vocab = vocab;
    const c = core.c;
    this.#ptr = core.withBytes([vocab.layout.size, 4], ([cp, sp]) => {
      built.write(cp);
      const ptr = c.al_net_create(cp, sp);
      if (!ptr) core.check(core.i32(sp, 1)[0], 'createNetwork');
      return ptr;
    });
    this.#config = freezeConfig(built.normal);
    /** Values per input row (2 with features, else layers[0]). */
    this.inputWidth = c.al_net_input_width(this.#ptr);
    /** Values per label row (1 for softmax: a class index; else the output count). */
    this.labelWidth = c.al_net_label_width(this.#ptr);
    /** Output units. */
    this.outputCount = built.normal.layers[built.normal.layers.length - 1];
    /** Number of weights and biases. */
    this.paramCount = c.al_net_param_count(this.#ptr);
    /** Neurons in hidden and output layers (rows of neuronOutputs()). */
    this.neuronCount = c.al_net_neuron_count(this.#ptr);
    finalizer?.register(this, { core, ptr: this.#ptr }, this.#holder);
  }

  /** The config, normalised: every key present, activations as {name, params}; training options as last set. */
  get config() { return this.#config; }

  /** Epochs completed over the network's life (kept by toJSON; restored by networkFromJSON). */
  get epochs() { return this.#ptr ? this.#core.c.al_net_epoch_count(this.#ptr) : 0; }

  /** True after dispose(). */
  get disposed() { return this.#ptr === 0; }

  /** Frees the network; calling it again does nothing. */
  dispose() {
    if (this.#ptr === 0) return;
    finalizer?.unregister(this.#holder);
    this.#core.c.al_net_free(this.#ptr);
    this.#ptr = 0;
  }

  #alive(fn) {
    if (this.#ptr === 0) throw new ActLabError('disposed', `${fn}: this network has been disposed; create a new one`);
    return this.#ptr;
  }

  #inputs(fn, value) {
    const read = readRows(fn, 'inputs', value, this.inputWidth);
    const bad = this.#squaring() ? read.data.findIndex((v) => !(Math.abs(v) < SQUARE_LIMIT)) : -1;
    if (bad >= 0) {
      throw new ActLabError('invalid_input', `${fn}: inputs row ${Math.floor(bad / 2)} column ${bad % 2} is ` +
        `${read.data[bad]}; this network squares its inputs (${this.#squaring()}), which overflows beyond ${SQUARE_LIMIT.toPrecision(3)}`,
      { argument: 'inputs', row: Math.floor(bad / 2), column: bad % 2, value: read.data[bad] });
    }
    return read;
  }

  // The first feature that multiplies inputs together (their product overflows first), or null.
  #squaring() { return this.#config.features?.find((f) => PRODUCT_FEATURES.includes(f)) ?? null; }

  // Labels read as rows (checked against the head by C once the pointer is taken).
  #labels(fn, value, rows) {
    const y = readRows(fn, 'labels', value, this.labelWidth, { finite: false });
    if (y.rows !== rows) {
      throw new ActLabError('bad_size', `${fn}: inputs has ${rows} rows but labels has ${y.rows}` +
        (this.labelWidth > 1 ? ` (${this.labelWidth} values per row)` : ''), { inputs: rows, labels: y.rows });
    }
    return y.data;
  }

  // The error for label `index` (value v) that the head refuses.
  #labelError(fn, index, v) {
    const { output } = this.#config;
    const here = output === 'softmax' ? ` (here 0 to ${this.outputCount - 1})` : '';
    return new ActLabError('invalid_label', `${fn}: labels[${index}] is ${v}; with output ${output} labels must be ` +
      `${this.#vocab.labelRules[output]}${here}`, { index, value: v, output });
  }

  // Copies rows (and labels) into the heap, checks the labels in C, runs call(ptrs...), frees.
  #withData(fn, ptr, x, labels, extra, call) {
    const core = this.#core;
    return core.withDoubles([x.data.length, labels ? labels.length : 0, 1, ...extra], ([xp, yp, bp, ...rest]) => {
      core.f64(xp, x.data.length).set(x.data);
      if (labels) {
        core.f64(yp, labels.length).set(labels);
        if (core.c.al_net_check_labels_at(ptr, yp, x.rows, bp) !== 0) {
          const index = core.u32(bp, 1)[0];
          throw this.#labelError(fn, index, labels[index]);
        }
      }
      return call(xp, yp, ...rest);
    });
  }

  // Bound data this network can use: {ptr, rows, ...} from its private fields.
  #bound(fn, data) {
    const info = boundInfo(data, this.#core, fn);
    if (info.inputWidth !== this.inputWidth || info.labelWidth !== this.labelWidth) {
      throw new ActLabError('bad_size', `${fn}: the bound data has ${info.inputWidth} input and ` +
        `${info.labelWidth} label value(s) per row; this network takes ${this.inputWidth} and ${this.labelWidth}`,
      { inputWidth: info.inputWidth, labelWidth: info.labelWidth });
    }
    return info;
  }

  #checkBound(fn, ptr, dp) {
    const core = this.#core;
    core.withBytes([4], ([bp]) => {
      const st = core.c.al_net_check_data(ptr, dp, bp);
      if (st === 0) return;
      if (core.code(st) !== 'invalid_label') core.check(st, fn);
      throw new ActLabError('invalid_label', `${fn}: label ${core.u32(bp, 1)[0]} of the bound data does not suit ` +
        `output ${this.#config.output}: labels must be ${this.#vocab.labelRules[this.#config.output]}`,
      { index: core.u32(bp, 1)[0], output: this.#config.output });
    });
  }

  /**
   * Trains `epochs` more epochs (default 1) on (inputs, labels) or on bound
   * data: train(bound, options). Epoch k of the network's life visits the
   * rows in an order drawn from (seed, k), so any split of the epochs into
   * calls gives the same network bit for bit.
   * @returns {{loss: number, epochs: number}} mean loss over the last epoch; epochs so far
   * @throws {ActLabError} code 'diverged' if the loss or a step became NaN or infinite;
   *   the network is then as it was after its last completed epoch
   */
  train(inputs, labels, options) {
    const fn = 'train';
    this.#alive(fn);
    const bound = inputs instanceof BoundData;
    const o = checkOptions(fn, bound ? labels : options, ['epochs']);
    const epochs = integerOption(fn, o, 'epochs', 1, 1, MAX_EPOCHS);
    const run = (ptr, call) => this.#core.withDoubles([1], ([lp]) => {
      const st = call(lp);
      const loss = this.#core.f64(lp, 1)[0];
      if (st !== 0 && this.#core.code(st) === 'diverged') {
        throw new ActLabError('diverged', `${fn}: training diverged (the loss became ${loss}); the network is as ` +
          `it was after epoch ${this.epochs}. Lower the learning rate (setTrainingOptions) and train on, or ` +
          'start again with a smaller initialisation.', { loss, learningRate: this.#config.learningRate, epochs: this.epochs });
      }
      this.#core.check(st, fn);
      return { loss, epochs: this.epochs };
    });
    if (bound) {
      const data = this.#bound(fn, inputs);
      this.#trainRows(fn, data.rows);
      const ptr = this.#alive(fn);
      this.#checkBound(fn, ptr, data.ptr);
      return run(ptr, (lp) => this.#core.c.al_net_train_data(ptr, data.ptr, epochs, lp));
    }
    const x = this.#inputs(fn, inputs);
    this.#trainRows(fn, x.rows);
    const y = this.#labels(fn, labels, x.rows);
    const ptr = this.#alive(fn);
    return this.#withData(fn, ptr, x, y, [], (xp, yp) => run(ptr, (lp) => this.#core.c.al_net_train(ptr, xp, yp, x.rows, epochs, lp)));
  }

  /** The most rows one train() call takes for this network's widths. */
  get maxTrainRows() {
    return Math.floor(MAX_TRAIN_BYTES / 8 / (this.inputWidth + this.labelWidth));
  }

  #trainRows(fn, rows) {
    const limit = this.maxTrainRows;
    if (rows > limit) {
      const width = this.inputWidth + this.labelWidth;
      throw new ActLabError('bad_size', `${fn}: ${rows} rows of ${width} values take ${rows * width * 8} bytes, more than ` +
        `the ${MAX_TRAIN_BYTES} (128 MiB, MAX_TRAIN_BYTES) one call trains on: at most ${limit} rows for this network`,
        { rows, limit, bytes: MAX_TRAIN_BYTES });
    }
  }

  /**
   * Changes training options without touching the parameters, the epoch
   * count or (unless the optimizer changes) the optimiser's moments. Any of
   * learningRate, batchSize, l1, l2, momentum, beta1, beta2, epsilon,
   * optimizer; config shows the new values. A bad value throws
   * invalid_config naming the key and changes nothing.
   * @returns {object} the new config
   */
  setTrainingOptions(options) {
    const fn = 'setTrainingOptions';
    this.#alive(fn);
    if (!isPlainObject(options)) {
      throw new TypeError(`${fn}: options must be a plain object like {learningRate: 0.01}, got ${describe(options)}`);
    }
    const given = {};
    for (const key of Object.keys(options)) {
      if (!TRAINING_KEYS.includes(key)) {
        const guess = closest(key, TRAINING_KEYS);
        const what = Object.hasOwn(this.#config, key) ? `cannot change without starting again (create a new network); ` : 'is not a training option' +
          (guess ? ` (did you mean ${guess}?)` : '') + '; ';
        throw configError(fn, quote(key), `${what}the training options are ${TRAINING_KEYS.join(', ')}`,
          { key, allowed: TRAINING_KEYS, suggestion: guess });
      }
      given[key] = options[key];
    }
    const vocab = this.#vocab;
    const optimizer = choice(fn, 'optimizer', given.optimizer, vocab.optimizer, this.#config.optimizer);
    const core = this.#core;
    const ptr = this.#alive(fn);
    const next = core.withBytes([vocab.layout.size], ([cp]) => {
      new Uint8Array(core.c.memory.buffer, cp, vocab.layout.size)
        .set(new Uint8Array(core.c.memory.buffer, core.c.al_net_get_config(ptr), vocab.layout.size));
      const s = configView(core, vocab.layout, cp);
      s.put32('optimizer', vocab.optimizer.indexOf(optimizer));
      for (const [key, field] of Object.entries(NUMBER_FIELDS)) {
        if (given[key] !== undefined) s.putF(field, typeof given[key] === 'number' ? given[key] : NaN);
      }
      if (given.batchSize !== undefined) s.put32('batch_size', isInt32(given.batchSize) ? given.batchSize : -1);
      checkStruct(fn, core, cp, given, (pp) => core.c.al_net_set_training(ptr, cp, pp));
      const read = Object.fromEntries(Object.entries(NUMBER_FIELDS).map(([key, field]) => [key, s.getF(field)]));
      return { ...read, optimizer, batchSize: s.get32('batch_size') };
    });
    this.#config = freezeConfig({ ...this.#config, ...next });
    return this.#config;
  }

  /** Outputs after the head, row-major (rows, outputCount). */
  predict(inputs) {
    return this.#perRow('predict', inputs, this.outputCount, 'outputs', (c) => c.al_net_predict);
  }

  /**
   * The output layer's pre-activations z for each input row, before the output
   * activation: the logits of a softmax or sigmoid output. (rows, outputCount).
   */
  logits(inputs) {
    return this.#perRow('logits', inputs, this.outputCount, 'logits', (c) => c.al_net_logits);
  }

  // A Float64Array of width values per input row from the C function that
  // pick(core.c) names (called as f(ptr, inputs, rows, out)); past
  // MAX_LENGTH values, a clear refusal.
  #perRow(fn, inputs, width, what, pick) {
    this.#alive(fn);
    const x = this.#inputs(fn, inputs);
    const m = x.rows * width;
    if (m > MAX_LENGTH) {
      throw new ActLabError('bad_size', `${fn}: ${x.rows} rows give ${x.rows} x ${width} = ${m} ${what}; the limit is ` +
        `${MAX_LENGTH}: ask in smaller parts`, { rows: x.rows, width, limit: MAX_LENGTH });
    }
    const ptr = this.#alive(fn);
    return this.#withData(fn, ptr, x, null, [m], (xp, _yp, op) => {
      this.#core.check(pick(this.#core.c)(ptr, xp, x.rows, op), fn);
      return this.#core.copy(op, m);
    });
  }

  /**
   * Mean loss (without regularisation) and accuracy: the share of correct
   * labels (for sigmoid, per unit); null for regression (identity output).
   * evaluate(inputs, labels) or evaluate(bound).
   * @returns {{loss: number, accuracy: number|null}}
   */
  evaluate(inputs, labels) {
    const fn = 'evaluate';
    this.#alive(fn);
    const core = this.#core;
    const result = (call) => core.withDoubles([2], ([rp]) => {
      core.check(call(rp), fn);
      const [loss, accuracy] = core.f64(rp, 2);
      return { loss, accuracy: Number.isNaN(accuracy) ? null : accuracy };
    });
    if (inputs instanceof BoundData) {
      const data = this.#bound(fn, inputs);
      const ptr = this.#alive(fn);
      this.#checkBound(fn, ptr, data.ptr);
      return result((rp) => core.c.al_net_evaluate_data(ptr, data.ptr, rp, rp + 8));
    }
    const x = this.#inputs(fn, inputs);
    const y = this.#labels(fn, labels, x.rows);
    const ptr = this.#alive(fn);
    return this.#withData(fn, ptr, x, y, [], (xp, yp) => result((rp) => core.c.al_net_evaluate(ptr, xp, yp, x.rows, rp, rp + 8)));
  }

  /**
   * The training loss (data loss + regularisation) over up to max(256,
   * batchSize) rows and its gradient with respect to every parameter (the
   * getParams() layout), without changing the network. For gradient checks.
   * @returns {{loss: number, gradient: Float64Array}}
   */
  lossGradient(inputs, labels) {
    const fn = 'lossGradient';
    this.#alive(fn);
    const x = this.#inputs(fn, inputs);
    const limit = Math.max(256, this.#config.batchSize);
    if (x.rows > limit) {
      throw new ActLabError('bad_size', `${fn}: ${x.rows} rows; at most ${limit} at once`, { rows: x.rows, limit });
    }
    const y = this.#labels(fn, labels, x.rows);
    const ptr = this.#alive(fn);
    return this.#withData(fn, ptr, x, y, [1, this.paramCount], (xp, yp, lp, gp) => {
      this.#core.check(this.#core.c.al_net_loss_gradient(ptr, xp, yp, x.rows, lp, gp), fn);
      return { loss: this.#core.f64(lp, 1)[0], gradient: this.#core.copy(gp, this.paramCount) };
    });
  }

  /**
   * Predictions over a resolution x resolution grid of 2-D points: columns run
   * x1 from xMin to xMax, rows x2 from yMax down to yMin (image order).
   * @param {{xMin?: number, xMax?: number, yMin?: number, yMax?: number,
   *   resolution?: number, neurons?: boolean, into?: object}} [options] defaults -6, 6, -6, 6, 50, false
   * @returns {{outputs: Float64Array, neurons: Float64Array|null, resolution: number}}
   *   outputs (resolution², outputCount); neurons (neuronCount, resolution²) if asked
   */
  grid(options) {
    const fn = 'grid';
    this.#alive(fn);
    const o = checkOptions(fn, options, ['xMin', 'xMax', 'yMin', 'yMax', 'resolution', 'neurons', 'into']);
    const any = () => true;
    const xMin = numberOption(fn, o, 'xMin', -6, any, 'a finite number');
    const xMax = numberOption(fn, o, 'xMax', 6, any, 'a finite number');
    const yMin = numberOption(fn, o, 'yMin', -6, any, 'a finite number');
    const yMax = numberOption(fn, o, 'yMax', 6, any, 'a finite number');
    const res = integerOption(fn, o, 'resolution', 50, 2, 1000);
    const withNeurons = booleanOption(fn, o, 'neurons', false);
    if (!(xMin < xMax && yMin < yMax)) {
      throw new ActLabError('invalid_param', `${fn}: the range must have xMin < xMax and yMin < yMax, got ` +
        `x ${xMin}..${xMax}, y ${yMin}..${yMax}`, { xMin, xMax, yMin, yMax });
    }
    if (!(Number.isFinite(xMax - xMin) && Number.isFinite(yMax - yMin))) {
      throw new ActLabError('invalid_param', `${fn}: the range x ${xMin}..${xMax}, y ${yMin}..${yMax} is wider ` +
        'than the largest number', { xMin, xMax, yMin, yMax });
    }
    if (!this.#config.features) {
      throw new ActLabError('unsupported', `${fn}: this network takes ${this.inputWidth} raw inputs, not ` +
        '2-D points; give it features (or layers[0] = 2) to draw a grid', {});
    }
    if (this.#squaring() && !(Math.max(-xMin, xMax, -yMin, yMax) < SQUARE_LIMIT)) {
      throw new ActLabError('invalid_param', `${fn}: the range x ${xMin}..${xMax}, y ${yMin}..${yMax} reaches beyond ` +
        `${SQUARE_LIMIT.toPrecision(3)}, where this network's feature ${this.#squaring()} overflows`, { xMin, xMax, yMin, yMax });
    }
    const points = res * res;
    const m = points * this.outputCount;
    const nn = withNeurons ? this.neuronCount * points : 0;
    const into = o.into === undefined ? undefined : gridTarget(fn, o.into, m, nn);
    const ptr = this.#alive(fn);
    const core = this.#core;
    return core.withDoubles([m, nn], ([op, np]) => {
      core.check(core.c.al_net_grid(ptr, xMin, xMax, yMin, yMax, res, op, withNeurons ? np : 0), fn);
      const outputs = core.copy(op, m, into?.outputs);
      const neurons = withNeurons ? core.copy(np, nn, into?.neurons) : null;
      if (!into) return { outputs, neurons, resolution: res };
      into.target.resolution = res;
      return into.target;
    });
  }

  /** Every neuron's output for each input row: (neuronCount, rows), neuron-major. */
  neuronOutputs(inputs) {
    return this.#perRow('neuronOutputs', inputs, this.neuronCount, 'neuron outputs', (c) => c.al_net_neuron_outputs);
  }

  /** The input features the first layer sees for each row: (rows, layers[0]). */
  features(inputs) {
    return this.#perRow('features', inputs, this.#config.layers[0], 'feature values', (c) => c.al_net_features);
  }

  /**
   * Per hidden and output layer over the inputs: mean and std of its outputs,
   * the share of (row, neuron) pairs whose slope |f'(z)| is below 1% of the
   * activation's peak (saturated), and the share of neurons with f'(z) = 0 for
   * every row (dead). saturated/dead are null for a softmax output.
   * With options.bins (1..1000), also histograms in that many equal bins, computed
   * in C: `histogram` of the layer's outputs f(z), `preHistogram` of its
   * pre-activations z and, with options.labels, `gradientHistogram` of each row's
   * own dLoss/dz; each {edges (bins + 1), counts (bins)}, counts summing to
   * rows x units. options.range: {output, pre, gradient}, each [lo, hi]; a kind
   * without one spans the smallest to largest value over the hidden layers (one
   * scale for them all), and the output layer's own values for the output layer.
   * @returns {{mean: number, std: number, saturated: number|null, dead: number|null,
   *   histogram?, preHistogram?, gradientHistogram?}[]}
   */
  layerStats(inputs, options) {
    const fn = 'layerStats';
    this.#alive(fn);
    const o = checkOptions(fn, options, ['bins', 'labels', 'range']);
    const bins = integerOption(fn, o, 'bins', 0, 1, MAX_BINS);
    if (!bins && (o.labels !== undefined || o.range !== undefined)) {
      throw new ActLabError('invalid_param', `${fn}: labels and range are for histograms; give bins (1 to ${MAX_BINS}) too`,
        { param: o.labels !== undefined ? 'labels' : 'range' });
    }
    const ranges = bins ? readRanges(fn, o.range) : null;
    const x = this.#inputs(fn, inputs);
    const y = o.labels === undefined ? null : this.#labels(fn, o.labels, x.rows);
    const L = this.#config.layers.length - 1;
    const ptr = this.#alive(fn);
    const stats = this.#withData(fn, ptr, x, null, [4 * L], (xp, _yp, sp) => {
      this.#core.check(this.#core.c.al_net_layer_stats(ptr, xp, x.rows, sp), fn);
      const s = this.#core.f64(sp, 4 * L);
      const nullable = (v) => (Number.isNaN(v) ? null : v);
      return Array.from({ length: L }, (_, l) => ({
        mean: s[4 * l], std: s[4 * l + 1], saturated: nullable(s[4 * l + 2]), dead: nullable(s[4 * l + 3]),
      }));
    });
    if (!bins) return stats;
    return this.#withData(fn, ptr, x, y, [6, 3 * L * (bins + 1), 3 * L * bins], (xp, yp, rp, ep, cp) => {
      this.#core.f64(rp, 6).set(ranges);
      this.#core.check(this.#core.c.al_net_layer_histograms(ptr, xp, y ? yp : 0, x.rows, bins, rp, ep, cp), fn);
      const edges = this.#core.f64(ep, 3 * L * (bins + 1));
      const counts = this.#core.f64(cp, 3 * L * bins);
      const part = (l, k) => ({ edges: edges.slice((l * 3 + k) * (bins + 1), (l * 3 + k + 1) * (bins + 1)),
        counts: counts.slice((l * 3 + k) * bins, (l * 3 + k + 1) * bins) });
      return stats.map((st, l) => ({ ...st, histogram: part(l, 0), preHistogram: part(l, 1),
        ...(y ? { gradientHistogram: part(l, 2) } : {}) }));
    });
  }

  /** Norm of each layer's gradient (weights and biases) at the last training step; zeros before training. */
  gradientNorms() {
    const fn = 'gradientNorms';
    const ptr = this.#alive(fn);
    const L = this.#config.layers.length - 1;
    return this.#core.withDoubles([L], ([np]) => {
      this.#core.check(this.#core.c.al_net_grad_norms(ptr, np), fn);
      return this.#core.copy(np, L);
    });
  }

  /** Every weight and bias: per layer, W (outputs, inputs) row-major then b. */
  getParams() {
    const fn = 'getParams';
    const ptr = this.#alive(fn);
    const n = this.paramCount;
    return this.#core.withDoubles([n], ([pp]) => {
      this.#core.check(this.#core.c.al_net_get_params(ptr, pp, n), fn);
      return this.#core.copy(pp, n);
    });
  }

  /** Replaces every weight and bias (getParams() layout); resets the optimiser's moments, keeps the epoch count. */
  setParams(values) {
    const fn = 'setParams';
    this.#alive(fn);
    const n = this.paramCount;
    const x = readRows(fn, 'values', values, 1);
    if (x.rows !== n) {
      throw new ActLabError('bad_size', `${fn}: this network has ${n} parameters, got ${x.rows} values`,
        { expected: n, length: x.rows });
    }
    const ptr = this.#alive(fn);
    this.#core.withDoubles([n], ([pp]) => {
      this.#core.f64(pp, n).set(x.data);
      this.#core.check(this.#core.c.al_net_set_params(ptr, pp, n), fn);
    });
  }

  /**
   * Changes one weight or bias (index in the getParams() layout) and keeps
   * everything else, the optimiser's moments included: training continues
   * from the edit.
   */
  setParam(index, value) {
    const fn = 'setParam';
    this.#alive(fn);
    if (!Number.isInteger(index) || index < 0 || index >= this.paramCount) {
      throw new ActLabError('bad_size', `${fn}: index must be an integer from 0 to ${this.paramCount - 1}, got ` +
        `${describe(index)}`, { index, count: this.paramCount });
    }
    if (typeof value !== 'number') throw new TypeError(`${fn}: value must be a number, got ${describe(value)}`);
    if (!Number.isFinite(value)) {
      throw new ActLabError('invalid_input', `${fn}: value must be a finite number, got ${value}`, { value });
    }
    this.#core.check(this.#core.c.al_net_set_param(this.#alive(fn), index, value), fn);
  }

  /**
   * The parameters by layer: [{inputs, outputs, activation, weights, biases, offset}],
   * weights (outputs, inputs) row-major; offset: where the layer's weights start in getParams().
   * activation of the last layer is the output.
   */
  layers() {
    const p = this.getParams();
    const { layers, activation, output } = this.#config;
    const result = [];
    let off = 0;
    for (let l = 1; l < layers.length; l++) {
      const nin = layers[l - 1];
      const nout = layers[l];
      const weights = p.slice(off, off + nin * nout);
      const biases = p.slice(off + nin * nout, off + nin * nout + nout);
      result.push({ inputs: nin, outputs: nout, activation: l < layers.length - 1 ? activation[l - 1].name : output,
        weights, biases, offset: off });
      off += nin * nout + nout;
    }
    return result;
  }

  /**
   * For a network whose hidden activations are all identity: the one affine
   * map z = A x + c it computes before the output activation (x the input
   * features). With `inputs`, also maxDifference: the largest difference
   * between predict(inputs) and the output activation applied to A x + c.
   * @returns {{matrix: Float64Array, bias: Float64Array, inputs: number, outputs: number,
   *   maxDifference?: number}} matrix (outputs, inputs) row-major
   * @throws {ActLabError} 'unsupported' if a hidden activation is not identity
   */
  collapse(inputs) {
    const fn = 'collapse';
    this.#alive(fn);
    const bad = this.#config.activation.findIndex((a) => a.name !== 'identity');
    if (bad >= 0) {
      throw new ActLabError('unsupported', `${fn}: only a network whose hidden activations are all identity ` +
        `collapses to one affine map; hidden layer ${bad + 1} uses ${this.#config.activation[bad].name}`,
      { layer: bad + 1, activation: this.#config.activation[bad].name });
    }
    const x = inputs === undefined ? null : this.#inputs(fn, inputs);
    const n0 = this.#config.layers[0];
    const k = this.outputCount;
    const ptr = this.#alive(fn);
    const result = this.#core.withDoubles([k * n0, k], ([ap, cp]) => {
      this.#core.check(this.#core.c.al_net_collapse(ptr, ap, cp), fn);
      return { matrix: this.#core.copy(ap, k * n0), bias: this.#core.copy(cp, k), inputs: n0, outputs: k };
    });
    if (x) {
      const predicted = this.predict(x.data);
      const feats = this.features(x.data);
      const z = new Float64Array(x.rows * k);
      for (let r = 0; r < x.rows; r++) {
        for (let j = 0; j < k; j++) {
          let s = result.bias[j];
          for (let i = 0; i < n0; i++) s += result.matrix[j * n0 + i] * feats[r * n0 + i];
          z[r * k + j] = s;
        }
      }
      const out = this.#head(z, x.rows);
      let max = 0;
      for (let i = 0; i < out.length; i++) max = Math.max(max, Math.abs(out[i] - predicted[i]));
      result.maxDifference = max;
    }
    return result;
  }

  // The output activation applied to pre-activations z (rows, outputCount).
  #head(z, rows) {
    const { output } = this.#config;
    if (output === 'identity') return z;
    if (output !== 'softmax') return this.#lab.evaluate(output, z);
    const k = this.outputCount;
    const out = new Float64Array(z.length);
    for (let r = 0; r < rows; r++) out.set(this.#lab.softmax(z.subarray(r * k, (r + 1) * k)), r * k);
    return out;
  }

  /**
   * {format, version: 2, config, epochs, params, optimizerState: {steps, m?, v?}}:
   * everything lab.networkFromJSON needs to continue training bit for bit
   * (m for momentum and Adam, v for Adam).
   */
  toJSON() {
    const fn = 'toJSON';
    const ptr = this.#alive(fn);
    const params = Array.from(this.getParams());
    const n = this.paramCount;
    const core = this.#core;
    const state = core.withDoubles([2 + 2 * n], ([sp]) => {
      core.check(core.c.al_net_get_state(ptr, sp, 2 + 2 * n), fn);
      return core.copy(sp, 2 + 2 * n);
    });
    const optimizerState = { steps: state[1] };
    if (this.#config.optimizer !== 'sgd') optimizerState.m = Array.from(state.subarray(2, 2 + n));
    if (this.#config.optimizer === 'adam') optimizerState.v = Array.from(state.subarray(2 + n));
    const config = { ...this.#config, seed: typeof this.#config.seed === 'bigint' ? this.#config.seed.toString() : this.#config.seed };
    // initStd matters only to init 'normal': other files stay as earlier versions wrote (and read) them.
    if (config.init !== 'normal') delete config.initStd;
    return { format: JSON_FORMAT, version: JSON_VERSION, config: JSON.parse(JSON.stringify(config)), epochs: state[0],
      params, optimizerState };
  }

  /**
   * The network as code for another framework: `framework` 'pytorch',
   * 'keras' or 'tfjs'; comments in `language` 'en' (default) or 'zh'. The
   * code defines model (outputs logits), features(points) and
   * predict(points), which returns what this.predict returns; PyTorch's
   * also loss_fn, penalty, optimizer (with the optimiser's state) and
   * train_step, which continue training exactly as this network would.
   * @returns {string}
   */
  exportCode(framework, options) {
    const fn = 'exportCode';
    this.#alive(fn);
    const args = exportArgs(fn, framework, options);
    return writeExport(this.toJSON(), args.framework, args.language, this.#vocab.formulas);
  }

  static {
    // Restores epochs and optimiser state read from a saved file (networkFromJSON).
    restoreState = (net, fn, epochs, saved) => {
      const n = net.paramCount;
      const state = new Float64Array(2 + 2 * n);
      state[0] = epochs;
      if (saved) {
        state[1] = saved.steps;
        if (saved.m) state.set(saved.m, 2);
        if (saved.v) state.set(saved.v, 2 + n);
      }
      const core = net.#core;
      const ptr = net.#alive(fn);
      core.withDoubles([state.length], ([sp]) => {
        core.f64(sp, state.length).set(state);
        if (core.c.al_net_set_state(ptr, sp, state.length) !== 0) {
          throw new ActLabError('invalid_json', `${fn}: the optimiser state is not one training could reach ` +
            '(steps and epochs whole numbers >= 0, moments finite, v >= 0)', {});
        }
      });
    };
  }
}

// grid({into}): an earlier result (or any {outputs, neurons} object) whose
// Float64Arrays have the sizes this grid needs; they are filled in place.
function gridTarget(fn, into, m, nn) {
  if (!isPlainObject(into)) throw new TypeError(`${fn}: into must be an object, got ${describe(into)}`);
  const want = nn ? [['outputs', m], ['neurons', nn]] : [['outputs', m]];
  const got = { target: into };
  for (const [key, length] of want) {
    const a = into[key];
    if (!(a instanceof Float64Array) || !ArrayBuffer.isView(a) || a.length !== length) {
      throw new ActLabError('invalid_param', `${fn}: into.${key} must be a Float64Array of length ${length} ` +
        `for this resolution and network, got ${a instanceof Float64Array ? `length ${a.length}` : describe(a)}`,
      { param: `into.${key}`, expected: length });
    }
    got[key] = a;
  }
  return got;
}

// A value from a saved file, as a message shows it: a string quoted (and cut), a number as it is.
const shown = (v) => (typeof v === 'string' ? quote(v) : typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : describe(v));

// Inputs a network with a product feature takes: |x| below the square root of the largest double.
const PRODUCT_FEATURES = ['x1_sq', 'x2_sq', 'x1_x2'];
const SQUARE_LIMIT = Math.sqrt(Number.MAX_VALUE);

// ---- creating and restoring --------------------------------------------------------------

export function createNetwork(core, lab, vocab, config, resolve) {
  const built = normaliseConfig('createNetwork', config, { core, vocab, resolve });
  return new Network(TOKEN, core, lab, vocab, built);
}

// A number array of exactly n finite values from a saved file (read once), or an invalid_json error.
function savedArray(fn, what, value, n) {
  let values = null;
  try {
    values = Array.isArray(value) ? readNumbers(fn, what, value, { allowEmpty: true }) : null;
  } catch {
    values = null;
  }
  if (!values || values.length !== n || !values.every(Number.isFinite)) {
    const got = Array.isArray(value) ? `an array of length ${value.length}${values ? '' : ' with an element that is not a number'}`
      : describe(value);
    throw new ActLabError('invalid_json', `${fn}: ${what} must be an array of ${n} finite numbers, got ${got}`, { key: what });
  }
  return values;
}

/** lab.networkFromJSON: versions 1 (a fresh optimiser, the saved epoch count) and 2 (everything). */
export function networkFromJSON(core, lab, vocab, json, resolve) {
  const fn = 'networkFromJSON';
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (err) {
      throw new ActLabError('invalid_json', `${fn}: the text is not valid JSON (${err.message})`);
    }
  }
  if (!isPlainObject(data)) {
    throw new TypeError(`${fn}: expected the object from network.toJSON() or its JSON text, got ${describe(json)}`);
  }
  if (data.format !== JSON_FORMAT) {
    throw new ActLabError('invalid_json', `${fn}: format is ${shown(data.format)}, expected ` +
      `${JSON.stringify(JSON_FORMAT)}`, { format: data.format });
  }
  if (data.version !== 1 && data.version !== 2) {
    throw new ActLabError('invalid_json', `${fn}: version ${shown(data.version)} is not supported; ` +
      'this library reads versions 1 and 2', { version: data.version });
  }
  if (!Array.isArray(data.params)) throw new ActLabError('invalid_json', `${fn}: params must be an array of numbers`, {});
  const epochs = data.epochs ?? 0;
  if (!Number.isSafeInteger(epochs) || epochs < 0) {
    throw new ActLabError('invalid_json', `${fn}: epochs must be an integer >= 0, got ${describe(epochs)}`);
  }
  const network = createNetwork(core, lab, vocab, data.config, resolve);
  try {
    // Flat, this network's count, finite (a saved file's fault is invalid_json, whatever the shape).
    network.setParams(savedArray(fn, 'params', data.params, network.paramCount));
    let saved = null;
    if (data.version === 2) {
      const s = data.optimizerState;
      if (!isPlainObject(s) || !Number.isSafeInteger(s.steps) || s.steps < 0) {
        throw new ActLabError('invalid_json', `${fn}: optimizerState must be {steps, m, v} with steps an integer >= 0`, {});
      }
      const n = network.paramCount;
      const opt = network.config.optimizer;
      saved = { steps: s.steps, m: opt !== 'sgd' ? savedArray(fn, 'optimizerState.m', s.m, n) : null,
        v: opt === 'adam' ? savedArray(fn, 'optimizerState.v', s.v, n) : null };
    }
    restoreState(network, fn, epochs, saved);
  } catch (err) {
    network.dispose();
    throw err;
  }
  return network;
}
