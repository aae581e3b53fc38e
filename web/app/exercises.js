// The tutorial's exercises, by the id a chapter gives them
// (<!-- exercise: id -->). The question, the choices and the explanation are
// written in each language's chapter; what counts as solved is here, once:
//   choice:  the index (from 0) of the right choice in the chapter's list;
//   network: the test accuracy the widget above the exercise (the playground, or the one named
//            by `widget`) must reach, with the hidden activation `activation` if given and
//            the input features `features` if given;
//   drawing: a digit drawn on the digits widget's pad above, read as `digit` with at least
//            probability `p` by a network that has trained;
//   predict: a choice (answer as for choice) locked in before the widget named `widget` above
//            is set as `run` says; the answer is told only after both;
//   number:  a number within `tolerance` of `answer` (js-tests/tutorial.test.mjs computes each
//            answer from the core);
//   code:    the chapter's PyTorch code (a model nn.Sequential(...) and a loss nn.…Loss()),
//            edited until the model's last module and the loss form one of the `valid` pairs;
//            `hints` names what is wrong with the other pairs (js-tests/fixcode.test.mjs
//            runs every pair in PyTorch to see which ones compute the right loss).
// Choice exercises say in their chapter why each wrong choice is wrong ("Why not (b)?").
export const EXERCISES = {
  'deep-linear': { kind: 'choice', answer: 1 },
  'circle-activation': { kind: 'network', accuracy: 0.9, features: ['x1', 'x2'] },
  'squared-features': { kind: 'choice', answer: 2 },
  'sigmoid-peak': { kind: 'choice', answer: 2 },
  'ten-sigmoids': { kind: 'choice', answer: 1 },
  'saturated-rounding': { kind: 'choice', answer: 0 },
  'dead-unit': { kind: 'choice', answer: 0 },
  'spiral-network': { kind: 'network', accuracy: 0.9 },
  'learned-slope': { kind: 'choice', answer: 2 },
  'softplus-derivative': { kind: 'choice', answer: 2 },
  'negative-dip': { kind: 'choice', answer: 1 },
  'positive-output': { kind: 'choice', answer: 0 },
  'multilabel-output': { kind: 'choice', answer: 1 },
  'naive-overflow': { kind: 'choice', answer: 1 },
  'argmax-skip': { kind: 'choice', answer: 1 },
  'lstm-gates': { kind: 'choice', answer: 2 },
  'regression-output': { kind: 'choice', answer: 0 },
  'zero-init': { kind: 'choice', answer: 1 },
  'port-leaky': { kind: 'choice', answer: 1 },
  'double-softmax': { kind: 'choice', answer: 1 },
  'keras-logits': { kind: 'choice', answer: 0 },
  'threshold-label': { kind: 'choice', answer: 1 },
  'digit-loss': { kind: 'choice', answer: 0 },
  'temperature-answer': { kind: 'choice', answer: 0 },
  'draw-seven': { kind: 'drawing', digit: 7, p: 0.9 },
  'sigmoid-rescue': { kind: 'network', widget: 'digits', accuracy: 0.95, activation: 'sigmoid' },
  'predict-sigmoid-spread': { kind: 'predict', answer: 1, widget: 'galton', run: { gk: 'normal', gm: 0, gv: 4, gf: 'sigmoid' } },
  // The deep-network widget's picture tanh_large (web/app/distmodel.js, DEEP_PRESETS).
  'predict-tanh-large': { kind: 'predict', answer: 1, widget: 'distributions', run: { qd: 10, qw: 256, qa: 'tanh', qi: 'normal', qs: 1 } },
  'predict-he': { kind: 'predict', answer: 1, widget: 'distributions', run: { qd: 10, qw: 256, qa: 'relu', qi: 'he_normal' } },
  'five-sigmoids': { kind: 'number', answer: 0.000977, tolerance: 0.000005 },
  'silu-minimum': { kind: 'number', answer: -1.28, tolerance: 0.01 },
  'softmax-first': { kind: 'number', answer: 0.665, tolerance: 0.001 },
  'he-std': { kind: 'number', answer: 0.125, tolerance: 0.001 },
  // LogSoftmax then CrossEntropyLoss is right too: log-softmax of log-probabilities changes nothing.
  'fix-double-softmax': { kind: 'code', valid: ['Linear CrossEntropyLoss', 'LogSoftmax NLLLoss', 'LogSoftmax CrossEntropyLoss'],
    hints: { 'Softmax CrossEntropyLoss': 'twice', 'Linear NLLLoss': 'nllRaw',
      'Softmax NLLLoss': 'nllProbs' } },
  'fix-double-sigmoid': { kind: 'code', valid: ['Linear BCEWithLogitsLoss', 'Sigmoid BCELoss'],
    hints: { 'Sigmoid BCEWithLogitsLoss': 'twice', 'Linear BCELoss': 'bceRaw' } },
};

/**
 * A number as a reader types it: "0.25", "-1.28" or "−1.28", "1e-3",
 * "0,665" (a decimal comma); spaces around it are fine. NaN for anything else.
 */
export function readNumber(text) {
  let s = String(text).trim().replace(/^[−–]/, '-').replace(/[\uff10-\uff19]/g, (c) => String(c.charCodeAt(0) - 0xff10));
  if (!s.includes('.') && /^[+-]?\d+,\d+(?:e[+-]?\d+)?$/i.test(s)) s = s.replace(',', '.');
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(s) ? Number(s) : NaN;
}

/**
 * What a short PyTorch classifier ends with: the last module inside its
 * nn.Sequential(...) and the class of its loss (the one nn.…Loss( in the
 * code), comments ignored: {last: 'Softmax', loss: 'CrossEntropyLoss'}, or
 * null when the code does not have that shape.
 */
export function readTorchHead(code) {
  const text = String(code).replace(/#.*$/gm, '');
  const at = text.search(/\bnn\.Sequential\s*\(/);
  if (at < 0) return null;
  const names = [...text.slice(at).matchAll(/\bnn\.([A-Za-z0-9_]+)\s*\(/g)].map((m) => m[1]);
  const losses = names.filter((n) => /Loss$/.test(n));
  if (losses.length !== 1) return null;
  const modules = names.slice(1, names.indexOf(losses[0])).filter((n) => !/Loss$/.test(n));
  return modules.length ? { last: modules[modules.length - 1], loss: losses[0] } : null;
}
