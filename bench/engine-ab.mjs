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
  // The distributions widget's deep network (web/app/distmodel.js): 64-256x10-10 tanh, SGD, batch 50, 500 rows of N(0, 1).
  'distributions 10x256': { normal: [500, 64, 10], cfg: { layers: [64, ...new Array(10).fill(256), 10], activation: 'tanh', output: 'softmax', init: 'glorot_normal', optimizer: 'sgd', learningRate: 0.01, batchSize: 50, seed: 1 }, epochs: 1 },
};
// Forward passes only (the decision maps): the output over a 200 x 200 grid, and every neuron's output there.
const grids = {
  'W2 grid 200x200 (outputs)': { cfg: cases['W2 relu adam'].cfg, run: (net) => net.grid({ resolution: 200 }) },
  'W2 grid 200x200 (every neuron)': { cfg: cases['W2 relu adam'].cfg, run: (net) => net.grid({ resolution: 200, neurons: true }) },
  'W1 grid 200x200 (every neuron)': { cfg: cases['W1 tanh sgd'].cfg, run: (net) => net.grid({ resolution: 200, neurons: true }) },
};
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
// rows x width inputs from a seeded generator (Box-Muller on a 32-bit LCG), labels 0 .. classes-1 by row.
function normalData(rows, width, classes) {
  let s = 12345;
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
  const inputs = Float64Array.from({ length: rows * width }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
  return { inputs, labels: Float64Array.from({ length: rows }, (_, r) => r % classes) };
}
// ONLY=pattern runs the cases whose names match it.
const only = new RegExp(process.env.ONLY ?? '');
for (const [name, c] of Object.entries(cases).filter(([n]) => only.test(n))) {
  const mk = (lab) => {
    const d = c.digits ? lab.makeDataset('digits', { seed: 1 }) : c.normal ? normalData(...c.normal)
      : lab.makeDataset(c.data[0], { count: c.data[1], seed: 1, ...(c.signed ? { signedLabels: true } : {}) });
    const net = lab.createNetwork(c.cfg);
    const bound = lab.bindData(d.inputs, d.labels, c.digits ? { inputWidth: 64 } : c.normal ? { inputWidth: c.normal[1] } : {});
    return { net, bound };
  };
  const a = mk(A), b = mk(B);
  a.net.train(a.bound, { epochs: 3 }); b.net.train(b.bound, { epochs: 3 });
  const sameParams = () => { const pa = a.net.getParams(), pb = b.net.getParams(); return pa.every((v, i) => Object.is(v, pb[i])); };
  const same = sameParams() && JSON.stringify(a.net.toJSON().optimizerState) === JSON.stringify(b.net.toJSON().optimizerState);
  const ta = [], tb = [], r = [];
  for (let k = 0; k < 9; k++) {
    const order = k % 2 ? [[b, tb], [a, ta]] : [[a, ta], [b, tb]];
    for (const [x, arr] of order) { const t0 = performance.now(); x.net.train(x.bound, { epochs: c.epochs }); arr.push(performance.now() - t0); }
    r.push(tb[k] / ta[k]);
  }
  const same2 = sameParams();
  console.log(`${name}: before ${median(ta).toFixed(1)} ms, after ${median(tb).toFixed(1)} ms, after/before ${median(r).toFixed(3)}; identical after training: ${same && same2}`);
}
for (const [name, g] of Object.entries(grids).filter(([n]) => only.test(n))) {
  const a = A.createNetwork(g.cfg), b = B.createNetwork(g.cfg);
  // net.grid's result: { outputs, neurons (or null) }, compared bit for bit.
  const x = g.run(a), y = g.run(b);
  const equal = (p, q) => (p === null ? q === null : p.length === q.length && p.every((v, j) => Object.is(v, q[j])));
  const same = equal(x.outputs, y.outputs) && equal(x.neurons, y.neurons);
  const ta = [], tb = [], r = [];
  for (let k = 0; k < 9; k++) {
    const order = k % 2 ? [[b, tb], [a, ta]] : [[a, ta], [b, tb]];
    for (const [net, arr] of order) { const t0 = performance.now(); g.run(net); arr.push(performance.now() - t0); }
    r.push(tb[k] / ta[k]);
  }
  console.log(`${name}: before ${median(ta).toFixed(1)} ms, after ${median(tb).toFixed(1)} ms, after/before ${median(r).toFixed(3)}; identical output: ${same}`);
}
