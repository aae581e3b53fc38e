// Real data: the UCI handwritten digits through lab.makeDataset('digits'),
// the engine's limits that real data needs, networks learning them, the
// race's claims, and the drawing pad's reduction to 8 x 8 cells.
//
// References: the SHA-256 of Debian's digits.csv (python3-sklearn 1.2.1,
// recorded by tools/make_digits.py, which checks the file it reads), the
// class counts the data set's description gives (178, 182, 177, 183, 181,
// 182, 181, 179, 174, 180), the first line of that CSV, and counts worked
// out by hand for the pad.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadActLab } from '../web/lib/actlab.js';
import { DIGITS } from '../web/lib/actlab-digits.js';
import { createTrainingHost } from '../web/app/training.js';
import {
  PAD, blankBitmap, stroke, stamp, normalise, blockCounts, drawingToCells, cellsToInputs, inkBox,
} from '../web/app/digitpad.js';
import {
  digitData, digitConfig, racerConfig, RACERS, RACE_EPOCHS, argmaxRows, confusion, mistakes,
} from '../web/app/digitmodel.js';
import { parseState, makeContext, serializeState, defaultState } from '../web/app/state.js';
import { splitConfig } from '../web/app/pgsession.js';
import { ROOT, thrown } from './helpers.mjs';

let lab;
beforeAll(async () => { lab = await loadActLab(); });

const CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

describe('the data set', () => {
  test('the shipped file decodes to Debian\'s CSV, byte for byte (its SHA-256)', () => {
    const lines = DIGITS.lines.split('\n');
    const csv = lines.map((l) => [...l.slice(0, 64)].map((c) => c.charCodeAt(0) - 97).concat(Number(l[64])).join(',')).join('\n') + '\n';
    const sha = createHash('sha256').update(csv).digest('hex');
    const script = readFileSync(`${ROOT}/tools/make_digits.py`, 'utf8');
    const recorded = /^CSV_SHA256 = '([0-9a-f]{64})'$/m.exec(script)[1];
    expect(sha).toBe(recorded);
    expect(DIGITS.csvSha256).toBe(recorded);
    // The CSV's first line, as Debian ships it.
    expect(csv.slice(0, csv.indexOf('\n'))).toBe('0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,' +
      '0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0,0');
  });

  test('makeDataset: 1,797 rows of 64 cells / 16 in [0, 1], labels 0-9 in the published counts', () => {
    const d = lab.makeDataset('digits', { seed: 1 });
    expect([d.count, d.inputs.length, d.labels.length, d.inputWidth, d.task, d.classes, d.name])
      .toEqual([1797, 1797 * 64, 1797, 64, 'multiclass', 10, 'digits']);
    expect(d.inputs).toBeInstanceOf(Float64Array);
    const counts = new Array(10).fill(0);
    for (const y of d.labels) counts[y]++;
    expect(counts).toEqual(CLASS_COUNTS);
    // Every value is a count over 16: k / 16 exactly, and both ends occur.
    expect(d.inputs.every((v) => v >= 0 && v <= 1 && Number.isInteger(v * 16))).toBe(true);
    expect(Math.min(...d.inputs)).toBe(0);
    expect(Math.max(...d.inputs)).toBe(1);
    expect(lab.datasets.find((x) => x.name === 'digits')).toEqual({ name: 'digits', task: 'multiclass', classes: 10, inputs: 64, count: 1797 });
    expect(lab.datasets.filter((x) => x.inputs === 2)).toHaveLength(9);
  });

  test('the seed orders the same images; count takes the first of that order', () => {
    const a = lab.makeDataset('digits', { seed: 1 });
    const b = lab.makeDataset('digits', { seed: 2 });
    const again = lab.makeDataset('digits', { seed: 1 });
    expect(again.inputs).toEqual(a.inputs);
    expect(b.inputs).not.toEqual(a.inputs);
    const rows = (d) => Array.from({ length: d.count }, (_, r) => `${d.labels[r]}:${d.inputs.subarray(r * 64, r * 64 + 64).join(',')}`).sort();
    expect(rows(b)).toEqual(rows(a));
    const few = lab.makeDataset('digits', { seed: 1, count: 10 });
    expect(few.inputs).toEqual(a.inputs.subarray(0, 640));
    expect(few.labels).toEqual(a.labels.subarray(0, 10));
  });

  test('options that do not apply, and counts out of range, are refused with a reason', () => {
    expect(thrown(() => lab.makeDataset('digits', { noise: 0.1 })).message).toMatch(/noise does not apply to digits: the images are real/);
    expect(thrown(() => lab.makeDataset('digits', { signedLabels: true })).message).toMatch(/signedLabels does not apply to digits: digits has 10 classes/);
    expect(thrown(() => lab.makeDataset('digits', { count: 1798 })).message).toMatch(/count must be an integer from 1 to 1797/);
    expect(thrown(() => lab.makeDataset('digits', { count: 0 })).code).toBe('invalid_param');
    expect(thrown(() => lab.makeDataset('digit')).message).toMatch(/did you mean digits/);
  });
});

describe('real data in the engine', () => {
  test('a 64-32-10 ReLU/softmax network with Adam passes 95 % test accuracy in 30 epochs, the same every run', () => {
    const { train, test } = digitData(lab);
    expect([train.labels.length, test.labels.length]).toEqual([1438, 359]);
    const run = () => {
      const net = lab.createNetwork({ layers: [64, 32, 10], activation: 'relu', optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 1 });
      const bound = lab.bindData(train.inputs, train.labels);
      net.train(bound, { epochs: 30 });
      const result = { test: net.evaluate(test.inputs, test.labels), params: net.getParams() };
      bound.dispose();
      net.dispose();
      return result;
    };
    const a = run();
    const b = run();
    expect(a.test.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(b.params).toEqual(a.params);
    expect(b.test).toEqual(a.test);
  });

  test('logits are the output layer before softmax; bound flat rows take their width from the labels', () => {
    const net = lab.createNetwork({ layers: [64, 16, 10], activation: 'tanh', seed: 5 });
    const x = lab.makeDataset('digits', { count: 4 }).inputs;
    const z = net.logits(x);
    const p = net.predict(x);
    for (let r = 0; r < 4; r++) {
      const q = lab.softmax(z.subarray(r * 10, r * 10 + 10));
      q.forEach((v, j) => expect(Math.abs(v - p[r * 10 + j])).toBeLessThan(1e-15));
    }
    const bound = lab.bindData(x, [0, 1, 2, 3]);
    expect([bound.rows, bound.inputWidth]).toEqual([4, 64]);
    bound.dispose();
    net.dispose();
  });

  test('the largest network the limits allow trains in the Wasm build; one more unit or layer is refused', () => {
    const layers = [784, ...new Array(10).fill(256), 10];
    const net = lab.createNetwork({ layers, activation: 'relu', optimizer: 'adam', learningRate: 0.001, batchSize: 8, seed: 1 });
    expect(net.paramCount).toBe(784 * 256 + 256 + 9 * (256 * 256 + 256) + 2570);
    const x = new Float64Array(8 * 784).map((_, i) => ((i * 7) % 17) / 16);
    const y = [0, 1, 2, 3, 4, 5, 6, 7];
    const first = net.train(x, y).loss;
    const later = net.train(x, y, { epochs: 15 }).loss;
    expect(later).toBeLessThan(first);
    expect(net.maxTrainRows).toBe(21372); // by hand: 134,217,728 bytes / 8 / (784 + 1) = 21,372.3
    net.dispose();
    const wide = lab.createNetwork({ layers: [784, 256, 256, 3], activation: 'identity', output: 'identity', seed: 2 });
    const c = wide.collapse(x.subarray(0, 784 * 2));
    expect(c.maxDifference).toBeLessThan(1e-12);
    wide.dispose();
    for (const [config, pattern] of [
      [{ layers: [785, 10] }, /from 2 to 784/],
      [{ layers: [64, 257, 10] }, /from 1 to 256/],
      [{ layers: [64, 11] }, /from 1 to 10/],
      [{ layers: [64, ...new Array(11).fill(4), 10] }, /up to 10 hidden/],
    ]) expect(thrown(() => lab.createNetwork(config)).message).toMatch(pattern);
  });
});

describe('the race on the same batches', () => {
  // Test accuracy after each epoch, racers trained as one group by the page's training host.
  function race(optimizer, epochs) {
    const { train, test } = digitData(lab);
    const host = createTrainingHost(lab);
    host.handle({ type: 'open', gid: 1, nets: RACERS.map((r) => ({ config: racerConfig(r, optimizer) })), data: { train, test } });
    const acc = RACERS.map(() => []);
    for (let e = 0; e < epochs; e++) {
      const reply = host.handle({ type: 'step', gid: 1, seq: e, epochs: 1 });
      expect(reply.type).toBe('stepped');
      reply.results.forEach((r, i) => acc[i].push(r.test.accuracy));
    }
    const saved = host.handle({ type: 'json', gid: 1, seq: -1 });
    host.handle({ type: 'close', gid: 1 });
    return { acc, saved };
  }

  test('racing in a group is training each alone: same seed, same batches, same result', () => {
    const { train } = digitData(lab);
    const { saved } = race('sgd', 2);
    RACERS.forEach((r, i) => {
      const alone = lab.createNetwork(racerConfig(r, 'sgd'));
      alone.train(train.inputs, train.labels, { epochs: 2 });
      expect(saved.nets[i].params).toEqual(Array.from(alone.getParams()));
      alone.dispose();
    });
  });

  test('what the race explains: with SGD the deep sigmoid stays at chance, the one-layer networks pass 90 %; Adam rescues it late', () => {
    const sgd = race('sgd', RACE_EPOCHS).acc;
    const last = (a) => a[a.length - 1];
    const deep = RACERS.findIndex((r) => r.id === 'deep_sigmoid');
    expect(Math.max(...sgd[deep])).toBeLessThan(0.2);
    RACERS.forEach((r, i) => { if (i !== deep) expect([r.id, last(sgd[i]) >= 0.9]).toEqual([r.id, true]); });
    const adam = race('adam', RACE_EPOCHS).acc;
    const relu = RACERS.findIndex((r) => r.id === 'relu');
    expect(last(adam[deep])).toBeGreaterThanOrEqual(0.9);
    expect(adam[deep][4]).toBeLessThan(adam[relu][4] - 0.2); // later: far behind after 5 epochs
  }, 60000);
});

describe('the widget\'s state and figures', () => {
  test('the URL fields: strict parsing, defaults, and the config they describe', () => {
    const ctx = makeContext(lab, ['en', 'zh']);
    const s = parseState('dh=64,16&dact=tanh,relu&dopt=sgd&dlr=0.1&dtemp=2&dfw=pytorch&dro=adam', ctx);
    expect([s.dh, s.dact, s.dopt, s.dlr, s.dtemp, s.dfw, s.dro]).toEqual([[64, 16], ['tanh', 'relu'], 'sgd', 0.1, 2, 'pytorch', 'adam']);
    expect(serializeState(s)).toBe('dh=64,16&dact=tanh,relu&dopt=sgd&dlr=0.1&dtemp=2&dfw=pytorch&dro=adam');
    const bad = parseState('dh=0&dact=nope&dopt=rmsprop&dlr=20&dtemp=0&dfw=tfjs&dro=momentum', ctx);
    const def = defaultState();
    expect([bad.dh, bad.dact, bad.dopt, bad.dlr, bad.dtemp, bad.dfw, bad.dro]).toEqual([def.dh, def.dact, def.dopt, def.dlr, def.dtemp, def.dfw, def.dro]);
    expect(parseState('dh=8,8,8,8,8,8,8', ctx).dh).toEqual([32]); // seven layers: over the widget's six
    expect(parseState('ds=digits', ctx).ds).toBe('circle'); // the playground's sets are 2-D
    const config = digitConfig(s);
    expect(config).toEqual({ layers: [64, 64, 16, 10], activation: ['tanh', 'relu'], output: 'softmax', optimizer: 'sgd',
      learningRate: 0.1, batchSize: 32, seed: 1 });
    expect(splitConfig(config, lab.networkOptions.trainingKeys).training).toEqual({ optimizer: 'sgd', learningRate: 0.1, batchSize: 32 });
    expect(digitConfig({ ...s, dh: [8, 8, 8], dact: ['gelu'] }).activation).toEqual(['gelu', 'gelu', 'gelu']);
  });

  test('confusion matrix and mistakes on a hand-made case', () => {
    const labels = Uint8Array.from([0, 1, 2, 2]);
    // Rows of 3 probabilities: right, wrong (1 -> 0, p 0.6), right, wrong (2 -> 1, p 0.9).
    const probs = Float64Array.from([0.8, 0.1, 0.1, 0.6, 0.3, 0.1, 0, 0.2, 0.8, 0.05, 0.9, 0.05]);
    const said = argmaxRows(probs, 3);
    expect(Array.from(said)).toEqual([0, 0, 2, 1]);
    expect(Array.from(confusion(labels, said, 3))).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 1]);
    expect(mistakes(labels, probs, said, 3)).toEqual([
      { row: 3, label: 2, predicted: 1, confidence: 0.9 }, { row: 1, label: 1, predicted: 0, confidence: 0.6 }]);
  });
});

describe('the pad: a drawing becomes 8 x 8 counts the way the data set was made', () => {
  const bar = (left, top, width, height) => {
    const b = blankBitmap();
    for (let r = top; r < top + height; r++) for (let c = left; c < left + width; c++) b[r * PAD + c] = 1;
    return b;
  };
  // By hand: a bar 4 wide and 16 tall is scaled by 2 to 8 x 32, placed in
  // columns 12..19: blocks 3 and 4 of every row are full (16), the rest empty.
  const expected = Uint8Array.from({ length: 64 }, (_, i) => (i % 8 === 3 || i % 8 === 4 ? 16 : 0));

  test('a centred vertical bar', () => {
    expect(drawingToCells(bar(14, 8, 4, 16))).toEqual(expected);
  });

  test('the same bar anywhere, or at twice the size, gives the same counts (box and scale)', () => {
    expect(drawingToCells(bar(0, 0, 4, 16))).toEqual(expected);
    expect(drawingToCells(bar(25, 13, 4, 16))).toEqual(expected);
    expect(drawingToCells(bar(10, 0, 8, 32))).toEqual(expected);
  });

  test('shape is kept: a wide bar stays wide; counting is per 4 x 4 block; a blank pad is all zeros', () => {
    // 16 wide, 4 tall -> 32 x 8 in rows 12..19: blocks (3, *) and (4, *) full.
    expect(drawingToCells(bar(8, 14, 16, 4))).toEqual(Uint8Array.from({ length: 64 }, (_, i) => (i >> 3 === 3 || i >> 3 === 4 ? 16 : 0)));
    const one = blankBitmap();
    one[5 * PAD + 6] = 1;
    one[6 * PAD + 7] = 1;
    const counts = blockCounts(one);
    expect(counts[1 * 8 + 1]).toBe(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(drawingToCells(blankBitmap())).toEqual(new Uint8Array(64));
    expect(inkBox(blankBitmap())).toBe(null);
    expect(normalise(blankBitmap())).toEqual(blankBitmap());
    expect(Array.from(cellsToInputs(Uint8Array.from([0, 4, 16])))).toEqual([0, 0.25, 1]);
  });

  test('a stroke leaves no gaps, and the pen stays inside the pad', () => {
    const b = blankBitmap();
    stroke(b, 2.5, 2.5, 29.5, 29.5, 1);
    for (let i = 3; i < 29; i++) expect(b[i * PAD + i]).toBe(1);
    const edge = blankBitmap();
    stamp(edge, -2, 34, 5); // mostly off the pad (below and left): only pixels inside are inked
    expect(edge.length).toBe(PAD * PAD);
    expect(edge[31 * PAD]).toBe(1);
  });
});
