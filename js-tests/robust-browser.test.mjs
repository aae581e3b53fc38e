// The page under attack (issue 22): links whose settings are ignored, or that
// are too long, say so instead of silently showing defaults; a training Worker
// that never answers shows a sign while training waits, and one that dies
// after it started hands its networks to the page, which trains on from where
// they were and says why; an embed shows no loading line once it works.
import { browserSuite, toPlayground, pickPlaygroundFile } from './browser-helpers.mjs';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { LIMITS } from '../web/app/state.js';

const suite = browserSuite();
// The notice's text once it is shown (its code loads the first time there is one), or null if the
// page has none: without anything to say the page never even makes one, so that is known at once.
async function notice(page) {
  const made = await page.evaluate(() => document.querySelector('.page-notice') !== null);
  if (!made) return null;
  await page.waitForFunction(() => { const b = document.querySelector('.page-notice'); return !b.hidden && b.querySelector('p').textContent; });
  return page.evaluate(() => document.querySelector('.page-notice p').textContent);
}
const waitNotice = (page) => page.waitForSelector('.page-notice', { state: 'attached' }).then(() => notice(page));

test('a link with settings the page cannot use names them, in the reader\'s language, until closed', async () => {
  const { page, ctx, problems } = await suite.open('#fn=gelu,nope&x=5,1&temp=0.5&wat=1&lang=zh');
  const text = await waitNotice(page);
  expect(text).toContain(DICTIONARIES.zh['url.ignored'].split('{list}')[0]);
  expect(text).toContain('fn=nope'); // gelu was used: only what was left out is named
  expect(text).toContain('x=5,1');
  expect(text).toContain('wat');
  expect(text).not.toContain('temp'); // a good setting is not named
  // In English after a switch; closed with its button (or the keyboard).
  await page.click('[data-set-lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await notice(page)).toContain(DICTIONARIES.en['url.ignored'].split('{list}')[0]);
  // Early in the order: the Tab stop right after the skip link.
  await page.focus('.skip');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement.closest('.page-notice') !== null)).toBe(true);
  await page.keyboard.press('Enter');
  expect(await page.isHidden('.page-notice')).toBe(true);
  expect(await page.evaluate(() => document.activeElement.tagName)).toBe('H1');
  // Escape closes it too; a long list wraps, its Close on a phone's screen; more than 8 are counted.
  const phone = await ctx.newPage();
  await phone.setViewportSize({ width: 375, height: 700 });
  await phone.goto(`${suite.base}#fn=${Array.from({ length: 12 }, (_, i) => `fn${i}`).join(',')}&x=foo,bar&z=1&temp=-5&act=bad,worse&proj=7&q1=1&q2=2&q3=3&q4=4`);
  await phone.waitForSelector('body[data-ready="true"]');
  expect(await waitNotice(phone)).toMatch(/\(\+\d+\)\.$/);
  const right = await phone.evaluate(() => document.querySelector('.page-notice button').getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(375);
  await phone.keyboard.press('Escape');
  expect(await phone.isHidden('.page-notice')).toBe(true);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('a link over the length limit says that nothing in it was read; good links and anchors say nothing', async () => {
  const long = `#fn=relu&z=${'1,'.repeat(LIMITS.maxLength / 2)}1`;
  const { page, ctx } = await suite.open(long);
  expect(await waitNotice(page)).toBe(DICTIONARIES.en['url.tooLong'].replace('{max}', LIMITS.maxLength.toLocaleString('en')));
  for (const quiet of ['#fn=gelu,silu&x=-3,3&lang=zh', '#softmax', '?lang=en#fn=relu', '']) {
    const fresh = await ctx.newPage(); // a new document each (a changed hash alone does not reload)
    await fresh.goto(`${suite.base}${quiet}`);
    await fresh.waitForSelector('body[data-ready="true"]');
    expect([quiet, await notice(fresh)]).toEqual([quiet, null]);
    await fresh.close();
  }
  await ctx.close();
}, 30000);

test('an embed shows no loading line once it works', async () => {
  const { page, ctx } = await suite.open('embed.html?widget=softmax');
  expect(await page.isHidden('.loading')).toBe(true);
  expect(await page.textContent('#status')).toBe('');
  await ctx.close();
}, 30000);

// The training Worker replaced by a script that misbehaves.
async function withWorker(ctx, script) {
  await ctx.route(/\/lib\/actlab-worker\.js$/, (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
}

test('a Worker that dies after it started: training goes on on the page from where it was, and the page says why', async () => {
  const ctx = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Ready, trains nothing, and dies at the first request to train.
  await withWorker(ctx, "self.onmessage = (e) => { if (e.data.type === 'init') postMessage({ type: 'ready' });" +
    " else if (e.data.type === 'step') throw new Error('simulated crash'); };");
  const { page, problems } = await suite.open('#hidden=4&act=tanh', { context: ctx });
  await toPlayground(page);
  await page.waitForFunction(() => document.body.dataset.trainer === 'worker');
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => Number(document.querySelector('.pg-stats').dataset.epoch) >= 5, null, { timeout: 15000 });
  expect(await page.evaluate(() => document.body.dataset.trainer)).toBe('page');
  const text = await waitNotice(page);
  expect(text).toContain('simulated crash');
  expect(text).toContain(DICTIONARIES.en['train.moved'].split('(')[0]);
  // The Worker's error is the page's to report, not an uncaught one.
  expect(problems.filter((p) => !/simulated crash/.test(p))).toEqual([]);
  await ctx.close();
}, 40000);

test('a Worker that never answers: a sign at once, then training on the page after the wait', async () => {
  const ctx = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await withWorker(ctx, 'self.onmessage = () => {};');
  const { page, problems } = await suite.open('', { context: ctx });
  await toPlayground(page);
  await page.click('[data-action="play"]');
  await page.waitForFunction((text) => document.querySelector('.pg-notice, [data-notice]')?.textContent === text
    || [...document.querySelectorAll('#playground p')].some((p) => p.textContent === text && !p.hidden),
  DICTIONARIES.en['pg.starting'], { timeout: 5000 });
  await page.waitForFunction(() => Number(document.querySelector('.pg-stats').dataset.epoch) >= 3, null, { timeout: 20000 });
  expect(await page.evaluate(() => document.body.dataset.trainer)).toBe('page');
  expect(await page.evaluate((text) => [...document.querySelectorAll('#playground p')].some((p) => p.textContent === text && !p.hidden),
    DICTIONARIES.en['pg.starting'])).toBe(false);
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('a CSV past the 2,000-point cap: the rows left out are one line with their range, in both languages', async () => {
  const { page, ctx, problems } = await suite.open('');
  await toPlayground(page);
  const csv = ['x1,x2,label', ...Array.from({ length: 2500 }, (_, i) => `${(i % 19) - 9},${(i % 7) - 3},${i % 2}`)].join('\n');
  await pickPlaygroundFile(page, 'import', 'big.csv', csv);
  await page.waitForSelector('#playground .pg-problems li');
  expect(await page.$$eval('#playground .pg-problems li', (lis) => lis.map((li) => [li.dataset.line, li.dataset.to, li.textContent])))
    .toEqual([['2002', '2501', DICTIONARIES.en['pg.csv.tooManyLines'].replace('{from}', '2002').replace('{to}', '2501').replace('{max}', '2000')]]);
  expect(await page.textContent('#playground')).not.toContain(DICTIONARIES.en['pg.csv.more'].split('{count}')[0]);
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('a CSV whose labels were read as numbers says which line decided it, in the reader\'s language', async () => {
  const { page, ctx, problems } = await suite.open('#lang=zh');
  await toPlayground(page);
  await pickPlaygroundFile(page, 'import', 'mixed.csv', '1,2,0\n3,4,1\n-1,2,5\n2,2,0.5\n');
  await page.waitForSelector('#playground [data-decided]');
  expect(await page.getAttribute('#playground [data-decided]', 'data-decided')).toBe('4');
  expect(await page.textContent('#playground [data-decided]')).toContain('第 4 行（标签 0.5）');
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);
