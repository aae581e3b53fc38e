// network.exportCode('pytorch') run by real PyTorch (Debian's python3-torch,
// /usr/bin/python3; scripts/setup.sh test installs it): for every head,
// every optimiser with its saved state, every catalog activation with
// parameters other than its defaults, features and raw inputs, and both
// languages, the exported predict equals net.predict, loss_fn + penalty
// equals ActLab's loss, and train_step equals ActLab's training, each to
// 1e-12 (relative where the value is above 1). js-tests/export_torch_check.py
// runs the code; the chooser's PyTorch snippets run there too.
import { loadActLab } from '../web/lib/actlab.js';
import { torchCode, OUTPUTS } from '../web/app/chooser.js';
import { translator } from '../web/app/i18n.js';
import '../web/app/lang/index.js'; // both dictionaries, for translator
import { TASKS, ARCHS } from '../web/app/state.js';
import { exportSpecs, exportCase, runPython } from './export-cases.mjs';

const TOLERANCE = 1e-12;
let lab;

beforeAll(async () => {
  lab = await loadActLab();
});

test('the exported PyTorch code predicts, scores and trains on exactly as ActLab', () => {
  const specs = exportSpecs(lab);
  const cases = specs.map((spec) => exportCase(lab, spec, 'pytorch'));
  const { results } = runPython('export_torch_check.py', cases);
  expect(results).toHaveLength(cases.length);
  const bad = results.filter((r) => r.error || !(r.predict <= TOLERANCE && r.loss <= TOLERANCE && r.params <= TOLERANCE));
  expect(bad).toEqual([]);
  // Every head, optimiser, activation and both input kinds were among them.
  const configs = specs.map((s) => `${s.output} ${s.optimizer} ${s.raw ? 'raw' : 'features'} ${s.language}`).join('\n');
  for (const word of ['identity', 'sigmoid', 'softmax', 'tanh', 'sgd', 'momentum', 'adam', 'raw', 'features', 'en', 'zh']) {
    expect(configs).toContain(word);
  }
  const acts = new Set(specs.flatMap((s) => s.acts.map((a) => a.name ?? a)));
  expect([...acts].sort()).toEqual(lab.activations.map((a) => a.name).sort());
}, 120000);

test('the exported code is the same in both languages but for its comments', () => {
  const [spec] = exportSpecs(lab).filter((s) => s.name.startsWith('softplus'));
  const strip = (code) => code.split('\n').map((l) => l.replace(/\s*#.*$/, '').replace(/"""[^"]*"""/, '""""""')).join('\n');
  const en = exportCase(lab, { ...spec, language: 'en' }, 'pytorch');
  const zh = exportCase(lab, { ...spec, language: 'zh' }, 'pytorch');
  expect(zh.code).not.toBe(en.code);
  expect(zh.code).toMatch(/[\u4e00-\u9fff]/);
  expect(en.code).not.toMatch(/[\u4e00-\u9fff]/);
  expect(strip(zh.code)).toBe(strip(en.code));
});

test('every chooser PyTorch snippet runs on inputs of its shape, and its LSTM starts with Keras\'s forget-gate bias', () => {
  const snippets = [];
  for (const language of ['en', 'zh']) {
    for (const task of TASKS) {
      for (const arch of ARCHS) {
        snippets.push({ name: `${task}/${arch}/${language}`, task, arch, code: torchCode(task, arch, translator(language)),
          units: OUTPUTS[task].units });
      }
    }
  }
  const { results } = runPython('chooser_torch_check.py', snippets);
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(results).toHaveLength(snippets.length);
  for (const r of results) {
    expect(r.outputShape).toEqual([4, r.units]);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(r.changed).toBe(true); // the optimiser step moved the weights
    if (r.arch === 'rnn') expect(r.biases).toEqual({ forget_ih: 1, other_ih: 0, hh: 0 });
  }
}, 120000);

test('chapter 6: PyTorch\'s nn.Linear starts from U(+-1/sqrt(fan_in)), variance 1/(3 fan_in) (measured in PyTorch)', () => {
  const { std, largest } = runPython('torch_linear_init.py', [256, 512]);
  expect(Math.abs(std / Math.sqrt(1 / (3 * 256)) - 1)).toBeLessThan(0.01); // 131,072 weights
  expect(largest).toBeLessThanOrEqual(1 / 16);
  expect(largest).toBeGreaterThan(0.999 / 16);
});
