// The distribution widgets in Chromium: the Galton board's figures and the
// deep network's histograms (computed in the trainer's Worker) equal what
// Node computes through the API; the presets show the classic numbers; the
// network trains and the histograms follow; both widgets load only when
// scrolled near, and work in Chinese at 375 px with axe-core finding nothing
// serious.
import { browserSuite, loadAxe, seriousViolations } from './browser-helpers.mjs';
import { loadActLab } from '../web/lib/actlab.js';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { sampleInputs, populationFigures, deepData, deepConfig, DEEP_PRESETS } from '../web/app/distmodel.js';
import { ROOT } from './helpers.mjs';

const suite = browserSuite();
const { open } = suite;
let lab;
beforeAll(async () => { lab = await loadActLab(); }, 30000);

const LAZY = /actlab-page-(?:galton|distributions)-[A-Z0-9]+\.js$/;

// What the Galton board should say for a state, by the API.
function galtonByNode(kind, mu, sigma, fn) {
  const x = sampleInputs(kind, { mu, sigma }, 2000, 7);
  const grid = Float64Array.from({ length: 241 }, (_, i) => -6 + 0.05 * i);
  const peak = Math.max(...lab.derivative(fn, grid).map(Math.abs));
  return populationFigures(lab.evaluate(fn, x), lab.derivative(fn, x), peak);
}

// The samples come from Math.log, Math.cos and Math.sin, whose last bits may differ between the
// browser's JavaScript engine and Node's: figures agree to 1e-9, not bit for bit.
const close = (a, b) => Object.keys(b).every((k) => Math.abs(a[k] - b[k]) <= 1e-9 * Math.max(1, Math.abs(b[k])));
const figures = (page) => page.$eval('.g-figures', (el) => ({ mean: Number(el.dataset.mean), std: Number(el.dataset.std),
  saturated: Number(el.dataset.saturated), dead: Number(el.dataset.dead) }));
const layerStds = (page) => page.$$eval('.q-layer', (els) => els.map((e) => Number(e.dataset.std)));

test('the Galton board: loaded when scrolled near; its figures are the API\'s, for every input and a dead-zone function', async () => {
  const { page, ctx, problems, foreign } = await open('index.html');
  const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect((await fetched()).filter((u) => LAZY.test(u))).toEqual([]);
  await page.locator('#galton').scrollIntoViewIfNeeded();
  await page.waitForSelector('#galton .g-figures[data-std]', { timeout: 20000 });
  expect(close(await figures(page), galtonByNode('normal', 0, 1, 'tanh'))).toBe(true);
  await page.click('[data-input="bumps"]');
  await page.waitForFunction(() => /gk=bumps/.test(location.hash));
  expect(close(await figures(page), galtonByNode('bumps', 0, 1, 'tanh'))).toBe(true);
  await page.selectOption('[data-field="gf"]', 'relu');
  await page.click('[data-input="normal"]');
  const relu = await figures(page);
  expect(close(relu, galtonByNode('normal', 0, 1, 'relu'))).toBe(true);
  expect(Math.abs(relu.dead - 0.5)).toBeLessThan(0.05); // half of N(0, 1) is negative: relu' = 0 there
  // The first layer of a network on the spiral: other inputs, no mean or spread to set.
  await page.click('[data-input="layer"]');
  expect(await page.isHidden('[data-field="gm"]')).toBe(true);
  expect(await page.isVisible('.g-layer-note')).toBe(true);
  expect(Number(await page.$eval('.g-figures', (el) => el.dataset.std))).not.toBe(relu.std);
  // A parameter of the function: leaky_relu with its alpha leaves none dead; alpha 0 is ReLU again.
  await page.selectOption('[data-field="gf"]', 'leaky_relu');
  await page.click('[data-input="normal"]');
  expect((await figures(page)).dead).toBe(0);
  await page.fill('.g-params [data-param="alpha"]', '0');
  await page.press('.g-params [data-param="alpha"]', 'Enter');
  await page.waitForFunction(() => /leaky_relu\.alpha:0/.test(location.hash));
  expect(close(await figures(page), relu)).toBe(true);
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
  await ctx.close();
}, 60000);

test('the deep network: each classic picture as the API computes it, with its reading; training moves the histograms', async () => {
  const { page, ctx, problems } = await open('embed.html?widget=distributions');
  await page.waitForSelector('.q-layer', { timeout: 30000 });
  const { inputs } = deepData();
  for (const preset of Object.keys(DEEP_PRESETS)) {
    await page.click(`[data-preset="${preset}"]`);
    await page.waitForFunction((p) => document.querySelector('.q-reading').dataset.preset === p, preset);
    const net = lab.createNetwork(deepConfig(DEEP_PRESETS[preset]));
    const want = net.layerStats(inputs).slice(0, 10).map((s) => s.std);
    net.dispose();
    // The Worker's histograms arrive after the reading: wait for this network's.
    await page.waitForFunction((w) => document.querySelectorAll('.q-layer').length === 10 && [...document.querySelectorAll('.q-layer')]
      .map((e) => Number(e.dataset.std)).every((v, i) => Math.abs(v / w[i] - 1) < 1e-9), want, { timeout: 30000 });
    expect(await page.textContent('.q-reading')).toBe(DICTIONARIES.en[`q.read.${preset}`]);
  }
  // Three layers train faster: the same widget, a smaller network.
  await page.fill('[data-field="qd"]', '3');
  await page.waitForFunction(() => document.querySelectorAll('.q-layer').length === 3, null, { timeout: 30000 });
  const before = await layerStds(page);
  await page.click('[data-action="train"]');
  await page.waitForFunction(() => document.querySelector('.q-controls [role="status"]').dataset.epochs === '20' &&
    document.querySelector('[data-action="train"]').getAttribute('aria-pressed') === 'false', null, { timeout: 90000 });
  await page.waitForFunction((b) => [...document.querySelectorAll('.q-layer')].some((e, i) => Number(e.dataset.std) !== b[i]), before);
  await page.waitForTimeout(300); // a reply still out would show here
  expect(await page.$eval('.q-controls [role="status"]', (el) => el.dataset.epochs)).toBe('20');
  // The gradients view: per-input dLoss/dz, one scale for every layer.
  await page.click('[data-view="gradient"]');
  expect(await page.textContent('.q-scale')).toMatch(/^Every histogram spans the same range of gradients/);
  expect(problems).toEqual([]);
  await ctx.close();
}, 180000);

test('both widgets in Chinese at 375 px: every string translated, nothing wider than the screen, axe-core clean', async () => {
  for (const widget of ['galton', 'distributions']) {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
    const { page, problems } = await open(`embed.html?widget=${widget}&lang=zh`, { context });
    await page.waitForSelector(widget === 'galton' ? '.g-figures[data-std]' : '.q-layer', { timeout: 30000 });
    const text = await page.evaluate(() => document.body.innerText);
    expect([widget, text.match(/\b(?:g|q|lazy|pg)\.[a-z]+/g)]).toEqual([widget, null]);
    expect(text).toContain(DICTIONARIES.zh[widget === 'galton' ? 'g.title' : 'q.title']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    await loadAxe(page);
    expect([widget, await seriousViolations(page)]).toEqual([widget, []]);
    await page.screenshot({ path: `${ROOT}/test-artifacts/${widget}-375-zh.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  }
}, 90000);
