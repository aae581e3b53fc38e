// The softmax lab's and the chooser's logic outside the browser:
// - the naive softmax fails exactly where double precision says it must
//   (e^z overflows above ln(DBL_MAX) ≈ 709.78) and otherwise agrees with the core;
// - the chooser's recommendations name functions the core has, and the code
//   it writes for every problem × architecture × framework is consistent:
//   the output activation and loss match the problem, every constant is
//   defined before use, brackets balance, blocks are indented, and the layer
//   sizes chain (the CNN's flattened size is recomputed here from the
//   convolution and pooling layers the code itself lists).
import { loadActLab } from '../web/lib/actlab.js';
import { translator } from '../web/app/i18n.js';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { naiveSoftmax, SOFTMAX_PRESETS } from '../web/app/softmax.js';
import { OUTPUTS, HIDDEN, kerasCode, torchCode } from '../web/app/chooser.js';
import { TASKS, ARCHS } from '../web/app/state.js';

let lab;
beforeAll(async () => { lab = await loadActLab(); });

test('the naive softmax breaks on huge logits and agrees with the core on ordinary ones', () => {
  // ln(DBL_MAX) = 709.782712893384: the first exponent that overflows.
  expect(Math.exp(709.78)).toBeLessThan(Infinity);
  expect(Math.exp(709.79)).toBe(Infinity);
  const big = naiveSoftmax(SOFTMAX_PRESETS.large, 1);
  expect(big.sum).toBe(Infinity);
  expect([...big.p].every(Number.isNaN)).toBe(true);
  // All exponentials underflow to 0: 0/0.
  const small = naiveSoftmax([-1000, -1001, -1002], 1);
  expect(small.sum).toBe(0);
  expect([...small.p].every(Number.isNaN)).toBe(true);
  // Dividing by T = 2 brings 1002 down to 501: the naive way works again.
  expect(naiveSoftmax(SOFTMAX_PRESETS.large, 2).p.every(Number.isFinite)).toBe(true);
  // The core's stable softmax gives the exact answer for [1000, 1001, 1002]:
  // the same as for [0, 1, 2] (softmax ignores a common shift).
  expect([...lab.softmax(SOFTMAX_PRESETS.large)]).toEqual([...lab.softmax([0, 1, 2])]);
  for (const [name, z] of Object.entries(SOFTMAX_PRESETS)) {
    if (name === 'large') continue;
    for (const temp of [0.5, 1, 3]) {
      const naive = naiveSoftmax(z, temp).p;
      const stable = lab.softmax(z, { temperature: temp });
      naive.forEach((v, i) => expect(Math.abs(v - stable[i])).toBeLessThanOrEqual(4e-16 * Math.max(1, stable[i] * 4)));
    }
  }
});

test('the presets are the ones the lessons need', () => {
  expect(SOFTMAX_PRESETS.four).toEqual([-1, 2, -3, 4]);
  expect(SOFTMAX_PRESETS.dominant).toEqual([-2, 3, -3, 9]);
  expect(SOFTMAX_PRESETS.large).toEqual([1000, 1001, 1002]);
  expect(SOFTMAX_PRESETS.digits).toHaveLength(10);
  expect(lab.argmax(SOFTMAX_PRESETS.digits)).toBe(7);
  // A tie: every class equal, argmax the first.
  expect([...lab.softmax(SOFTMAX_PRESETS.tie)]).toEqual([0.25, 0.25, 0.25, 0.25]);
});

test('the chooser recommends functions the core has, paired the standard way', () => {
  const names = new Set(lab.activations.map((a) => a.name));
  for (const task of TASKS) {
    const out = OUTPUTS[task].activation;
    expect(out === 'softmax' || names.has(out)).toBe(true);
    for (const n of OUTPUTS[task].link?.fn ?? []) expect(names.has(n)).toBe(true);
  }
  for (const arch of ARCHS) {
    for (const n of [...HIDDEN[arch].activations, ...HIDDEN[arch].link]) expect(names.has(n)).toBe(true);
    // He for the ReLU family, Glorot for sigmoid and tanh.
    expect(HIDDEN[arch].init).toBe(HIDDEN[arch].activations[0] === 'relu' ? 'he' : 'glorot');
  }
  expect(OUTPUTS.regression.activation).toBe('identity');
  expect(OUTPUTS.binary.activation).toBe('sigmoid');
  expect(OUTPUTS.multiclass.activation).toBe('softmax');
  expect(OUTPUTS.multilabel.activation).toBe('sigmoid');
});

// Python structure checks: brackets balance within each statement, blocks
// after ":" are indented by 4 more, and indentation is a multiple of 4.
function checkPython(code) {
  const lines = code.split('\n');
  let depth = 0;
  let expectIndent = null;
  lines.forEach((line, i) => {
    const text = line.replace(/#.*$/, '').replace(/"[^"]*"/g, '""');
    if (!text.trim()) return;
    const indent = line.length - line.trimStart().length;
    if (depth === 0) {
      expect([i, indent % 4]).toEqual([i, 0]);
      if (expectIndent !== null) expect([i, indent]).toEqual([i, expectIndent]);
    }
    expectIndent = null;
    for (const ch of text) {
      if ('([{'.includes(ch)) depth++;
      if (')]}'.includes(ch)) depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    if (depth === 0 && text.trimEnd().endsWith(':')) expectIndent = indent + 4;
  });
  expect(depth).toBe(0);
}

// Every UPPER_CASE name is assigned before it is used.
function checkConstants(code) {
  const defined = new Set();
  for (const line of code.split('\n')) {
    const text = line.replace(/#.*$/, '');
    const assign = /^([A-Z_][A-Z0-9_]*(?:, [A-Z_][A-Z0-9_]*)*) = /.exec(text);
    const rhs = assign ? text.slice(assign[0].length) : text;
    for (const m of rhs.matchAll(/(?<![.\w])[A-Z][A-Z0-9_]{2,}\b/g)) expect([m[0], defined.has(m[0])]).toEqual([m[0], true]);
    if (assign) for (const n of assign[1].split(', ')) defined.add(n);
  }
}

const lastMatch = (code, re) => [...code.matchAll(re)].pop();

test('Keras code: output, loss, hidden layers and initialiser follow the choice', () => {
  for (const lang of Object.keys(DICTIONARIES)) {
    const t = translator(lang);
    for (const task of TASKS) {
      for (const arch of ARCHS) {
        const code = kerasCode(task, arch, t);
        expect(code).not.toMatch(/\b(?:ch|sm|ex)\.[a-z]+\.[\w.]+/); // no untranslated key
        checkPython(code);
        checkConstants(code);
        const out = OUTPUTS[task];
        const dense = lastMatch(code, /layers\.Dense\(([^)]*)\)/g)[1];
        expect(dense.split(',')[0]).toBe(out.units);
        if (task === 'regression') expect(dense).not.toContain('activation');
        else expect(dense).toContain(`activation="${out.activation}"`);
        const loss = { regression: 'mse', binary: 'binary_crossentropy', multiclass: 'sparse_categorical_crossentropy',
          multilabel: 'binary_crossentropy' }[task];
        expect(code).toContain(`loss="${loss}"`);
        if (arch === 'rnn') expect(code).toMatch(/layers\.LSTM\(64\)/);
        if (arch === 'cnn') expect(code.match(/Conv2D\(/g)).toHaveLength(2);
        // Every hidden ReLU layer says He; no sigmoid or tanh in hidden dense layers.
        for (const m of code.matchAll(/layers\.(?:Dense|Conv2D)\(([^)]*)\)/g)) {
          if (m[1].includes('"relu"')) expect(m[1]).toContain('kernel_initializer="he_normal"');
        }
      }
    }
  }
});

test('PyTorch code: logits out, the loss that applies the output activation, sizes that chain', () => {
  const t = translator('en');
  for (const task of TASKS) {
    for (const arch of ARCHS) {
      const code = torchCode(task, arch, t);
      checkPython(code);
      checkConstants(code);
      const loss = { regression: 'nn.MSELoss()', binary: 'nn.BCEWithLogitsLoss()', multiclass: 'nn.CrossEntropyLoss()',
        multilabel: 'nn.BCEWithLogitsLoss()' }[task];
      expect(code).toContain(`loss_fn = ${loss}`);
      // The loss applies sigmoid / log-softmax: the model must not.
      expect(code).not.toMatch(/nn\.(Sigmoid|Softmax|LogSoftmax)\(/);
      // Linear layers chain: each one's input size is the previous one's output size.
      const sizes = { N_FEATURES: arch === 'rnn' ? 8 : 20, N_CLASSES: 10, N_LABELS: 5 };
      const value = (s) => (s in sizes ? sizes[s] : Function(`return (${s});`)());
      const linears = [...code.matchAll(/nn\.Linear\(([^,]+), ([^)]+)\)/g)].map((m) => [value(m[1]), value(m[2])]);
      let width = arch === 'mlp' ? sizes.N_FEATURES : arch === 'rnn' ? 64 : null;
      if (arch === 'cnn') {
        // Recompute the flattened size from the layers as written: 28×28 input.
        let side = 28;
        let channels = 1;
        for (const m of code.matchAll(/nn\.Conv2d\((\d+), (\d+), (\d+)\)|nn\.MaxPool2d\((\d+)\)/g)) {
          if (m[1]) {
            expect(Number(m[1])).toBe(channels);
            channels = Number(m[2]);
            side = side - Number(m[3]) + 1;
          } else {
            side = Math.floor(side / Number(m[4]));
          }
        }
        width = channels * side * side;
      }
      for (const [inp, outp] of linears) {
        expect([task, arch, inp]).toEqual([task, arch, width]);
        width = outp;
      }
      expect(width).toBe(value(OUTPUTS[task].units));
      expect(code).toContain(arch === 'rnn' ? 'nn.init.xavier_uniform_' : 'nn.init.kaiming_normal_');
    }
  }
});

test('every code comment is translated', () => {
  const missing = [];
  for (const lang of Object.keys(DICTIONARIES)) {
    const dict = DICTIONARIES[lang];
    const t = (key, vars) => {
      if (!(key in dict)) missing.push(`${lang}:${key}`);
      return translator(lang)(key, vars);
    };
    for (const task of TASKS) for (const arch of ARCHS) { kerasCode(task, arch, t); torchCode(task, arch, t); }
  }
  expect(missing).toEqual([]);
});
