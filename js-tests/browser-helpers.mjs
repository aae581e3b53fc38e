// Shared by the browser suites: Debian's Chromium driven by playwright-core,
// the page served from web/ by scripts/serve.mjs on a free port, and pages
// opened with every console problem and every request to another host
// recorded (a suite asserts both are empty).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

/**
 * A browser suite's server and Chromium, started before its tests and closed
 * after them: suite.base (the page's address), suite.browser, and
 * suite.open(path, options), a page at base + prefix + path (openPage).
 */
export function browserSuite(prefix = '') {
  const suite = { base: '', browser: null, server: null };
  beforeAll(async () => { Object.assign(suite, await startBrowser()); }, 30000);
  afterAll(async () => {
    await suite.browser?.close();
    suite.server?.close();
  });
  suite.open = (path = '', options) => openPage(suite.browser, suite.base, `${prefix}${path}`, options);
  return suite;
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

// axe-core's source, put into a page by the DevTools protocol: an added
// <script> tag would be inline script, which the served pages' policy refuses.
const AXE = readFileSync(fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');
export const loadAxe = (page) => page.evaluate(AXE);

/** axe-core's serious and critical findings on the page (loaded into it by loadAxe), one line each. */
export async function seriousViolations(page) {
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

// ---- the playground ----

/** Scrolls to the playground (it builds its network when scrolled near) and waits for it. */
/**
 * Scrolls to a widget as a reader does and waits until it has loaded: the
 * widgets below the explorer load their code when they come near the view.
 */
export async function reach(page, selector) {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => {
    const el = document.querySelector(s);
    return el !== null && el.querySelector('[data-lazy]') === null && el.childElementCount > 0;
  }, selector, { timeout: 20000 });
  // Widgets passed on the way loaded too and grew above it: scroll to it again, as a reader would.
  await page.locator(selector).first().scrollIntoViewIfNeeded();
}

export async function toPlayground(page) {
  await reach(page, '#playground');
  await page.waitForFunction(() => document.querySelector('.pg-stats')?.dataset.epoch !== undefined);
}

/** Gives the playground's file button (data-action: import, load-json) a file named name holding text, as a reader picking it would. */
export async function pickPlaygroundFile(page, action, name, text) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click(`#playground [data-action="${action}"]`)]);
  await chooser.setFiles({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv', buffer: Buffer.from(text) });
}

/** The playground's figures, as the page shows them. */
export const pgStats = (page) => page.evaluate(() => {
  const s = document.querySelector('.pg-stats');
  return { epoch: Number(s.dataset.epoch), testAccuracy: s.dataset.testAccuracy === '' ? null : Number(s.dataset.testAccuracy),
    testLoss: s.dataset.testLoss, text: Object.fromEntries([...s.querySelectorAll('dd')].map((dd) => [dd.dataset.stat, dd.textContent])) };
});

/** Training answers asynchronously (from the Worker): waits until the page shows `epoch`. */
export const untilEpoch = (page, epoch) => page.waitForFunction((e) => document.querySelector('.pg-stats').dataset.epoch === String(e), epoch);

/** Waits until no training request is out (after a pause, the last one still lands). */
export const settled = (page, selector = '.pg-stats') => page.waitForFunction((s) => (document.querySelector(s).dataset.pending ?? '0') === '0', selector);

/** Switches the page's language and waits until it shows it (the first switch loads that dictionary). */
export async function switchLanguage(page, lang) {
  await page.click(`[data-set-lang="${lang}"]`);
  await page.waitForFunction((l) => document.documentElement.lang.split('-')[0] === l, lang);
}
