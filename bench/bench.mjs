// Throughput of every activation, f and f' over 1,000,000 inputs in [-8, 8]:
//   api    - lab.evaluate + lab.derivative (copies in and out included)
//   plain  - the textbook formulas in plain JavaScript (bench/plain.mjs)
//   kernel - the Wasm kernels alone (al_forward + al_derivative on the heap)
//   native - the same C built natively with gcc -O2 (build/bench_native)
// Fastest of ROUNDS interleaved runs each, in ns per element. Run: bench/run.sh
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadActLab } from '../web/lib/actlab.js';
import { PLAIN, TRANSCENDENTAL } from './plain.mjs';
import { fastestMs } from './timing.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = 1_000_000;
const ROUNDS = 11;

// Fastest interleaved run of each method, in ns per element.
function fastest(methods) {
  const best = fastestMs(methods, ROUNDS);
  for (const k of Object.keys(best)) best[k] = (best[k] * 1e6) / N;
  return best;
}

const xs = new Float64Array(N);
for (let i = 0; i < N; i++) xs[i] = -8 + (16 * i) / (N - 1);

const lab = await loadActLab();

// The raw module for kernel timings (the API hides the heap on purpose).
const bytes = readFileSync(`${ROOT}/web/lib/actlab_core.wasm`);
const { instance } = await WebAssembly.instantiate(bytes, { env: { emscripten_notify_memory_growth() {} } });
const c = instance.exports;
c._initialize();
const xp = c.malloc(N * 8);
const yp = c.malloc(N * 8);
new Float64Array(c.memory.buffer, xp, N).set(xs);

const native = new Map(execFileSync(`${ROOT}/build/bench_native`, { encoding: 'utf8' })
  .trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.name, r.ns_per_element]));

let sink = 0;
const rows = [];
for (let k = 0; k < lab.activations.length; k++) {
  const name = lab.activations[k].name;
  const [f, df] = PLAIN[name];
  // A fresh loop per activation (own source, own type feedback), so V8 sees
  // one call target and inlines it, as in a page that uses one function.
  const loop = new Function('f', 'df', 'xs', `
    const n = xs.length, a = new Float64Array(n), b = new Float64Array(n);
    for (let i = 0; i < n; i++) a[i] = f(xs[i]);
    for (let i = 0; i < n; i++) b[i] = df(xs[i]);
    return a[7] + b[11]; // ${name}`);
  const { api, plain, kernel } = fastest({
    api: () => { sink += lab.evaluate(name, xs)[7] + lab.derivative(name, xs)[11]; },
    plain: () => { sink += loop(f, df, xs); },
    kernel: () => {
      c.al_forward(k, 0, 0, xp, yp, N);
      c.al_derivative(k, 0, 0, xp, yp, N);
    },
  });
  rows.push({ name, transcendental: TRANSCENDENTAL.has(name), api, plain, kernel, native: native.get(name) });
}
c.free(xp);
c.free(yp);

const fmt = (v) => v.toFixed(1).padStart(7);
const ratio = (v) => v.toFixed(2).padStart(6);
console.log('ns per element, f + f\', 1e6 inputs in [-8, 8], best of 11 interleaved runs');
console.log(`${'activation'.padEnd(15)}    api   plain  kernel  native  api/plain kernel/native`);
for (const r of rows) {
  const flag = r.transcendental ? '*' : ' ';
  console.log(`${(r.name + flag).padEnd(15)}${fmt(r.api)} ${fmt(r.plain)} ${fmt(r.kernel)} ${fmt(r.native)}` +
    `    ${ratio(r.api / r.plain)}    ${ratio(r.kernel / r.native)}`);
}
const t = rows.filter((r) => r.transcendental);
console.log(`* transcendental: api <= plain for ${t.filter((r) => r.api <= r.plain).length}/${t.length}; ` +
  `kernel within 1.5x native for ${rows.filter((r) => r.kernel <= 1.5 * r.native).length}/${rows.length}`);
mkdirSync(`${ROOT}/bench/results`, { recursive: true });
writeFileSync(`${ROOT}/bench/results/latest.json`, JSON.stringify({ date: new Date().toISOString(), rows }, null, 1));
if (sink === 42) console.log('');
