// The tutorial's exercises, by the id a chapter gives them
// (<!-- exercise: id -->). The question, the choices and the explanation are
// written in each language's chapter; what counts as solved is here, once:
//   choice:  the index (from 0) of the right choice in the chapter's list;
//   network: the test accuracy the widget above the exercise (the playground, or the one named
//            by `widget`) must reach, with the hidden activation `activation` if given and
//            the input features `features` if given;
//   drawing: a digit drawn on the digits widget's pad above, read as `digit` with at least
//            probability `p` by a network that has trained.
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
  'predict-sigmoid-spread': { kind: 'choice', answer: 1 },
  'predict-tanh-large': { kind: 'choice', answer: 1 },
  'predict-he': { kind: 'choice', answer: 1 },
};
