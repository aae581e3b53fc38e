// The digits widget in Chromium, as a student and a teacher use it: it loads
// only when scrolled near (or embedded), trains to the accuracy Node gets,
// reads a digit drawn with the mouse or the keyboard, shows the ten
// probabilities (summing to 1) beside sigmoids (which do not), opens a
// mistake from the test images, carries on through a rate change, races
// activations on the same batches, and works in Chinese, at 375 px, for
// axe-core, embedded, and from the single file opened from disk.
import { browserSuite, openFile, loadAxe, seriousViolations } from './browser-helpers.mjs';
import { loadActLab } from '../web/lib/actlab.js';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { digitData, RACERS } from '../web/app/digitmodel.js';
import { ROOT } from './helpers.mjs';

const ARTIFACTS = `${ROOT}/test-artifacts`;
const suite = browserSuite();
const { open } = suite;
let lab;
beforeAll(async () => { lab = await loadActLab(); }, 30000);

const LAZY = /actlab-page-(?:digits|actlab-digits)-[A-Z0-9]+\.js$/;

async function toDigits(page) {
  await page.locator('#digits').scrollIntoViewIfNeeded();
  await page.waitForSelector('#digits .dg-pad', { timeout: 20000 });
}

const epochOf = (page) => page.$eval('.dg-progress', (el) => Number(el.dataset.epoch));

async function trainRun(page) {
  const from = await epochOf(page);
  await page.click('#digits [data-action="train"], #widget [data-action="train"]');
  await page.waitForFunction((n) => Number(document.querySelector('.dg-progress').dataset.epoch) >= n &&
    document.querySelector('[data-action="train"]').getAttribute('aria-pressed') === 'false', from + 30, { timeout: 60000 });
}

// A vertical stroke down the middle of the pad, with the mouse.
async function drawOne(page) {
  await page.locator('.dg-pad').scrollIntoViewIfNeeded();
  const box = await page.locator('.dg-pad').boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.85, { steps: 12 });
  await page.mouse.up();
}

const bars = (page) => page.$eval('.dg-out canvas', (c) => c.actlabChart.data.datasets.map((d) => d.data));

test('loads only when scrolled near; trains to the accuracy Node gets; a drawn 1 gets ten probabilities that sum to 1', async () => {
  const { page, ctx, problems, foreign } = await open('index.html');
  const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  expect((await fetched()).filter((u) => LAZY.test(u))).toEqual([]);
  await toDigits(page);
  expect((await fetched()).filter((u) => LAZY.test(u)).length).toBe(2);
  await trainRun(page);
  expect(await epochOf(page)).toBe(30);
  // Node trains the same network on the same split: the page shows its test accuracy.
  const { train, test } = digitData(lab);
  const net = lab.createNetwork({ layers: [64, 32, 10], activation: 'relu', output: 'softmax', optimizer: 'adam', learningRate: 0.01, batchSize: 32, seed: 1 });
  net.train(train.inputs, train.labels, { epochs: 30 });
  const want = net.evaluate(test.inputs, test.labels).accuracy;
  net.dispose();
  expect(want).toBeGreaterThanOrEqual(0.95);
  expect(Number(await page.$eval('.dg-progress', (el) => el.dataset.test))).toBe(want);

  await drawOne(page);
  await page.waitForFunction(() => document.querySelector('.dg-out .prediction').dataset.digit !== '');
  expect(await page.$eval('.dg-out .prediction', (el) => el.dataset.digit)).toBe('1');
  const [softmax, sigmoid] = await bars(page);
  expect(softmax).toHaveLength(10);
  expect(Math.abs(softmax.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  expect(Math.abs(sigmoid.reduce((a, b) => a + b, 0) - 1)).toBeGreaterThan(0.01);
  expect(softmax.indexOf(Math.max(...softmax))).toBe(1);
  // The temperature flattens the softmax; the sigmoids do not take it.
  await page.fill('.dg-out input[type="range"]', String(Math.log10(20)));
  await page.waitForFunction(() => /T = 20/.test(document.querySelector('.dg-out output').textContent));
  const [hot, sigmoid2] = await bars(page);
  expect(Math.max(...hot)).toBeLessThan(Math.max(...softmax));
  expect(sigmoid2).toEqual(sigmoid);
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
  await ctx.close();
}, 90000);

test('the keyboard pen draws and Delete clears; a mistake from the test images shows its probabilities', async () => {
  const { page, ctx, problems } = await open('embed.html?widget=digits');
  await page.waitForSelector('.dg-pad', { timeout: 20000 });
  // Until something trains, no Worker is started; the code shown is the untrained network's.
  const workers = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('actlab-worker.js')).length);
  expect(await workers()).toBe(0);
  await page.click('.dg-code summary');
  await page.waitForFunction(() => /epochs trained: 0,/.test(document.querySelector('.dg-export code').textContent));
  await trainRun(page);
  expect(await workers()).toBe(1);
  expect(await page.evaluate(() => document.body.dataset.trainer)).toBe('worker');
  await page.focus('.dg-pad');
  await page.keyboard.press('Space');
  for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  expect(await page.textContent('.dg-draw [role="status"]')).toMatch(/Pen up at column 17, row 31/);
  const cells = await page.$eval('.dg-cells', (c) => c.getAttribute('aria-label'));
  expect(cells).toMatch(/[1-9]/);
  expect(await page.$eval('.dg-out .prediction', (el) => el.dataset.digit)).toMatch(/^\d$/);
  await page.keyboard.press('Delete');
  expect(await page.$eval('.dg-out .prediction', (el) => el.dataset.digit)).toBe('');
  expect(await page.textContent('.dg-out .prediction')).toBe(DICTIONARIES.en['dg.out.draw']);

  // The mistakes: as many pictures as the summary counts, each wrong; one opens in the output panel.
  const wrong = Number(await page.$eval('.dg-test [role="status"]', (el) => el.dataset.wrong));
  expect(wrong).toBeGreaterThan(0);
  const thumbs = await page.$$eval('.dg-thumb', (els) => els.map((e) => e.dataset.wrong));
  expect(thumbs).toHaveLength(Math.min(wrong, 40));
  expect(thumbs.every((w) => w === 'true')).toBe(true);
  const first = page.locator('.dg-thumb').first();
  const said = (await first.locator('span').first().textContent()).split('→')[1].trim();
  await first.click();
  expect(await page.$eval('.dg-out .prediction', (el) => el.dataset.digit)).toBe(said);
  expect(await page.textContent('.dg-source')).toMatch(/^Test image \d+, labelled \d\.$/);
  // The confusion matrix holds every test image, its diagonal the right ones.
  const matrix = await page.$$eval('.dg-confusion tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))));
  expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(359);
  expect(359 - matrix.reduce((s, row, i) => s + row[i], 0)).toBe(wrong);
  expect(problems).toEqual([]);
  await ctx.close();
}, 90000);

test('a widget file that fails to arrive says so, and Try again loads it', async () => {
  const { page, ctx, problems } = await open('index.html');
  // A school network dropping the widget's images: the request fails.
  await page.route(/actlab-page-actlab-digits-[A-Z0-9]+\.js$/, (route) => route.abort('failed'));
  await page.locator('#digits').scrollIntoViewIfNeeded();
  await page.waitForSelector('#digits [data-lazy="failed"]', { timeout: 20000 });
  expect(await page.textContent('#digits [data-lazy]')).toMatch(/^This part of the page could not load: /);
  expect(await page.isVisible('#digits [data-action="retry"]')).toBe(true);
  await page.unroute(/actlab-page-actlab-digits-[A-Z0-9]+\.js$/);
  await page.click('#digits [data-action="retry"]');
  await page.waitForSelector('#digits .dg-pad', { timeout: 20000 });
  expect(await page.$('#digits [data-lazy]')).toBeNull();
  expect(await page.$$eval('#digits h2', (hs) => hs.length)).toBe(1);
  // The failed request (and the console's line for it) are the only problems the browser reported.
  expect(problems).toEqual([expect.stringMatching(/actlab-page-actlab-digits-[A-Z0-9]+\.js \(net::ERR_FAILED\)$/),
    'Failed to load resource: net::ERR_FAILED']);
  await ctx.close();
}, 60000);

test('a new rate carries on from the same epoch; new layers start again and say so', async () => {
  const { page, ctx, problems } = await open('index.html');
  await toDigits(page);
  await trainRun(page);
  await page.selectOption('#digits [data-field="dlr"]', '0.001');
  expect(await epochOf(page)).toBe(30);
  await trainRun(page);
  expect(await epochOf(page)).toBe(60);
  await page.waitForFunction(() => /dlr=0\.001/.test(location.hash)); // the URL follows within 150 ms
  // A rate far too large ruins the network without diverging: the widget says what happened.
  await page.selectOption('#digits [data-field="dlr"]', '3');
  await trainRun(page);
  expect(await page.textContent('.dg-why')).toMatch(/^Test accuracy fell from 96.9 % to [\d.]+ % after the change/);
  await page.selectOption('#digits [data-layer-size="0"]', '16');
  expect(await epochOf(page)).toBe(0);
  expect(await page.textContent('.dg-why')).toBe(DICTIONARIES.en['dg.why.layers']);
  await page.waitForFunction(() => /dh=16/.test(location.hash));
  expect(problems).toEqual([]);
  await ctx.close();
}, 90000);

test('the race: 30 epochs of each on the same batches; the deep sigmoid stays near chance with SGD', async () => {
  const { page, ctx, problems } = await open('embed.html?widget=digits');
  await page.waitForSelector('.dg-pad', { timeout: 20000 });
  await page.locator('.dg-race').scrollIntoViewIfNeeded();
  await page.click('[data-action="race"]');
  await page.waitForFunction(() => document.querySelector('.dg-race [role="status"]').dataset.epoch === '30' &&
    document.querySelector('[data-action="race"]').getAttribute('aria-pressed') === 'false', null, { timeout: 90000 });
  const acc = Object.fromEntries(await page.$$eval('.dg-race-results li', (els) => els.map((e) => [e.dataset.racer, Number(e.dataset.acc)])));
  expect(Object.keys(acc)).toEqual(RACERS.map((r) => r.id));
  expect(acc.deep_sigmoid).toBeLessThan(0.2);
  for (const id of ['sigmoid', 'tanh', 'relu', 'gelu']) expect([id, acc[id] >= 0.9]).toEqual([id, true]);
  // Node, the same racer alone: the same test accuracy.
  const { train, test } = digitData(lab);
  const net = lab.createNetwork({ layers: [64, 32, 10], activation: 'tanh', output: 'softmax', optimizer: 'sgd', learningRate: 0.1, batchSize: 32, seed: 1 });
  net.train(train.inputs, train.labels, { epochs: 30 });
  expect(acc.tanh).toBe(net.evaluate(test.inputs, test.labels).accuracy);
  net.dispose();
  // Another optimiser: the race shown stays until Run; then it is kept below to compare with.
  await page.click('[data-race-opt="adam"]');
  expect(await page.$$eval('.dg-race-results li', (els) => els.length)).toBe(5);
  expect(await page.textContent('.dg-race [role="status"]')).toMatch(/^SGD 0.1 · Epoch 30 of 30/);
  await page.click('[data-action="race"]');
  await page.waitForFunction(() => /^Adam 0.01 · Epoch 30 of 30/.test(document.querySelector('.dg-race [role="status"]').textContent) &&
    document.querySelector('[data-action="race"]').getAttribute('aria-pressed') === 'false', null, { timeout: 90000 });
  expect(await page.textContent('.dg-race-before')).toMatch(/^The race before, with SGD 0.1: sigmoid, 1 layer: test accuracy 91.9 %, .*sigmoid, 6 layers: test accuracy 9.47 %$/);
  const deepAdam = Number(await page.$eval('.dg-race-results li[data-racer="deep_sigmoid"]', (e) => e.dataset.acc));
  expect(deepAdam).toBeGreaterThanOrEqual(0.9);
  expect(problems).toEqual([]);
  await ctx.close();
}, 120000);

test('in Chinese at 375 px: every string translated, nothing wider than the screen, axe-core clean; the code of the network', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
  const { page, problems } = await open('embed.html?widget=digits&lang=zh', { context });
  await page.waitForSelector('.dg-pad', { timeout: 20000 });
  await trainRun(page);
  await drawOne(page);
  await page.click('.dg-code summary');
  await page.waitForFunction(() => /已训练轮数：30/.test(document.querySelector('.dg-export code').textContent), null, { timeout: 20000 });
  await page.click('[data-fw="pytorch"]');
  await page.waitForFunction(() => document.querySelector('.dg-export code').textContent.includes('import torch'));
  expect(await page.textContent('.dg-seed code')).toMatch(/nn\.Linear\(784, 128\)/);
  const text = await page.evaluate(() => document.body.innerText);
  expect(text.match(/\b(?:dg|lazy|pg|nav)\.[a-z]+/g)).toBeNull();
  expect(text).toContain(DICTIONARIES.zh['dg.title']);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  await loadAxe(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${ARTIFACTS}/digits-375-zh.png`, fullPage: true });
  expect(problems).toEqual([]);
  await context.close();
}, 90000);

test('the single-file page has the widget and works opened from disk, asking no one for anything', async () => {
  const file = `file://${ROOT}/web/actlab-offline.html`;
  const { page, ctx, problems, requests } = await openFile(suite.browser, file);
  await toDigits(page);
  await trainRun(page);
  await drawOne(page);
  await page.waitForFunction(() => document.querySelector('.dg-out .prediction').dataset.digit !== '');
  expect(requests.filter((u) => !/^(?:data|blob):/.test(u))).toEqual([file]);
  expect(problems).toEqual([]);
  await ctx.close();
}, 90000);
