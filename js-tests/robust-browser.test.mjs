// The page under attack (issue 22): links whose settings are ignored, or that
// are too long, say so instead of silently showing defaults; a training Worker
// that never answers shows a sign while training waits, and one that dies
// after it started hands its networks to the page, which trains on from where
// they were and says why; an embed shows no loading line once it works.
import { browserSuite, toPlayground } from './browser-helpers.mjs';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { LIMITS } from '../web/app/state.js';

const suite = browserSuite();
const notice = (page) => page.evaluate(() => {
  const box = document.querySelector('.page-notice');
  return box && !box.hidden ? box.querySelector('p').textContent : null;
});

test('a link with settings the page cannot use names them, in the reader\'s language, until closed', async () => {
  const { page, ctx, problems } = await suite.open('#fn=gelu,nope&x=5,1&temp=0.5&wat=1&lang=zh');
  const text = await notice(page);
  expect(text).toContain(DICTIONARIES.zh['url.ignored'].split('{list}')[0]);
  expect(text).toContain('fn=gelu,nope');
  expect(text).toContain('x=5,1');
  expect(text).toContain('wat');
  expect(text).not.toContain('temp'); // a good setting is not named
  // In English after a switch; closed with its button (or the keyboard).
  await page.click('[data-set-lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  expect(await notice(page)).toContain(DICTIONARIES.en['url.ignored'].split('{list}')[0]);
  await page.focus('.page-notice button');
  await page.keyboard.press('Enter');
  expect(await notice(page)).toBeNull();
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('a link over the length limit says that nothing in it was read; good links and anchors say nothing', async () => {
  const long = `#fn=relu&z=${'1,'.repeat(LIMITS.maxLength / 2)}1`;
  const { page, ctx } = await suite.open(long);
  expect(await notice(page)).toBe(DICTIONARIES.en['url.tooLong'].replace('{max}', LIMITS.maxLength.toLocaleString('en')));
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
  const text = await notice(page);
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
