// The page in Debian's Chromium (playwright-core), served by scripts/serve.mjs:
// it loads without console errors, makes no request to another host, lists
// the catalog and charts the values the module computes.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { loadActLab } from '../web/lib/actlab.js';
import { ROOT } from './helpers.mjs';

const ARTIFACTS = `${ROOT}/test-artifacts`;
let server;
let base;
let browser;

beforeAll(async () => {
  ({ server, url: base } = await startServer());
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 30000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

async function openPage(width) {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const problems = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return { page, problems, foreign };
}

test('the page loads cleanly, lists the catalog and charts the module\'s values', async () => {
  const { page, problems, foreign } = await openPage(1280);
  const lab = await loadActLab();
  const names = await page.$$eval('#catalog button', (bs) => bs.map((b) => b.dataset.name));
  expect(names).toEqual(lab.activations.map((a) => a.name));

  await page.click('#catalog button[data-name="gelu"]');
  expect(await page.getAttribute('#catalog button[data-name="gelu"]', 'aria-pressed')).toBe('true');
  const plotted = await page.evaluate(() => {
    const chart = window.Chart.getChart(document.getElementById('chart'));
    return chart.data.datasets.map((d) => d.data.map((p) => [p.x, p.y]));
  });
  const xs = plotted[0].map((p) => p[0]);
  expect(plotted[0].map((p) => p[1])).toEqual([...lab.evaluate('gelu', xs)]);
  expect(plotted[1].map((p) => p[1])).toEqual([...lab.derivative('gelu', xs)]);
  await page.screenshot({ path: `${ARTIFACTS}/placeholder-1280.png`, fullPage: true });

  expect(problems).toEqual([]);
  expect(foreign).toEqual([]);
  await page.close();
}, 30000);

test('the page works at 375 px and the keyboard selects a function', async () => {
  const { page, problems } = await openPage(375);
  await page.focus('#catalog button[data-name="tanh"]');
  await page.keyboard.press('Enter');
  expect(await page.getAttribute('#catalog button[data-name="tanh"]', 'aria-pressed')).toBe('true');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${ARTIFACTS}/placeholder-375.png`, fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
}, 30000);

test('the server refuses paths outside web/', async () => {
  const res = await fetch(`${base}..%2f..%2fpackage.json`);
  expect([403, 404]).toContain(res.status);
  const wasm = await fetch(`${base}lib/actlab_core.wasm`);
  expect(wasm.headers.get('content-type')).toBe('application/wasm');
});
