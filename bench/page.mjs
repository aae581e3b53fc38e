// The page budget (issue 4): bytes shipped by type (raw and gzip -9, as a
// static host would compress them) and the time from navigation to the first
// chart drawn, in headless Chromium on localhost. Median of RUNS cold loads
// (fresh browser context each). Run: node bench/page.mjs
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const { server, url } = await startServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu'] });
const times = [];
const phases = [];
let bytes;
for (let r = 0; r < RUNS; r++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', (res) => bodies.push(res.body().then((b) => [res.url(), b]).catch(() => null)));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const marks = await page.evaluate(() => Object.fromEntries(['start', 'fetched', 'loaded', 'first-chart']
    .map((m) => [m, performance.getEntriesByName(`actlab:${m}`)[0].startTime])));
  times.push(marks['first-chart']);
  phases.push(marks);
  if (!bytes) {
    bytes = {};
    for (const entry of await Promise.all(bodies)) {
      if (!entry) continue;
      const [u, body] = entry;
      const type = u.endsWith('.wasm') ? 'wasm' : u.endsWith('.css') ? 'css' : /\.m?js$/.test(u) ? 'js' : 'other';
      bytes[type] ??= { raw: 0, gzip: 0, files: 0 };
      bytes[type].raw += body.length;
      bytes[type].gzip += gzipSync(body, { level: 9 }).length;
      bytes[type].files++;
    }
  }
  await context.close();
}
// What the digits widget adds when scrolled to (issue 18): the files it loads
// then, and the time from the scroll to its drawing pad.
const lazy = { raw: 0, gzip: 0, files: [], ms: [] };
for (let r = 0; r < RUNS; r++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const later = [];
  page.on('response', (res) => later.push(res.body().then((b) => [res.url(), b]).catch(() => null)));
  const t0 = await page.evaluate(() => performance.now());
  await page.locator('#digits').scrollIntoViewIfNeeded();
  await page.waitForSelector('#digits .dg-pad');
  lazy.ms.push(await page.evaluate(() => performance.now()) - t0);
  if (!lazy.files.length) {
    for (const entry of await Promise.all(later)) {
      // The digits widget's own files (scrolling there may also bring widgets near it, and the Worker).
      if (!entry || !/-digits-/.test(entry[0])) continue;
      lazy.files.push(entry[0].split('/').pop());
      lazy.raw += entry[1].length;
      lazy.gzip += gzipSync(entry[1], { level: 9 }).length;
    }
  }
  await context.close();
}
await browser.close();
server.close();
times.sort((a, b) => a - b);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [type, b] of Object.entries(bytes)) console.log(`${type.padEnd(6)} ${String(b.files).padStart(2)} files  ${kb(b.raw).padStart(9)} raw  ${kb(b.gzip).padStart(9)} gzip`);
const scriptWasm = ['js', 'wasm'].reduce((s, k) => [s[0] + (bytes[k]?.raw ?? 0), s[1] + (bytes[k]?.gzip ?? 0)], [0, 0]);
console.log(`script + wasm      ${kb(scriptWasm[0]).padStart(9)} raw  ${kb(scriptWasm[1]).padStart(9)} gzip`);
const all = Object.values(bytes).reduce((s, b) => [s[0] + b.raw, s[1] + b.gzip, s[2] + b.files], [0, 0, 0]);
console.log(`first view ${String(all[2]).padStart(3)} files ${kb(all[0]).padStart(9)} raw  ${kb(all[1]).padStart(9)} gzip (${all[1]} bytes)`);
const med = (k) => phases.map((p) => p[k]).sort((a, b) => a - b)[phases.length >> 1].toFixed(0);
console.log(`phases (median ms from navigation): app started ${med('start')}, core fetched ${med('fetched')}, core ready ${med('loaded')}, first chart ${med('first-chart')}`);
lazy.ms.sort((a, b) => a - b);
console.log(`digits widget on scroll: ${lazy.files.join(', ')}: ${(lazy.raw / 1024).toFixed(1)} KB raw, ${(lazy.gzip / 1024).toFixed(1)} KB gzip; ` +
  `pad ready ${lazy.ms[lazy.ms.length >> 1].toFixed(0)} ms after the scroll (median)`);
console.log(`first chart: median ${times[times.length >> 1].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}) over ${RUNS} cold loads`);
