// For classrooms (issue 22): a link's hide= list hides the controls it names
// (and only those); "Copy link" gives a link that reopens the view at that
// widget, or, where the clipboard is refused, the link selected to copy by
// hand; projector mode makes text and pictures larger and is in the link.
import { readFileSync, readdirSync } from 'node:fs';
import { browserSuite, toPlayground } from './browser-helpers.mjs';
import { HIDEABLE } from '../web/app/state.js';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { ROOT } from './helpers.mjs';

const suite = browserSuite();
const visible = (page, selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((el) => el.offsetParent !== null), selector);

test('every hideable name has its rule in the stylesheets and marks something in the widgets', () => {
  const css = ['app.css', 'widgets.css'].map((f) => readFileSync(`${ROOT}/web/app/${f}`, 'utf8')).join('\n');
  const sources = readdirSync(`${ROOT}/web/app`).filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(`${ROOT}/web/app/${f}`, 'utf8')).join('\n');
  for (const name of HIDEABLE) {
    expect([name, css.includes(`[data-hide~=${name}] [data-control~=${name}]`)]).toEqual([name, true]);
    expect([name, sources.includes(`control('${name}'`) || sources.includes(`'data-control': '${name}'`)]).toEqual([name, true]);
  }
});

test('hide= hides the named controls of every widget, and nothing else', async () => {
  const { page, ctx, problems } = await suite.open('#hide=presets,view,data,tools,jacobian');
  expect(await visible(page, '#explorer [data-control~="presets"]')).toEqual([false]);
  expect(await visible(page, '#explorer [data-control~="view"]')).toEqual([false]);
  expect(await visible(page, '.widget-tools')).not.toContain(true);
  // Not named: still there.
  expect(await visible(page, '#explorer [data-control~="range"]')).toEqual([true]);
  expect((await visible(page, '#explorer [data-control~="functions"]')).every(Boolean)).toBe(true);
  expect(await page.isVisible('.chip[data-name="relu"]')).toBe(true);
  await toPlayground(page);
  expect(await visible(page, '#playground [data-control~="data"]')).toEqual([false]);
  expect(await visible(page, '#playground [data-control~="network"]')).toEqual([true]);
  await page.locator('#softmax').scrollIntoViewIfNeeded();
  await page.waitForSelector('#softmax [data-control~="jacobian"]', { state: 'attached' });
  expect(await visible(page, '#softmax [data-control~="jacobian"]')).toEqual([false]);
  // The list stays in the link as the view changes.
  await page.click('.chip[data-name="gelu"]');
  await page.waitForFunction(() => location.hash.includes('hide=presets,view,data,tools,jacobian'));
  expect(problems).toEqual([]);
  await ctx.close();
}, 60000);

test('"Copy link" copies a link that reopens the view at its widget', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const { page, problems } = await suite.open('#lr=0.1&opt=adam&hidden=5,3', { context });
  await toPlayground(page);
  await page.click('#playground [data-tool="copy"]');
  await page.waitForFunction((t) => document.querySelector('#playground .widget-tools .tools-status').textContent === t,
    DICTIONARIES.en['tools.copied']);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#.*go=playground/);
  for (const part of ['lr=0.1', 'opt=adam', 'hidden=5,3']) expect(link).toContain(part);
  const again = await context.newPage();
  await again.goto(link);
  await again.waitForSelector('body[data-ready="true"]');
  await again.waitForFunction(() => document.querySelector('.pg-stats')?.dataset.epoch !== undefined);
  // Opened at the playground, with its settings; go= is then forgotten.
  const top = await again.evaluate(() => document.querySelector('#playground').getBoundingClientRect().top);
  expect(top).toBeGreaterThanOrEqual(0); // where a jump to the section puts it (as #playground does)
  expect(top).toBeLessThan(250);
  expect(await again.evaluate(() => location.hash)).not.toContain('go=');
  expect(await again.evaluate(() => location.hash)).toContain('opt=adam');
  expect(problems).toEqual([]);
  await context.close();
}, 60000);

test('where the clipboard is refused, the link is shown selected with the reason, in the page\'s language', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
  });
  const { page } = await suite.open('#lang=zh&fn=gelu', { context });
  await page.click('#explorer [data-tool="copy"]');
  await page.waitForSelector('#explorer .tools-link:not([hidden])');
  const field = await page.evaluate(() => {
    const input = document.querySelector('#explorer .tools-link');
    return { value: input.value, start: input.selectionStart, end: input.selectionEnd, focused: document.activeElement === input };
  });
  expect(field.value).toMatch(/#.*fn=gelu.*go=explorer|#.*go=explorer.*fn=gelu/);
  expect([field.start, field.end, field.focused]).toEqual([0, field.value.length, true]);
  expect(await page.textContent('#explorer .widget-tools .tools-status')).toBe(DICTIONARIES.zh['tools.copyFailed']);
  await context.close();
}, 30000);

test('projector mode: larger text and pictures, in the link, off again with the same button', async () => {
  const { page, ctx, problems } = await suite.open('');
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  // The explorer chart's tick labels' size, as Chart.js resolves it for drawing (Chart.js 4's scale method).
  const ticks = () => page.evaluate(() => document.querySelector('#explorer canvas').actlabChart.scales.x._resolveTickFontOptions(0).size);
  const before = await size();
  const ticksBefore = await ticks();
  await page.click('#explorer [data-tool="projector"]');
  await page.waitForFunction(() => document.documentElement.classList.contains('projector'));
  expect(await size()).toBeGreaterThan(before * 1.2);
  expect(await ticks()).toBeGreaterThan(ticksBefore * 1.2);
  expect(await page.getAttribute('#explorer [data-tool="projector"]', 'aria-pressed')).toBe('true');
  await page.waitForFunction(() => location.hash.includes('proj=1'));
  // Full screen where allowed; leaving it (Esc) or the button ends the mode.
  if (await page.evaluate(() => document.fullscreenElement !== null)) await page.evaluate(() => document.exitFullscreen());
  else await page.click('#explorer [data-tool="projector"]');
  await page.waitForFunction(() => !document.documentElement.classList.contains('projector'));
  expect(await size()).toBe(before);
  expect(await ticks()).toBe(ticksBefore);
  // Given in a link: on from the start.
  const fresh = await ctx.newPage();
  await fresh.goto(`${suite.base}#proj=1`);
  await fresh.waitForSelector('body[data-ready="true"]');
  expect(await fresh.evaluate(() => document.documentElement.classList.contains('projector'))).toBe(true);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('hide=network hides the digits widget\'s settings but not its Train button', async () => {
  const { page, ctx } = await suite.open('#hide=network');
  await page.locator('#digits').scrollIntoViewIfNeeded();
  await page.waitForSelector('#digits [data-action="train"]', { timeout: 20000 });
  expect(await page.isVisible('#digits [data-action="train"]')).toBe(true);
  expect((await visible(page, '#digits [data-control~="network"]')).some(Boolean)).toBe(false);
  await ctx.close();
}, 40000);
