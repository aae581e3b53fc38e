// The network benchmark (issue 3), through the JS API:
//   train - the playground setup: 2-8-8-1, tanh hidden and output, squared
//           error, ±1 labels, batch 10, learning rate 0.03, 500 circle points,
//           1,000 epochs in one train() call (and as 1,000 calls of 1 epoch,
//           as a page does frame by frame, with the rows passed each time or
//           bound once with lab.bindData, as the page's trainer does)
//   grid  - a 100×100 grid forward pass that also returns every neuron's output
//   digits - real data (issue 18): the digits widget's network, 64-32-10 ReLU with
//           softmax, Adam, batch 32, on the 1,438 training images, 30 epochs on
//           bound data (and 64-128-10, a wider choice the widget offers)
// beside a plain JavaScript MLP (bench/plain_mlp.mjs). Fastest of ROUNDS
// interleaved runs. Run: bench/run.sh network (or node bench/network.mjs)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadActLab } from '../web/lib/actlab.js';
import { PlainMLP } from './plain_mlp.mjs';
import { fastestMs } from './timing.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const EPOCHS = 1000;
const GRIDS = 100;

const lab = await loadActLab();
const data = lab.makeDataset('circle', { count: 500, noise: 0, seed: 1, signedLabels: true });
const config = { layers: [2, 8, 8, 1], activation: 'tanh', output: 'tanh', loss: 'squared_error',
  init: 'uniform', optimizer: 'sgd', learningRate: 0.03, batchSize: 10, seed: 1 };

const net = lab.createNetwork(config);
const plain = new PlainMLP([2, 8, 8, 1]);
const order = Int32Array.from({ length: 500 }, (_, i) => i);
const neurons = new Float64Array(17 * 100 * 100);
const gridInto = net.grid({ resolution: 100, neurons: true }); // refilled by the `into` runs
const bound = lab.bindData(data.inputs, data.labels);
const DIGIT_EPOCHS = 30;
const digits = lab.splitDataset(lab.makeDataset('digits', { seed: 1 }), { testFraction: 0.2, seed: 1 });
const digitRows = lab.bindData(digits.train.inputs, digits.train.labels);
const digitNet = (width) => lab.createNetwork({ layers: [64, width, 10], activation: 'relu', output: 'softmax',
  optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 1 });
const digit32 = digitNet(32);
const digit128 = digitNet(128);

const methods = {
  'train, 1 call of 1000 epochs': () => net.train(data.inputs, data.labels, { epochs: EPOCHS }),
  'train, 1000 calls of 1 epoch': () => {
    for (let e = 0; e < EPOCHS; e++) net.train(data.inputs, data.labels);
  },
  'train, 1000 calls of 1 epoch on bound data': () => {
    for (let e = 0; e < EPOCHS; e++) net.train(bound);
  },
  'plain JS train, 1000 epochs': () => {
    for (let e = 0; e < EPOCHS; e++) plain.trainEpoch(data.inputs, data.labels, 10, 0.03, order);
  },
  'grid 100x100 + neurons, x100': () => {
    for (let g = 0; g < GRIDS; g++) net.grid({ resolution: 100, neurons: true });
  },
  'grid 100x100 + neurons into arrays, x100': () => {
    for (let g = 0; g < GRIDS; g++) net.grid({ resolution: 100, neurons: true, into: gridInto });
  },
  'grid 100x100 only, x100': () => {
    for (let g = 0; g < GRIDS; g++) net.grid({ resolution: 100 });
  },
  'digits 64-32-10, 30 epochs': () => digit32.train(digitRows, { epochs: DIGIT_EPOCHS }),
  'digits 64-128-10, 30 epochs': () => digit128.train(digitRows, { epochs: DIGIT_EPOCHS }),
  'plain JS grid + neurons, x100': () => {
    for (let g = 0; g < GRIDS; g++) plain.grid(100, neurons);
  },
};

const best = fastestMs(methods, ROUNDS);
const rows = [
  ['ActLab train (one call)', `${Math.round((EPOCHS / best['train, 1 call of 1000 epochs']) * 1000)} epochs/s`],
  ['ActLab train (1 epoch per call)', `${Math.round((EPOCHS / best['train, 1000 calls of 1 epoch']) * 1000)} epochs/s`],
  ['ActLab train (1 epoch per call, bound)', `${Math.round((EPOCHS / best['train, 1000 calls of 1 epoch on bound data']) * 1000)} epochs/s`],
  ['plain JS train', `${Math.round((EPOCHS / best['plain JS train, 1000 epochs']) * 1000)} epochs/s`],
  ['ActLab grid 100x100 + neurons', `${(best['grid 100x100 + neurons, x100'] / GRIDS).toFixed(3)} ms`],
  ['ActLab grid 100x100 + neurons, into', `${(best['grid 100x100 + neurons into arrays, x100'] / GRIDS).toFixed(3)} ms`],
  ['ActLab grid 100x100, outputs only', `${(best['grid 100x100 only, x100'] / GRIDS).toFixed(3)} ms`],
  ['plain JS grid + neurons', `${(best['plain JS grid + neurons, x100'] / GRIDS).toFixed(3)} ms`],
  ...[32, 128].map((w) => {
    const ms = best[`digits 64-${w}-10, 30 epochs`];
    return [`digits 64-${w}-10 (1,438 images)`, `${Math.round((DIGIT_EPOCHS / ms) * 1000)} epochs/s, ` +
      `${Math.round((DIGIT_EPOCHS * 1438 / ms) * 1000)} images/s`];
  }),
];
const native = fileURLToPath(new URL('../build/bench_network', import.meta.url));
if (existsSync(native)) {
  const [eps, ms] = execFileSync(native, { encoding: 'utf8' }).trim().split(' ');
  rows.push(['native C (gcc -O2) train', `${eps} epochs/s`], ['native C grid + neurons', `${ms} ms`]);
}
for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);
net.dispose();
bound.dispose();
digit32.dispose();
digit128.dispose();
digitRows.dispose();
