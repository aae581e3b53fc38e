// Shared by the browser suites: Debian's Chromium driven by playwright-core,
// the page served from web/ by scripts/serve.mjs on a free port, and pages
// opened with every console problem and every request to another host
// recorded (a suite asserts both are empty).
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

export async function startBrowser() {
  const { server, url: base } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { server, base, browser };
}

/** A fresh context (own storage) and page at base + path, with problems and foreign requests recorded. */
export async function openPage(browser, base, path = '', { width = 1280, locale = 'en-US', context } = {}) {
  const ctx = context ?? await browser.newContext({ viewport: { width, height: 900 }, locale });
  const page = await ctx.newPage();
  const problems = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });
  // A request the browser cancels because the test navigates on (a reload while
  // the icon is still loading) is no fault of the page; any other failure is.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  await page.goto(base + path);
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  return { page, ctx, problems, foreign };
}

/** A page opened straight from disk (file://), with its problems and every request it makes recorded. */
export async function openFile(browser, url) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  return { page, ctx, problems, requests };
}

/** axe-core's serious and critical findings on the page (axe must be loaded into it), one line each. */
export async function seriousViolations(page) {
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
