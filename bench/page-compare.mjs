// First view, before and after, interleaved: two builds of the page, each
// served by its own repository's scripts/serve.mjs, loaded cold in turn
// (fresh browser context each time, the order alternating every round), on
// localhost and on a throttled connection (1.6 Mbps down, 750 kbps up,
// 150 ms round trip, CPU slowed 4x, as Lighthouse's "slow 4G"). Reports the
// bytes transferred until the page is ready and the time to the first
// chart (the actlab:first-chart mark): medians, and the median of the
// per-round ratios after/before.
//   node bench/page-compare.mjs BEFORE_REPO [AFTER_REPO=.]   (ROUNDS=9)
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [beforeRepo, afterRepo = '.'] = process.argv.slice(2);
if (!beforeRepo) {
  console.error('usage: node bench/page-compare.mjs BEFORE_REPO [AFTER_REPO]');
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const serve = async (repo) => {
  const { startServer } = await import(pathToFileURL(resolve(repo, 'scripts/serve.mjs')).href);
  return startServer({ root: resolve(repo, 'web') + '/' });
};
const variants = { before: await serve(beforeRepo), after: await serve(afterRepo) };
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function load(url, slow) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (slow) {
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  let bytes = 0;
  let ready = false;
  cdp.on('Network.loadingFinished', (e) => { if (!ready) bytes += e.encodedDataLength; });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
  ready = true;
  const ms = await page.evaluate(() => performance.getEntriesByName('actlab:first-chart')[0].startTime);
  await context.close();
  return { bytes, ms };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const slow of [false, true]) {
  const got = { before: [], after: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? ['after', 'before'] : ['before', 'after'];
    for (const v of order) got[v].push(await load(variants[v].url, slow));
  }
  const ratio = (k) => median(got.after.map((a, i) => a[k] / got.before[i][k]));
  console.log(`${slow ? 'slow 4G, CPU x4' : 'localhost'}: ${ROUNDS} rounds`);
  for (const v of ['before', 'after']) {
    console.log(`  ${v.padEnd(6)} transferred ${(median(got[v].map((x) => x.bytes)) / 1024).toFixed(1)} KB, ` +
      `first chart ${median(got[v].map((x) => x.ms)).toFixed(0)} ms (median)`);
  }
  console.log(`  after/before: bytes ${ratio('bytes').toFixed(2)}, first chart ${ratio('ms').toFixed(2)} (median of the round ratios)`);
}
await browser.close();
for (const v of Object.values(variants)) v.server.close();
