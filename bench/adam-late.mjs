// Late epochs against early ones (issue 21): W2, the spiral of 1,000
// points on 2-32-32-32-1 ReLU with Adam 0.01, batch 32, bound data. Times
// 20 epochs at the start and 20 after 600 (fastest of 3 each), and counts
// the optimiser moments that are subnormal (0 < |m| < 2^-1022) and exactly 0
// at the end: dead units' moments that decayed into subnormals used to stay
// there and make every step several times slower.
// Run: node bench/adam-late.mjs   (optimizer=momentum to try momentum)
import { loadActLab } from '../web/lib/actlab.js';

const optimizer = process.env.optimizer ?? 'adam';
const lab = await loadActLab();
const data = lab.makeDataset('spiral', { count: 1000, seed: 1 });
const net = lab.createNetwork({ layers: [2, 32, 32, 32, 1], activation: 'relu', optimizer, learningRate: 0.01, batchSize: 32, seed: 1 });
const bound = lab.bindData(data.inputs, data.labels);
const time = (n) => {
  const t0 = performance.now();
  net.train(bound, { epochs: n });
  return performance.now() - t0;
};
const fastest = () => Math.min(time(20), time(20), time(20));
const early = fastest();
net.train(bound, { epochs: 600 });
const late = fastest();
const { m, v = [] } = net.toJSON().optimizerState;
const subnormal = (x) => x !== 0 && Math.abs(x) < 2 ** -1022;
console.log(`${optimizer}: 20 epochs take ${early.toFixed(1)} ms at the start and ${late.toFixed(1)} ms after 600 (ratio ${(late / early).toFixed(2)}); ` +
  `moments: ${m.length} first (${m.filter(subnormal).length} subnormal, ${m.filter((x) => x === 0).length} zero), ` +
  `${v.length} second (${v.filter(subnormal).length} subnormal)`);
