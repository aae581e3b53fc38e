// The network benchmark (issue 3), through the JS API:
//   train - the playground setup: 2-8-8-1, tanh hidden and output, squared
//           error, ±1 labels, batch 10, learning rate 0.03, 500 circle points,
//           1,000 epochs in one train() call (and as 1,000 calls of 1 epoch,
//           as a page does frame by frame, with the rows passed each time or
//           bound once with lab.bindData, as the page's trainer does)
//   grid  - a 100×100 grid forward pass that also returns every neuron's output
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
];
const native = fileURLToPath(new URL('../build/bench_network', import.meta.url));
if (existsSync(native)) {
  const [eps, ms] = execFileSync(native, { encoding: 'utf8' }).trim().split(' ');
  rows.push(['native C (gcc -O2) train', `${eps} epochs/s`], ['native C grid + neurons', `${ms} ms`]);
}
for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);
net.dispose();
bound.dispose();
