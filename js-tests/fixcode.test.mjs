// The tutorial's fix-the-code exercises (web/app/exercises.js, kind 'code'):
// the page accepts an edit when the model's last module and the loss form one
// of the exercise's valid pairs. Whether a pair is right is decided here by
// real PyTorch (Debian's python3-torch, js-tests/fixcode_check.py): every
// variant of the chapter's code with another last module and another loss is
// run, and its loss compared with the loss the task needs, computed from the
// model's raw scores. The page must accept exactly the variants PyTorch
// shows to be right.
import { readFileSync } from 'node:fs';
import { EXERCISES, readTorchHead } from '../web/app/exercises.js';
import { parseMarkdown } from '../web/app/markdown.js';
import { chapterParts } from '../web/app/tutorial.js';
import { CHAPTERS } from '../web/app/chapters.js';
import { runPython } from './export-cases.mjs';
import { ROOT } from './helpers.mjs';

const exercises = CHAPTERS.flatMap((ch) => chapterParts(parseMarkdown(readFileSync(`${ROOT}/docs/en/${ch}.md`, 'utf8'))))
  .filter((p) => p.type === 'exercise' && EXERCISES[p.id].kind === 'code');

const LASTS = { Linear: null, Softmax: 'nn.Softmax(dim=1)', LogSoftmax: 'nn.LogSoftmax(dim=1)', Sigmoid: 'nn.Sigmoid()' };
const LOSSES = ['CrossEntropyLoss', 'NLLLoss', 'BCEWithLogitsLoss', 'BCELoss'];

// The chapter's code with its last activation line replaced (or removed) and its loss replaced.
function variant(code, last, loss) {
  const lines = code.split('\n');
  const close = lines.findIndex((l) => l.startsWith(')'));
  const act = lines[close - 1];
  expect(act).toMatch(/^\s+nn\.(Softmax|Sigmoid)\(/); // the code to fix ends its model with an activation
  lines.splice(close - 1, 1, ...(LASTS[last] ? [`    ${LASTS[last]},`] : []));
  return lines.join('\n').replace(/nn\.[A-Za-z]+Loss\(\)/, `nn.${loss}()`);
}

test('the page accepts exactly the edits that PyTorch shows compute the right loss', () => {
  expect(exercises.map((p) => p.id).sort()).toEqual(['fix-double-sigmoid', 'fix-double-softmax']);
  const cases = [];
  for (const p of exercises) {
    for (const last of Object.keys(LASTS)) {
      for (const loss of LOSSES) cases.push({ name: `${p.id} ${last} ${loss}`, id: p.id, last, loss, code: variant(p.code, last, loss) });
    }
    cases.push({ name: `${p.id} as given`, id: p.id, code: p.code });
  }
  const { results } = runPython('fixcode_check.py', cases);
  expect(results.filter((r) => r.error)).toEqual([]);
  const verdicts = cases.map((c, k) => {
    const head = readTorchHead(c.code);
    const page = head !== null && EXERCISES[c.id].valid.includes(`${head.last} ${head.loss}`);
    return `${c.name}: torch ${results[k].right}, page ${page}`;
  });
  expect(verdicts).toEqual(verdicts.map((v) => v.replace(/page (true|false)$/, (m, b) => `page ${/torch true/.test(v)}`)));
  // The code as given is wrong, and some edit of each is right.
  for (const p of exercises) {
    expect(verdicts).toContain(`${p.id} as given: torch false, page false`);
    expect(verdicts.some((v) => v.startsWith(p.id) && v.endsWith('torch true, page true'))).toBe(true);
  }
}, 60000);

test('the code reader finds the last module and the loss, whatever the layout and comments', () => {
  const code = 'import torch\nfrom torch import nn\n\nmodel = nn.Sequential(nn.Linear(2, 8), nn.Tanh(),\n  nn.Linear(8, 1))  # nn.Sigmoid(),\nloss_fn = torch.nn.BCEWithLogitsLoss()\n';
  expect(readTorchHead(code)).toEqual({ last: 'Linear', loss: 'BCEWithLogitsLoss' });
  expect(readTorchHead('model = nn.Linear(2, 1)\nloss_fn = nn.MSELoss()')).toBeNull(); // no nn.Sequential
  expect(readTorchHead('model = nn.Sequential(nn.Linear(2, 1))')).toBeNull(); // no loss
  expect(readTorchHead('model = nn.Sequential(nn.Linear(2, 1))\na = nn.MSELoss()\nb = nn.L1Loss()')).toBeNull(); // two
  expect(readTorchHead('model = nn.Sequential()\nloss_fn = nn.MSELoss()')).toBeNull(); // no module
});
