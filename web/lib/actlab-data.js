// actlab-data.js - bound data: a training or test set copied into the Wasm
// heap once and checked once, for networks that train on it many times
// (lab.bindData; web/lib/actlab-network.js trains and evaluates on it).

import { ActLabError, readRows, checkOptions, integerOption } from './actlab-base.js';

const TOKEN = Symbol('internal');

/** (data, core, fn) -> {ptr, rows, inputWidth, labelWidth} of bound data, for Network (not part of the API). */
export let boundInfo;
const boundFinalizer = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, ptr }) => core.c.al_data_free(ptr)) : null;

/**
 * A training or test set copied into the Wasm heap once and checked once
 * (lab.bindData): train() and evaluate() then use it without copying or
 * checking the rows again. Call dispose() when done.
 */
export class BoundData {
  #core;
  #ptr = 0;
  #holder = {};
  #rows;
  #inputWidth;
  #labelWidth;

  constructor(token, core, x, y, inputWidth, labelWidth) {
    if (token !== TOKEN) throw new TypeError('BoundData: use lab.bindData(inputs, labels)');
    this.#core = core;
    this.#ptr = core.withDoubles([x.data.length, y.data.length, 1], ([xp, yp, bp]) => {
      core.f64(xp, x.data.length).set(x.data);
      core.f64(yp, y.data.length).set(y.data);
      return core.withBytes([4], ([sp]) => {
        const ptr = core.c.al_data_create(xp, inputWidth, yp, labelWidth, x.rows, bp, sp);
        if (!ptr) core.check(core.i32(sp, 1)[0], 'bindData');
        return ptr;
      });
    });
    this.#rows = x.rows;
    this.#inputWidth = inputWidth;
    this.#labelWidth = labelWidth;
    boundFinalizer?.register(this, { core, ptr: this.#ptr }, this.#holder);
  }

  /** Rows of data. */
  get rows() { return this.#rows; }
  /** Values per input row. */
  get inputWidth() { return this.#inputWidth; }
  /** Values per label row. */
  get labelWidth() { return this.#labelWidth; }

  /** True after dispose(). */
  get disposed() { return this.#ptr === 0; }

  /** Frees the copy; calling it again does nothing. */
  dispose() {
    if (this.#ptr === 0) return;
    boundFinalizer?.unregister(this.#holder);
    this.#core.c.al_data_free(this.#ptr);
    this.#ptr = 0;
  }

  static {
    // From the private fields only: no caller's code runs while a network uses it.
    boundInfo = (data, core, fn) => {
      if (data.#core !== core) {
        throw new ActLabError('invalid_input', `${fn}: this data was bound by another ActLab instance`);
      }
      if (data.#ptr === 0) throw new ActLabError('disposed', `${fn}: this bound data has been disposed`);
      return { ptr: data.#ptr, rows: data.#rows, inputWidth: data.#inputWidth, labelWidth: data.#labelWidth };
    };
  }
}

// The engine's AL_NET_MAX_INPUTS and AL_NET_MAX_OUTPUTS.
const MAX_INPUT_WIDTH = 784;
const MAX_LABEL_WIDTH = 10;

/** lab.bindData(inputs, labels, {inputWidth, labelWidth}). */
export function bindData(core, inputs, labels, options) {
  const fn = 'bindData';
  const o = checkOptions(fn, options, ['inputWidth', 'labelWidth']);
  const iw = integerOption(fn, o, 'inputWidth', null, 1, MAX_INPUT_WIDTH);
  const lw = integerOption(fn, o, 'labelWidth', 1, 1, MAX_LABEL_WIDTH);
  const y = readRows(fn, 'labels', labels, lw, { finite: false });
  // Flat inputs without inputWidth: as many values per row as the labels' rows divide them into.
  const x = readRows(fn, 'inputs', inputs, iw, { rowsHint: y.rows });
  if (x.width > MAX_INPUT_WIDTH) {
    throw new ActLabError('bad_size', `${fn}: rows of ${x.width} inputs; at most ${MAX_INPUT_WIDTH}`, { width: x.width });
  }
  if (y.rows !== x.rows) {
    throw new ActLabError('bad_size', `${fn}: inputs has ${x.rows} rows but labels has ${y.rows}`,
      { inputs: x.rows, labels: y.rows });
  }
  return new BoundData(TOKEN, core, x, y, x.width, lw);
}
