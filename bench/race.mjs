// Smoothness of the playground while it trains (issue 5): frame times and
// long tasks in headless Chromium, for race mode with four networks and for
// the main playground at its heaviest settings. Each scenario runs for
// SECONDS; the frame time is the interval between requestAnimationFrame
// callbacks (16.7 ms at 60 fps); long tasks are main-thread tasks over 50 ms
// (PerformanceObserver 'longtask'). Training runs in the page's Worker;
// WORKER=0 takes Worker away so that it runs on the page in time slices, as
// where no Worker can start. Run: node bench/race.mjs
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const SECONDS = Number(process.env.SECONDS ?? 5);
const SCENARIOS = [
  ['race, 4 activations, default network, 500 points', '#race=sigmoid,tanh,relu,leaky_relu&speed=10', 'race-play'],
  ['race, 4 activations, 6×6 hidden, 500 points', '#race=sigmoid,tanh,relu,leaky_relu&hidden=6,6,6,6,6,6&speed=100', 'race-play'],
  ['race, 4 initialisers, 6×8 hidden, 2000 points', '#race=zeros,uniform,glorot_uniform,he_normal&hidden=8,8,8,8,8,8&n=2000&test=0.1&speed=100', 'race-play'],
  ['playground, 6×8 hidden, 2000 points', '#hidden=8,8,8,8,8,8&n=2000&test=0.1&speed=100', 'play'],
];

const { server, url } = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu'] });
const pct = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
for (const [name, hash, action] of SCENARIOS) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (process.env.WORKER === '0') await context.addInitScript(() => { delete window.Worker; });
  const page = await context.newPage();
  await page.goto(url + hash);
  await page.waitForSelector('body[data-ready="true"]');
  const target = action === 'play' ? '#playground' : '#playground .pg-race';
  await page.locator(target).scrollIntoViewIfNeeded();
  await page.waitForSelector(`#playground [data-action="${action}"]:not([disabled])`);
  await page.waitForTimeout(1000); // the first drawing after the scroll (charts made, maps drawn) is not training
  await page.evaluate(() => {
    window.benchLong = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.benchLong.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask' });
  });
  const before = await page.evaluate(() => Number(document.querySelector('.pg-stats').dataset.epoch));
  await page.evaluate(() => { window.benchStart = performance.now(); });
  await page.click(`#playground [data-action="${action}"]`);
  const frames = await page.evaluate((ms) => new Promise((resolve) => {
    const times = [];
    let last = performance.now();
    const end = last + ms;
    const tick = (now) => {
      times.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(tick);
      else resolve(times);
    };
    requestAnimationFrame(tick);
  }), SECONDS * 1000);
  await page.click(`#playground [data-action="${action}"]`);
  const epochs = action === 'play'
    ? await page.evaluate(() => Number(document.querySelector('.pg-stats').dataset.epoch)) - before
    : await page.evaluate(() => Number(document.querySelector('.pg-race-epoch').dataset.epoch));
  // Long tasks within the first 500 ms belong to starting (the first chart, the click), not to training.
  const all = await page.evaluate(() => window.benchLong.map(([at, d]) => [at - window.benchStart, d]));
  const long = all.filter(([at]) => at >= 500).map(([, d]) => d);
  const early = all.filter(([at]) => at < 500).map(([, d]) => d);
  frames.sort((a, b) => a - b);
  const fps = frames.length / SECONDS;
  console.log(`${name}: ${frames.length} frames in ${SECONDS} s (${fps.toFixed(1)} fps); frame time median ` +
    `${pct(frames, 0.5).toFixed(1)} ms, p95 ${pct(frames, 0.95).toFixed(1)} ms, max ${frames[frames.length - 1].toFixed(1)} ms; ` +
    `long tasks while training ${long.length}${long.length ? ` (max ${Math.max(...long).toFixed(0)} ms)` : ''}, ` +
    `at the start ${early.length}${early.length ? ` (max ${Math.max(...early).toFixed(0)} ms)` : ''}; ` +
    `${epochs} epochs${action === 'play' ? '' : ' per racer'}; training in the ${await page.evaluate(() => document.body.dataset.trainer)}`);
  await context.close();
}
await browser.close();
server.close();
