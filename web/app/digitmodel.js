// The digits widget without the DOM: its data split, the network config its
// state describes, the race's entrants, and the figures drawn from a
// network's test predictions (the confusion matrix and the mistakes).
// Node tests use these directly.

import { layerActivation } from './pgsession.js';

/** The test share and the seed of the split: 359 test images, 1,438 to train on. */
export const DIGIT_SPLIT = Object.freeze({ testFraction: 0.2, seed: 1 });
export const CLASSES = 10;
export const INPUTS = 64;
export const BATCH = 32;
export const SEED = 1;
/** Epochs one press of Train runs (then it pauses: a phone is not kept busy). */
export const EPOCHS_PER_RUN = 30;

/** The images once, split for training and testing (lab.makeDataset('digits') after loadDigits()). */
export function digitData(lab) {
  const all = lab.makeDataset('digits', { seed: SEED });
  return { all, ...lab.splitDataset(all, DIGIT_SPLIT) };
}

/** The engine config for the widget's state: 64 inputs, the hidden layers, 10 softmax outputs. */
export function digitConfig(state) {
  const acts = state.dh.map((_, i) => layerActivation(state.dact, i));
  return {
    layers: [INPUTS, ...state.dh, CLASSES],
    activation: acts,
    output: 'softmax',
    optimizer: state.dopt,
    learningRate: state.dlr,
    batchSize: BATCH,
    seed: SEED,
  };
}

/**
 * The race: networks that differ only in their hidden layers, trained with
 * the same seed (so on the same batches) and the same optimiser. The last
 * one is six sigmoid layers deep: with plain SGD its gradient all but
 * vanishes before it reaches the first layer.
 */
export const RACE_EPOCHS = 30;
export const RACE_RATES = Object.freeze({ sgd: 0.1, adam: 0.01 });
export const RACERS = Object.freeze([
  { id: 'sigmoid', hidden: [32], activation: 'sigmoid' },
  { id: 'tanh', hidden: [32], activation: 'tanh' },
  { id: 'relu', hidden: [32], activation: 'relu' },
  { id: 'gelu', hidden: [32], activation: 'gelu' },
  { id: 'deep_sigmoid', hidden: [32, 32, 32, 32, 32, 32], activation: 'sigmoid' },
]);

export function racerConfig(racer, optimizer) {
  return {
    layers: [INPUTS, ...racer.hidden, CLASSES],
    activation: racer.activation,
    output: 'softmax',
    optimizer,
    learningRate: RACE_RATES[optimizer],
    batchSize: BATCH,
    seed: SEED,
  };
}

/** The predicted class of each row of probabilities (rows, k): the first largest. */
export function argmaxRows(probs, k = CLASSES) {
  const rows = probs.length / k;
  const out = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[r * k + j] > probs[r * k + best]) best = j;
    out[r] = best;
  }
  return out;
}

/** counts[true][predicted] over the rows (k x k, row-major). */
export function confusion(labels, predicted, k = CLASSES) {
  const counts = new Uint32Array(k * k);
  for (let r = 0; r < labels.length; r++) counts[labels[r] * k + predicted[r]]++;
  return counts;
}

/** The rows whose prediction is wrong: [{row, label, predicted, confidence}], most confident first. */
export function mistakes(labels, probs, predicted, k = CLASSES) {
  const out = [];
  for (let r = 0; r < labels.length; r++) {
    if (predicted[r] !== labels[r]) out.push({ row: r, label: labels[r], predicted: predicted[r], confidence: probs[r * k + predicted[r]] });
  }
  return out.sort((a, b) => b.confidence - a.confidence || a.row - b.row);
}
