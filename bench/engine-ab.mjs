// Two builds of the engine in one process, interleaved (issue 21): BEFORE.wasm
// (a copy of web/lib/actlab_core_simd.wasm kept from an earlier build) against
// the current one, on W2 (spiral 1,000, 2-32-32-32-1 ReLU, Adam 0.01, batch 32),
// W1 (circle 500, 2-8-8-1 tanh, SGD 0.03, batch 10), the digits network
// (64-32-10 ReLU, Adam) and a leaky-ReLU network with momentum. Each pair
// first trains 3 epochs and must hold identical bits; then 9 rounds alternate
// which goes first; reported: medians and the median of the per-round ratios.
// Run: node bench/engine-ab.mjs BEFORE.wasm
import { readFileSync } from 'node:fs';
import { loadActLab } from '../web/lib/actlab.js';

const before = process.argv[2];
if (!before) {
  console.error('usage: node bench/engine-ab.mjs BEFORE.wasm');
  process.exit(2);
}
const A = await loadActLab({ wasmBinary: readFileSync(before) });
const B = await loadActLab({ wasmBinary: readFileSync(new URL('../web/lib/actlab_core_simd.wasm', import.meta.url)) });
const cases = {
  'W2 relu adam': { data: ['spiral', 1000], cfg: { layers: [2, 32, 32, 32, 1], activation: 'relu', optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 1 }, epochs: 20 },
  'W1 tanh sgd': { data: ['circle', 500], cfg: { layers: [2, 8, 8, 1], activation: 'tanh', output: 'tanh', loss: 'squared_error', init: 'uniform', optimizer: 'sgd', learningRate: 0.03, batchSize: 10, seed: 1 }, epochs: 200, signed: true },
  'digits relu adam': { digits: true, cfg: { layers: [64, 32, 10], activation: 'relu', output: 'softmax', optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 1 }, epochs: 5 },
  'momentum leaky': { data: ['spiral', 1000], cfg: { layers: [2, 32, 32, 1], activation: 'leaky_relu', optimizer: 'momentum', learningRate: 0.01, batchSize: 32, seed: 1 }, epochs: 20 },
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, c] of Object.entries(cases)) {
  const mk = (lab) => {
    const d = c.digits ? lab.makeDataset('digits', { seed: 1 }) : lab.makeDataset(c.data[0], { count: c.data[1], seed: 1, ...(c.signed ? { signedLabels: true } : {}) });
    const net = lab.createNetwork(c.cfg);
    const bound = lab.bindData(d.inputs, d.labels, c.digits ? { inputWidth: 64 } : {});
    return { net, bound };
  };
  const a = mk(A), b = mk(B);
  a.net.train(a.bound, { epochs: 3 }); b.net.train(b.bound, { epochs: 3 });
  const same = a.net.getParams().every((v, i) => Object.is(v, b.net.getParams()[i])) && JSON.stringify(a.net.toJSON().optimizerState) === JSON.stringify(b.net.toJSON().optimizerState);
  const ta = [], tb = [], r = [];
  for (let k = 0; k < 9; k++) {
    const order = k % 2 ? [[b, tb], [a, ta]] : [[a, ta], [b, tb]];
    for (const [x, arr] of order) { const t0 = performance.now(); x.net.train(x.bound, { epochs: c.epochs }); arr.push(performance.now() - t0); }
    r.push(tb[k] / ta[k]);
  }
  const same2 = a.net.getParams().every((v, i) => Object.is(v, b.net.getParams()[i]));
  console.log(`${name}: before ${median(ta).toFixed(1)} ms, after ${median(tb).toFixed(1)} ms, after/before ${median(r).toFixed(3)}; identical after training: ${same && same2}`);
}
