// Runs the methods in turn, `rounds` times, and returns each one's fastest
// run in ms: interleaving spreads the noise of a shared machine over all of
// them. Shared by bench/bench.mjs and bench/network.mjs.
export function fastestMs(methods, rounds) {
  const best = Object.fromEntries(Object.keys(methods).map((k) => [k, Infinity]));
  for (let r = 0; r < rounds; r++) {
    for (const [k, fn] of Object.entries(methods)) {
      const t0 = performance.now();
      fn();
      best[k] = Math.min(best[k], performance.now() - t0);
    }
  }
  return best;
}
