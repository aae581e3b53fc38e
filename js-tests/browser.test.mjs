// The page in Debian's Chromium (playwright-core), served by scripts/serve.mjs
// from web/: it loads without console errors or requests to other hosts;
// choosing functions and moving a slider change the chart to the core's
// values; the readout equals evaluate(); the language switch, URL state and
// embed mode work; malicious links inject nothing; axe-core finds no serious
// accessibility violation. Screenshots go to test-artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { browserSuite, openFile, loadAxe, seriousViolations, toPlayground, pgStats, untilEpoch, settled, reach, switchLanguage, pickPlaygroundFile } from './browser-helpers.mjs';
import { loadActLab } from '../web/lib/actlab.js';
import { DICTIONARIES } from '../web/app/lang/index.js';
import { fmt } from '../web/app/dom.js';
import { SOFTMAX_PRESETS } from '../web/app/softmax.js';
import { networkConfig, playgroundData } from '../web/app/playground.js';
import { defaultState } from '../web/app/state.js';
import { importCSV } from '../web/app/pgdata.js';
import { ROOT } from './helpers.mjs';

const ARTIFACTS = `${ROOT}/test-artifacts`;
const suite = browserSuite();
const { open } = suite;
let lab;

beforeAll(async () => {
  lab = await loadActLab();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 30000);

const datasets = (page, index = 0) => page.evaluate((i) => {
  const chart = document.querySelectorAll('.charts canvas')[i].actlabChart;
  return chart.data.datasets.map((d) => ({ label: d.label, xs: d.data.map((p) => p.x), ys: d.data.map((p) => p.y) }));
}, index);

const pressed = (page) => page.$$eval('.chip[aria-pressed="true"]', (bs) => bs.map((b) => b.dataset.name));

test('the page loads cleanly and charts exactly what the core computes', async () => {
  const { page, ctx, problems, foreign } = await open();
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
  expect(await page.$$eval('.chip', (bs) => bs.map((b) => b.dataset.name).sort()))
    .toEqual(lab.activations.map((a) => a.name).sort());
  expect(await pressed(page)).toEqual(['sigmoid', 'tanh', 'relu']);

  await page.click('.chip[data-name="gelu"]');
  expect(await page.getAttribute('.chip[data-name="gelu"]', 'aria-pressed')).toBe('true');
  const sets = await datasets(page);
  const gelu = sets.find((s) => s.label === 'gelu(x)');
  const dgelu = sets.find((s) => s.label === 'gelu′(x)');
  expect(gelu.ys).toEqual([...lab.evaluate('gelu', gelu.xs)]);
  expect(dgelu.ys).toEqual([...lab.derivative('gelu', dgelu.xs)]);
  // The info panel follows the last chosen function.
  expect(await page.textContent('.info h3:not(.sr-only)')).toBe('About gelu');
  // Its formula comes (formulas.js) when the panel is near.
  await page.locator('.info').scrollIntoViewIfNeeded();
  await page.waitForSelector('.formula math');
  expect(await page.$eval('.formula math', (m) => m.textContent)).toContain('erf');
  // The through-the-layers chart is made when it scrolls near: |f′(x₀)|ⁿ from the core.
  await page.locator('#explorer section.panel').last().scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('.chart-box.small canvas').actlabChart);
  const layers = await page.evaluate(() => document.querySelector('.chart-box.small canvas').actlabChart
    .data.datasets.map((d) => d.data.map((p) => p.y)));
  const d1 = lab.derivative('sigmoid', [1])[0];
  expect(layers[0][0]).toBe(d1);
  // Powers: Chromium's pow and Node's may differ in the last bit.
  layers[0].forEach((y, i) => expect(Math.abs(y / d1 ** (i + 1) - 1)).toBeLessThan(1e-14));
  // Its x axis counts layers: whole numbers only (it once showed 2.8, 4.6, ...).
  const ticks = await page.evaluate(() => document.querySelector('.chart-box.small canvas').actlabChart.scales.x.ticks.map((t) => t.value));
  expect(ticks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(layers[0]).toHaveLength(10);
  await page.screenshot({ path: `${ARTIFACTS}/page-1280.png`, fullPage: true });
  expect(problems).toEqual([]);
  expect(foreign).toEqual([]);
  await ctx.close();
}, 30000);

test('hovering a chart shows the core\'s exact values at that x; arrow keys move it', async () => {
  const { page, ctx, problems } = await open('#fn=elu,softplus');
  await page.locator('.charts canvas').first().scrollIntoViewIfNeeded();
  const box = await page.locator('.charts canvas').first().boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('.readout').dataset.x !== '0');
  const read = () => page.evaluate(() => ({
    x: Number(document.querySelector('.readout').dataset.x),
    rows: [...document.querySelectorAll('.readout tbody tr')].map((tr) => ({ name: tr.dataset.name,
      f: tr.querySelector('[data-value="f"]').textContent, df: tr.querySelector('[data-value="df"]').textContent })),
  }));
  const shown = (v) => String(v).replace('-', '−');
  const check = async () => {
    const r = await read();
    expect(r.rows.map((row) => row.name)).toEqual(['elu', 'softplus']);
    for (const row of r.rows) {
      expect(row.f).toBe(shown(lab.evaluate(row.name, [r.x])[0]));
      expect(row.df).toBe(shown(lab.derivative(row.name, [r.x])[0]));
    }
    return r.x;
  };
  const x1 = await check();
  expect(x1).toBeLessThan(0);
  await page.focus('.charts canvas');
  await page.keyboard.press('ArrowRight');
  const x2 = await check();
  expect(x2).toBeCloseTo(x1 + 0.12, 10);
  await page.keyboard.press('End');
  expect(await check()).toBe(6);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('a parameter slider changes the curve to the core\'s values for the new parameter', async () => {
  const { page, ctx, problems } = await open('#fn=leaky_relu');
  const slider = page.locator('[data-param="alpha"] input[type="range"]');
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  const alpha = Number(await slider.inputValue());
  expect(alpha).toBeCloseTo(0.11, 10);
  const [f] = await datasets(page);
  expect(f.ys).toEqual([...lab.evaluate('leaky_relu', f.xs, { alpha })]);
  // A value the rule forbids is refused with a message; the state keeps the last good one.
  await page.goto(`${suite.base}#fn=celu`); // a hash change: the page follows it without reloading
  await page.waitForSelector('.param-group[data-name="celu"]');
  await page.fill('[data-param="alpha"] input[type="number"]', '0');
  await page.press('[data-param="alpha"] input[type="number"]', 'Enter');
  expect(await page.getAttribute('[data-param="alpha"] input[type="number"]', 'aria-invalid')).toBe('true');
  expect(await page.textContent('[data-param="alpha"] .error')).toContain('nonzero');
  const [celu] = await datasets(page);
  expect(celu.ys).toEqual([...lab.evaluate('celu', celu.xs)]);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('the autograd code follows the function in focus, its parameters, the range, the framework and the language', async () => {
  const { page, ctx, problems } = await open('#fn=sigmoid,elu&focus=elu');
  const table = (a, b) => Array.from({ length: 13 }, (_, i) => Number((a + ((b - a) * i) / 12).toPrecision(10)));
  const code = () => page.textContent('.grad-code code');
  await page.click('.grad-code summary');
  // The code writer loads with the first code asked for.
  await page.waitForFunction(() => document.querySelector('.grad-code code').textContent.startsWith('#'));
  expect(await code()).toBe(lab.derivativeCode('elu', { xs: table(-6, 6) }));
  // A new parameter, then a new range: the code is written again with them.
  await page.fill('[data-param="alpha"] input[type="number"]', '0.5');
  await page.press('[data-param="alpha"] input[type="number"]', 'Enter');
  await page.fill('#explorer .controls input[type="number"] >> nth=0', '-2');
  await page.fill('#explorer .controls input[type="number"] >> nth=1', '1');
  await page.press('#explorer .controls input[type="number"] >> nth=1', 'Enter');
  await page.waitForFunction(() => document.querySelector('.grad-code code').textContent.includes('-1.75'));
  expect(await code()).toBe(lab.derivativeCode('elu', { params: { alpha: 0.5 }, xs: table(-2, 1) }));
  await page.click('[data-grad-framework="tensorflow"]');
  expect(await page.getAttribute('[data-grad-framework="tensorflow"]', 'aria-pressed')).toBe('true');
  expect(await code()).toBe(lab.derivativeCode('elu', { framework: 'tensorflow', params: { alpha: 0.5 }, xs: table(-2, 1) }));
  await page.selectOption('#explorer .info select', 'sigmoid');
  expect(await code()).toBe(lab.derivativeCode('sigmoid', { framework: 'tensorflow', xs: table(-2, 1) }));
  await switchLanguage(page, 'zh');
  await page.waitForFunction(() => /[\u4e00-\u9fff]/.test(document.querySelector('.grad-code code').textContent));
  expect(await code()).toBe(lab.derivativeCode('sigmoid', { framework: 'tensorflow', xs: table(-2, 1), language: 'zh' }));
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

// The softmax lab's bar chart, made when the lab scrolls into view.
async function softmaxChart(page) {
  await reach(page, '#softmax');
  await page.locator('#softmax canvas').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#softmax canvas').actlabChart);
  return page.evaluate(() => {
    const c = document.querySelector('#softmax canvas').actlabChart;
    return { labels: c.data.labels, sets: c.data.datasets.map((d) => ({ label: d.label, data: d.data })) };
  });
}
const column = (page, value) => page.$$eval(`#softmax .sm-table tbody [data-value="${value}"]`, (tds) => tds.map((td) => td.textContent));

test('softmax lab: presets, edits, temperature and comparisons show the core\'s values', async () => {
  const { page, ctx, problems } = await open('#softmax');
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0); // the section link scrolled there
  let z = SOFTMAX_PRESETS.four;
  let chart = await softmaxChart(page);
  expect(chart.sets[0].data).toEqual([...lab.softmax(z)]);
  expect(chart.labels).toEqual(['0', '1', '2', '3 ★']);
  expect(await column(page, 'logp')).toEqual([...lab.logSoftmax(z)].map((v) => fmt(v)));
  expect(await page.textContent('#softmax .prediction')).toContain('3');

  // Presets.
  await page.click('#softmax [data-preset="dominant"]');
  z = SOFTMAX_PRESETS.dominant;
  chart = await softmaxChart(page);
  expect(chart.sets[0].data).toEqual([...lab.softmax(z)]);
  await page.click('#softmax [data-preset="digits"]');
  chart = await softmaxChart(page);
  expect(chart.labels).toHaveLength(10);
  expect(chart.labels[7]).toBe('7 ★');

  // Temperature, typed exactly.
  await page.click('#softmax [data-preset="four"]');
  z = SOFTMAX_PRESETS.four;
  await page.fill('#softmax .temp input[type="number"]', '0.5');
  await page.press('#softmax .temp input[type="number"]', 'Enter');
  chart = await softmaxChart(page);
  expect(chart.sets[0].data).toEqual([...lab.softmax(z, { temperature: 0.5 })]);
  await page.waitForFunction(() => location.hash.includes('temp=0.5'));
  // A temperature out of range is refused with a message; the last good one stays.
  await page.fill('#softmax .temp input[type="number"]', '0');
  await page.press('#softmax .temp input[type="number"]', 'Enter');
  expect(await page.getAttribute('#softmax .temp input[type="number"]', 'aria-invalid')).toBe('true');
  expect(await page.textContent('#softmax .temp .error')).toContain('0.5');
  expect((await softmaxChart(page)).sets[0].data).toEqual([...lab.softmax(z, { temperature: 0.5 })]);
  await page.click('#softmax .temp button');
  expect((await softmaxChart(page)).sets[0].data).toEqual([...lab.softmax(z)]);

  // Editing a logit: a good value updates everything, a bad one is named and not used.
  await page.fill('#softmax .logits input >> nth=1', '5');
  z = [-1, 5, -3, 4];
  expect((await softmaxChart(page)).sets[0].data).toEqual([...lab.softmax(z)]);
  await page.fill('#softmax .logits input >> nth=1', '20000');
  expect(await page.getAttribute('#softmax .logits input >> nth=1', 'aria-invalid')).toBe('true');
  expect(await page.textContent('#softmax .logit-editor .error')).toContain('z1');
  expect((await softmaxChart(page)).sets[0].data).toEqual([...lab.softmax(z)]);
  await page.fill('#softmax .logits input >> nth=1', '5');
  // Add and remove classes.
  await page.click('#softmax [data-i18n="sm.add"]');
  expect(await page.$$eval('#softmax .logits input', (is) => is.map((i) => i.value))).toEqual(['-1', '5', '-3', '4', '0']);
  expect(await page.evaluate(() => document.activeElement.dataset.index)).toBe('4');
  await page.click('#softmax [data-remove="0"]');
  z = [5, -3, 4, 0];
  expect((await softmaxChart(page)).sets[0].data).toEqual([...lab.softmax(z)]);

  // The Jacobian: n×n cells, diagonal positive, off-diagonal negative.
  const cells = await page.$$eval('#softmax .heatmap tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.title)));
  const J = lab.softmaxJacobian(z);
  expect(cells).toEqual(z.map((_, i) => z.map((__, j) => `∂p${'₀₁₂₃'[i]}/∂z${'₀₁₂₃'[j]} = ${fmt(J[i * 4 + j])}`)));

  // Comparisons: independent sigmoids, sparsemax.
  await page.check('#softmax input[value="sigmoid"]');
  chart = await softmaxChart(page);
  expect(chart.sets[1].data).toEqual([...lab.evaluate('sigmoid', z)]);
  await page.check('#softmax input[value="sparsemax"]');
  chart = await softmaxChart(page);
  expect(chart.sets[1].data).toEqual([...lab.sparsemax(z)]);
  expect(await column(page, 'sparsemax')).toEqual([...lab.sparsemax(z)].map((v) => fmt(v)));

  // The stability lesson: the naive column is NaN, the stable one exact.
  await page.click('#softmax [data-preset="large-naive"]');
  expect(await page.getAttribute('#softmax .verdict', 'data-broken')).toBe('true');
  expect(await page.$$eval('#softmax .naive [data-value="naive"]', (tds) => tds.map((td) => td.textContent))).toEqual(['NaN', 'NaN', 'NaN']);
  expect(await page.$$eval('#softmax .naive [data-value="stable"]', (tds) => tds.map((td) => td.textContent)))
    .toEqual([...lab.softmax([1000, 1001, 1002])].map((v) => fmt(v)));
  await page.locator('#softmax').screenshot({ path: `${ARTIFACTS}/softmax-1280.png` });
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('chooser: answers and code follow the choices; links lead into the explorer and the softmax lab', async () => {
  const { page, ctx, problems } = await open('#task=binary&arch=cnn');
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  await reach(page, '#chooser');
  const answer = (key) => page.textContent(`#chooser [data-answer="${key}"] .what`);
  expect(await answer('out')).toBe(DICTIONARIES.en['ch.out.binary']);
  expect(await answer('hidden')).toBe(DICTIONARIES.en['ch.hidden.cnn']);
  expect(await answer('init')).toBe(DICTIONARIES.en['ch.init.he']);
  let code = await page.textContent('#chooser pre code');
  expect(code).toContain('layers.Conv2D(32, 3, activation="relu", kernel_initializer="he_normal")');
  expect(code).toContain('layers.Dense(1, activation="sigmoid")');
  expect(code).toContain('loss="binary_crossentropy"');

  await page.check('#chooser input[value="multiclass"]');
  await page.check('#chooser input[value="rnn"]');
  await page.click('#chooser [data-framework="pytorch"]');
  expect(await answer('init')).toBe(DICTIONARIES.en['ch.init.glorot']);
  code = await page.textContent('#chooser pre code');
  expect(code).toContain('nn.LSTM(N_FEATURES, 64, batch_first=True)');
  expect(code).toContain('loss_fn = nn.CrossEntropyLoss()');
  await page.waitForFunction(() => /task=multiclass.*arch=rnn.*code=pytorch|arch=rnn&code=pytorch/.test(location.hash));
  await page.click('#chooser [data-i18n="ch.copy"]');
  await page.waitForFunction(() => document.querySelector('#chooser [role="status"]').textContent !== '');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  // Into the softmax lab, then into the explorer: the view changes, the page scrolls there.
  await page.click('#chooser a[data-to="softmax"]');
  expect(await page.isChecked('#softmax input[value="none"]')).toBe(true);
  expect(await page.evaluate(() => document.activeElement.id)).toBe('softmax-title');
  await page.click('#chooser a[data-to="explorer"]');
  expect((await pressed(page)).sort()).toEqual(['sigmoid', 'tanh']);
  expect(await page.evaluate(() => document.activeElement.id)).toBe('explorer-title');
  // Multi-label links to sigmoids against softmax.
  await page.check('#chooser input[value="multilabel"]');
  await page.click('#chooser a[data-to="softmax"]');
  expect(await page.isChecked('#softmax input[value="sigmoid"]')).toBe(true);
  await page.locator('#chooser').screenshot({ path: `${ARTIFACTS}/chooser-1280.png` });
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('strings that cannot load are reported in both languages: at the start, and on a switch', async () => {
  // The first view's English strings blocked: the page says so instead of showing key names.
  let context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.route(/actlab-page-en-core-[A-Z0-9]+\.js/, (route) => route.abort());
  let { page } = await open('', { context });
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('failed');
  const failed = await page.textContent('#status');
  expect(failed).toContain("the page's text (en)");
  expect(failed).toContain(DICTIONARIES.zh['load.failed'].split('（')[0]);
  await context.close();
  // The Chinese strings blocked: a switch says so in both languages, and the page stays in English.
  context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.route(/actlab-page-zh-[a-z]+-[A-Z0-9]+\.js/, (route) => route.abort());
  ({ page } = await open('', { context }));
  await page.click('[data-set-lang="zh"]');
  await page.waitForFunction(() => document.querySelector('#status .failure') !== null);
  const status = await page.textContent('#status');
  expect(status).toContain(DICTIONARIES.en['lang.failed'].split(' (')[0]);
  expect(status).toContain(DICTIONARIES.zh['lang.failed'].split('（')[0]);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.textContent('#explorer-title')).toBe(DICTIONARIES.en['ex.title']);
  await context.close();
}, 30000);

test('a section reached by its link stays in view while the widgets above it load and grow', async () => {
  const { page, ctx, problems } = await open('');
  await page.click('nav.tools a[href="#playground"]');
  // The chooser, just above, comes near, loads and grows by hundreds of pixels; then the playground itself.
  await page.waitForFunction(() => !document.querySelector('#chooser [data-lazy], #playground [data-lazy]') &&
    document.querySelector('#chooser').getBoundingClientRect().height > 400);
  await page.waitForTimeout(300);
  // Where the jump put it (below the page's header), not thousands of pixels further down.
  const top = await page.evaluate(() => document.querySelector('#playground').getBoundingClientRect().top);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(250);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('the page\'s section links scroll without losing the view', async () => {
  const { page, ctx, problems } = await open('#fn=gelu&z=1,2,3');
  await page.click('nav.tools a[href="#chooser"]');
  await page.waitForFunction(() => scrollY > 0 && !location.hash.includes('chooser'));
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('z')).toBe('1,2,3');
  expect(await pressed(page)).toEqual(['gelu']);
  await reach(page, '#softmax');
  expect(await page.$$eval('#softmax .logits input', (is) => is.map((i) => i.value))).toEqual(['1', '2', '3']);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

// The files a context has requested from the page's folder, by name.
const requested = (context) => {
  const names = [];
  context.on('request', (r) => names.push(new URL(r.url()).pathname.split('/').pop()));
  return names;
};
const cores = (names) => names.filter((n) => /^actlab_(?:core|core_simd|activations)\.wasm$/.test(n));

test('the first view runs on the activation-only core; the network engine comes once, with the first widget that trains', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const names = requested(context);
  const { page, problems } = await open('', { context });
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
  // Every module of the first view was named by a modulepreload link, so none waited for the file
  // that imports it: the code's by the build, the strings' by the boot check, which chose English.
  const preloaded = await page.$$eval('link[rel="modulepreload"]', (ls) => ls.map((l) => l.getAttribute('href').split('/').pop()));
  // Modules (the classic boot-check script is found by the parser itself).
  const modules = names.filter((n) => n.endsWith('.js') && n !== 'actlab-boot-check.js');
  expect(modules.filter((m) => !preloaded.includes(m))).toEqual([]);
  expect(modules.filter((m) => /-(en|zh)-/.test(m))).toEqual([expect.stringMatching(/^actlab-page-en-core-[A-Z0-9]+\.js$/)]);
  // The code is two files: the entry and one chunk (each file fetched costs the first chart time; tools/build-page.mjs).
  expect(modules.filter((m) => !/-(en|zh)-/.test(m)).sort()).toEqual([expect.stringMatching(/^actlab-page-chunk-[A-Z0-9]+\.js$/), 'actlab-page.js']);
  // The explorer needs no networks: neither the full core nor its code comes with it.
  await page.click('.chip[data-name="gelu"]');
  await page.waitForTimeout(200);
  expect(cores(names)).toEqual(['actlab_activations.wasm']);
  expect(names.filter((n) => /-actlab-engine-/.test(n))).toEqual([]);
  // Nor the other widgets' styles, which come (once) with the first of them, before it is drawn.
  expect(names.filter((n) => n.endsWith('.css'))).toEqual(['app.css']);
  await reach(page, '#softmax');
  expect(names.filter((n) => n.endsWith('.css'))).toEqual(['app.css', 'widgets.css']);
  expect(await page.$eval('#softmax .logits', (el) => getComputedStyle(el).display)).toBe('grid');
  // The playground brings the full core (the SIMD build in Chromium) and trains on it.
  await toPlayground(page);
  expect(names.filter((n) => n === 'widgets.css').length).toBe(1);
  await page.click('#playground [data-action="step"]');
  await untilEpoch(page, 1);
  expect(cores(names)).toEqual(['actlab_activations.wasm', 'actlab_core_simd.wasm']);
  expect(await page.evaluate(() => document.body.dataset.trainer)).toBe('worker');
  // The digits widget, further down, uses the same engine: nothing is fetched twice.
  await reach(page, '#digits');
  await page.waitForSelector('#digits .dg-pad');
  expect(cores(names)).toEqual(['actlab_activations.wasm', 'actlab_core_simd.wasm']);
  expect(names.filter((n) => /-actlab-engine-/.test(n)).length).toBe(1);
  expect(problems).toEqual([]);
  await context.close();
}, 60000);

test('an engine that cannot load is said in the widget, which loads on a retry; an embed that trains loads the full core at once', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  let blocked = true;
  await context.route(/actlab_core_simd\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
  const { page } = await open('', { context });
  await page.locator('#playground').scrollIntoViewIfNeeded();
  await page.waitForSelector('#playground [data-lazy="failed"]');
  expect(await page.textContent('#playground [data-lazy="failed"]')).toContain(DICTIONARIES.en['lazy.failed'].split('{')[0].trim());
  // The explorer above still works.
  await page.click('.chip[data-name="gelu"]');
  expect(await page.getAttribute('.chip[data-name="gelu"]', 'aria-pressed')).toBe('true');
  blocked = false;
  await page.click('#playground [data-action="retry"]');
  await page.waitForFunction(() => document.querySelector('.pg-stats')?.dataset.epoch !== undefined);
  await context.close();
  // An embedded playground has no first view without networks: one module, the full one.
  const embed = await suite.browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'en-US' });
  const names = requested(embed);
  const opened = await open('embed.html?widget=playground', { context: embed });
  await opened.page.waitForFunction(() => document.querySelector('.pg-stats')?.dataset.epoch !== undefined);
  expect(cores(names)).toEqual(['actlab_core_simd.wasm']);
  expect(opened.problems).toEqual([]);
  await embed.close();
}, 60000);

test('playground: trains the circle to ≥ 95 % test accuracy, and Node gets the same network', async () => {
  const { page, ctx, problems } = await open('#speed=100');
  await toPlayground(page);
  expect((await pgStats(page)).epoch).toBe(0);
  // Training runs in a Worker, not on the page.
  await page.waitForSelector('body[data-trainer="worker"]');
  await page.click('#playground [data-action="play"]');
  await page.waitForFunction(() => Number(document.querySelector('.pg-stats').dataset.testAccuracy) >= 0.95, null, { timeout: 20000 });
  await page.click('#playground [data-action="play"]'); // pause
  await settled(page);
  const shown = await pgStats(page);
  expect(shown.testAccuracy).toBeGreaterThanOrEqual(0.95);
  expect(shown.epoch).toBeLessThanOrEqual(3000);
  // The same settings in Node, trained one epoch per call as the page does:
  // the same test accuracy and loss to the last bit.
  const state = defaultState();
  const data = playgroundData(lab, state);
  const net = lab.createNetwork(networkConfig(state, lab.datasets.find((d) => d.name === 'circle')));
  for (let e = 0; e < shown.epoch; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
  const test = net.evaluate(data.test.inputs, data.test.labels);
  expect(shown.testAccuracy).toBe(test.accuracy);
  expect(shown.text['test-loss']).toBe(fmt(test.loss, 4));
  net.dispose();
  // One more epoch with the step button.
  await page.click('#playground [data-action="step"]');
  await untilEpoch(page, shown.epoch + 1);
  // The loss chart has one point per measurement, training and test.
  await page.locator('#playground canvas.pg-loss').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#playground canvas.pg-loss').actlabChart);
  const curves = await page.evaluate(() => document.querySelector('#playground canvas.pg-loss').actlabChart.data.datasets
    .map((d) => d.data.length));
  expect(curves[0]).toBeGreaterThan(2);
  expect(curves[1]).toBe(curves[0]);
  // Start again: epoch 0.
  await page.click('#playground [data-action="reset"]');
  expect((await pgStats(page)).epoch).toBe(0);
  await page.locator('#playground').screenshot({ path: `${ARTIFACTS}/playground-1280.png` });
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('playground: where no Worker can start, it trains on the page to the same network', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => { delete window.Worker; });
  const { page, ctx, problems } = await open('#ds=xor&hidden=5,3&act=relu,elu&race=relu,tanh', { context });
  await toPlayground(page);
  await page.waitForSelector('body[data-trainer="page"]');
  for (let i = 0; i < 7; i++) await page.click('#playground [data-action="step"]');
  await untilEpoch(page, 7);
  const state = { ...defaultState(), ds: 'xor', hidden: [5, 3], act: ['relu', 'elu'] };
  const data = playgroundData(lab, state);
  const info = lab.datasets.find((d) => d.name === 'xor');
  const net = lab.createNetwork(networkConfig(state, info));
  for (let e = 0; e < 7; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
  expect(await page.evaluate(() => document.querySelector('.pg-stats').dataset.testLoss))
    .toBe(String(net.evaluate(data.test.inputs, data.test.labels).loss));
  net.dispose();
  // Race mode too.
  await page.locator('#playground .pg-race').scrollIntoViewIfNeeded();
  await page.click('#playground [data-action="race-play"]');
  await page.waitForFunction(() => Number(document.querySelector('.pg-race-epoch').dataset.epoch) >= 20);
  await page.click('#playground [data-action="race-play"]');
  await settled(page, '.pg-race-epoch');
  const epoch = Number(await page.getAttribute('#playground .pg-race-epoch', 'data-epoch'));
  const shown = await page.$$eval('#playground .pg-lane [data-loss]', (ss) => ss.map((s) => s.dataset.loss));
  expect(shown).toEqual(['relu', 'tanh'].map((act) => {
    const racer = lab.createNetwork(networkConfig({ ...state, act: [act] }, info));
    for (let e = 0; e < epoch; e++) racer.train(data.train.inputs, data.train.labels, { epochs: 1 });
    const loss = racer.evaluate(data.test.inputs, data.test.labels).loss;
    racer.dispose();
    return String(loss);
  }));
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('playground: the network editor, the URL, and divergence with its fix', async () => {
  const { page, ctx, problems } = await open('#ds=xor&hidden=3&act=relu');
  await toPlayground(page);
  expect(await page.getAttribute('#playground [data-ds="xor"]', 'aria-pressed')).toBe('true');
  await page.click('#playground [data-i18n="pg.layer.add"]');
  await page.click('#playground [data-layer="1"] [data-neurons="plus"]');
  // Focus stays on the button that was pressed, although the list is rebuilt.
  expect(await page.evaluate(() => document.activeElement.dataset.neurons)).toBe('plus');
  await page.selectOption('#playground [data-layer="1"] select', 'gelu');
  await page.click('#playground [data-feature="x1_x2"]');
  await page.selectOption('#playground [data-field="opt"]', 'adam');
  await page.selectOption('#playground [data-field="init"]', 'he_uniform');
  await page.selectOption('#playground [data-field="l2"]', '0.001');
  await page.waitForFunction(() => location.hash.includes('opt=adam'));
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  expect(hash.get('hidden')).toBe('3,4');
  expect(hash.get('act')).toBe('relu,gelu');
  expect(hash.get('feat')).toBe('x1,x2,x1_x2');
  expect([hash.get('init'), hash.get('l2')]).toEqual(['he_uniform', '0.001']);
  // The link reproduces the network in another browser.
  const other = await open(page.url().slice(suite.base.length));
  await toPlayground(other.page);
  expect(await other.page.$$eval('#playground .pg-layer', (ls) => ls.map((l) => [l.querySelector('.pg-count').textContent,
    l.querySelector('select').value]))).toEqual([['3 neurons', 'relu'], ['4 neurons', 'gelu']]);
  expect(await other.page.getAttribute('#playground [data-feature="x1_x2"]', 'aria-pressed')).toBe('true');
  expect(await other.page.$$eval('#playground [data-field]', (ss) => ss.map((s) => [s.dataset.field, s.value])))
    .toEqual([['init', 'he_uniform'], ['lr', '0.03'], ['opt', 'adam'], ['l1', '0'], ['l2', '0.001'], ['speed', '10']]);
  await other.ctx.close();
  // A batch size out of range is refused with a message; the last good one stays.
  await page.fill('#playground .pg-training input[type="number"]', '0');
  await page.press('#playground .pg-training input[type="number"]', 'Enter');
  expect(await page.getAttribute('#playground .pg-training input[type="number"]', 'aria-invalid')).toBe('true');
  expect(await page.textContent('#playground .pg-training .error')).toBe(
    DICTIONARIES.en['pg.batch.bad'].replace('{max}', '256').replace('{kept}', '10'));
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('bs')).toBeNull();
  // Removing the last input is refused with a message.
  for (const f of ['x1', 'x2', 'x1_x2']) await page.click(`#playground [data-feature="${f}"]`);
  expect(await page.textContent('#playground .pg-network .error')).toBe(DICTIONARIES.en['pg.feat.none']);
  expect(await page.getAttribute('#playground [data-feature="x1_x2"]', 'aria-pressed')).toBe('true');

  // Regression with a learning rate of 10 diverges: training pauses and offers a lower rate.
  await page.goto(`${suite.base}#ds=plane&lr=10&speed=100`);
  await page.waitForSelector('body[data-ready="true"]');
  await toPlayground(page);
  await page.click('#playground [data-action="play"]');
  await page.waitForSelector('#playground [data-action="fix"]');
  // The weights have blown up by then: the fix starts again, and says why.
  expect(await page.getAttribute('#playground [data-action="fix"]', 'data-restart')).toBe('true');
  expect(await page.textContent('#playground .pg-message')).toContain('The weights have grown too large.');
  expect(await page.isDisabled('#playground [data-action="play"]')).toBe(true);
  await page.click('#playground [data-action="fix"]');
  // 3 and 1 diverge too (a trial run finds it); 0.3 is the largest preset that trains.
  await page.waitForFunction(() => location.hash.includes('lr=0.3'));
  expect(await page.isHidden('#playground .pg-message')).toBe(true);
  await page.click('#playground [data-action="play"]');
  await page.waitForFunction(() => Number(document.querySelector('.pg-stats').dataset.epoch) >= 300);
  await page.click('#playground [data-action="play"]');
  expect(Number((await pgStats(page)).text['test-loss'])).toBeLessThan(0.05);
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('playground: points added by click and keyboard, CSV export, and a malformed import reported by line', async () => {
  const { page, ctx, problems } = await open('', { context: await suite.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } }) });
  await toPlayground(page);
  const counts = () => page.evaluate(() => {
    const s = document.querySelector('.pg-stats').dataset;
    return [Number(s.trainCount), Number(s.testCount)];
  });
  expect(await counts()).toEqual([250, 250]);
  // A click adds a training point of the chosen class (class 0 here).
  await page.click('#playground .pg-class[data-label="0"]');
  const map = page.locator('#playground canvas.pg-boundary');
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width * 0.75, y: box.height * 0.25 } }); // near (3, 3)
  expect(await counts()).toEqual([251, 250]);
  // With the keyboard: the cross starts at (0, 0); two steps right, one up, Enter.
  await page.click('#playground .pg-class[data-label="1"]');
  await map.focus();
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'Enter']) await page.keyboard.press(key);
  expect(await counts()).toEqual([252, 250]);
  expect(await page.textContent('#playground [role="status"].note')).toContain(DICTIONARIES.en['pg.add.count'].replace('{count}', '2'));
  // Export: every point, with its split; the added ones are in it exactly.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#playground [data-action="export"]')]);
  expect(download.suggestedFilename()).toBe('actlab-circle.csv');
  const exported = importCSV(readFileSync(await download.path(), 'utf8'));
  expect([exported.task, exported.problems, exported.labels.length]).toEqual(['binary', [], 502]);
  const rows = exported.labels.map((label, i) => [exported.inputs[2 * i], exported.inputs[2 * i + 1], label, exported.splits[i]]);
  expect(rows).toContainEqual([1, 0.5, 1, 'train']);
  const clicked = rows.find((r) => r[2] === 0 && Math.abs(r[0] - 3) < 0.1 && Math.abs(r[1] - 3) < 0.1 && r[3] === 'train');
  expect(clicked).toBeDefined();
  // A malformed file: the bad lines are listed by number, the good ones used, the added points kept.
  const csv = ['x1,x2,label', '1,1,1', '2,x,0', '-3,-3,0', '', '1,2', '4,4,1,test', '0.5,0.5,1,maybe'].join('\n');
  await pickPlaygroundFile(page, 'import', 'mine.csv', csv);
  await page.waitForSelector('#playground .pg-problems li');
  expect(await page.$$eval('#playground .pg-problems li', (lis) => lis.map((li) => [li.dataset.line, li.textContent]))).toEqual([
    ['3', 'Line 3: x2 is not a number: “x”.'],
    ['6', 'Line 6: expected 3 or 4 values (x1, x2, label, split), found 2.'],
    ['8', 'Line 8: the split must be train or test, not “maybe”.'],
  ]);
  // Three good points (one marked test; the other two shared by the 50 % test share) plus the two added ones.
  const [train, testCount] = await counts();
  expect(train + testCount).toBe(5);
  expect(testCount).toBeGreaterThanOrEqual(1);
  expect(await page.$$eval('#playground [data-ds][aria-pressed="true"]', (bs) => bs.length)).toBe(0);
  // It trains, and the way back restores the generated data, with the added points.
  await page.click('#playground [data-action="step"]');
  await untilEpoch(page, 1);
  await page.click('#playground [data-action="generated"]');
  expect(await counts()).toEqual([252, 250]);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('playground: a saved network loads back with the same predictions; its code names the chosen layers', async () => {
  const downloads = () => suite.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const { page, ctx, problems } = await open('#ds=xor&hidden=5,3&act=relu,elu&speed=10', { context: await downloads() });
  await toPlayground(page);
  for (let i = 0; i < 12; i++) await page.click('#playground [data-action="step"]');
  await untilEpoch(page, 12);
  const exact = () => page.evaluate(() => {
    const { pending, ...figures } = document.querySelector('.pg-stats').dataset;
    return figures;
  });
  const before = await exact();
  expect(before.epoch).toBe('12');
  // Save; the code shown for each framework is the API's export of the saved network.
  await page.click('#playground .pg-export summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#playground [data-action="save-json"]')]);
  const text = readFileSync(await download.path(), 'utf8');
  const code = () => page.textContent('#playground .pg-code');
  for (const fw of ['keras', 'tfjs', 'pytorch']) {
    await page.click(`#playground [data-framework="${fw}"]`);
    expect(await page.getAttribute(`#playground [data-framework="${fw}"]`, 'aria-pressed')).toBe('true');
    const want = lab.exportCode(text, fw, { language: 'en' });
    await page.waitForFunction((w) => document.querySelector('#playground .pg-code').textContent === w, want);
    if (fw === 'tfjs') await page.waitForFunction(() => location.hash.includes('fw=tfjs'));
  }
  expect(await code()).toMatch(/nn\.Linear\(2, 5\),\n\s+nn\.ReLU\(\),\n\s+nn\.Linear\(5, 3\),\n\s+nn\.ELU\(alpha=1\.0\),\n\s+nn\.Linear\(3, 1\),/);
  expect(await code()).toContain('epochs trained: 12,');
  // Load into a page showing something else.
  const other = await open('#ds=circle&hidden=2&act=sigmoid', { context: await downloads() });
  await toPlayground(other.page);
  await other.page.click('#playground .pg-export summary');
  await pickPlaygroundFile(other.page, 'load-json', 'net.json', text);
  await other.page.waitForFunction(() => document.querySelector('.pg-stats').dataset.epoch === '12');
  const after = await other.page.evaluate(() => {
    const { pending, ...figures } = document.querySelector('.pg-stats').dataset;
    return figures;
  });
  expect(after).toEqual(before);
  await other.page.waitForFunction(() => location.hash.includes('ds=xor'));
  // The file holds the optimiser's state: both pages train on to the same bits.
  const onward = async (p) => {
    for (let i = 0; i < 3; i++) await p.click('#playground [data-action="step"]');
    await untilEpoch(p, 15);
    return p.evaluate(() => {
      const { pending, ...figures } = document.querySelector('.pg-stats').dataset;
      return figures;
    });
  };
  expect(await onward(other.page)).toEqual(await onward(page));
  // The code shown follows the training to where it stopped.
  await other.page.waitForFunction(() => /epochs trained: 15,/.test(document.querySelector('#playground .pg-code').textContent));
  const hash = new URLSearchParams(new URL(other.page.url()).hash.slice(1));
  expect([hash.get('hidden'), hash.get('act')]).toEqual(['5,3', 'relu,elu']);
  // Node agrees: the saved network's test loss is the page's, to the last bit.
  const net = lab.networkFromJSON(text);
  const data = playgroundData(lab, { ...defaultState(), ds: 'xor' });
  expect(String(net.evaluate(data.test.inputs, data.test.labels).loss)).toBe(before.testLoss);
  net.dispose();
  // A file that is not a network, and one for other data, are refused; the network stays.
  await pickPlaygroundFile(other.page, 'load-json', 'broken.json', '{"format": "actlab-network", "config": ');
  await other.page.waitForSelector('#playground .pg-export .error');
  expect(await other.page.textContent('#playground .pg-export .error')).toMatch(/^broken\.json could not be loaded: /);
  const multi = lab.createNetwork({ layers: [2, 3], output: 'softmax', features: ['x1', 'x2'] });
  await pickPlaygroundFile(other.page, 'load-json', 'three.json', JSON.stringify(multi.toJSON()));
  await other.page.waitForFunction(() => document.querySelector('#playground .pg-export .error')?.textContent.startsWith('three.json'));
  expect(await other.page.textContent('#playground .pg-export .error')).toBe('three.json predicts 3 classes, but the current data needs two classes. Choose matching data first.');
  multi.dispose();
  expect((await other.page.evaluate(() => document.querySelector('.pg-stats').dataset.epoch))).toBe('15');
  expect([...problems, ...other.problems]).toEqual([]);
  await other.ctx.close();
  await ctx.close();
}, 40000);

test('playground: inside the network (weights, dead units, gradients) and the linear collapse', async () => {
  const { page, ctx, problems } = await open('#hidden=3,2&act=relu&init=zeros');
  await toPlayground(page);
  await page.locator('#playground .pg-inside').scrollIntoViewIfNeeded();
  await page.waitForSelector('#playground .pg-layer-stats tbody tr');
  // All-zero weights: every ReLU unit has z = 0 at every point, so slope 0: all dead (the sigmoid output is not).
  expect(await page.$$eval('#playground .pg-layer-stats [data-dead]', (tds) => tds.map((td) => td.dataset.dead))).toEqual(['1', '1', '0']);
  // A fresh network with He initialisation; the picture's values are the engine's.
  await page.selectOption('#playground [data-field="init"]', 'auto');
  await page.waitForFunction(() => !location.hash.includes('init='));
  const state = { ...defaultState(), hidden: [3, 2], act: ['relu'] };
  const net = lab.createNetwork(networkConfig(state, lab.datasets[0]));
  const first = net.layers()[0];
  await page.focus('#playground canvas.pg-net');
  await page.keyboard.press('ArrowRight'); // hidden layer 1, neuron 1
  await page.keyboard.press('ArrowDown'); // neuron 2
  const detail = await page.textContent('#playground .pg-net-detail span');
  expect(detail).toBe(`layer 1, neuron 2 (relu): bias 0; weights in: x₁ ${fmt(first.weights[2], 4)}, x₂ ${fmt(first.weights[3], 4)}`);
  expect(await page.textContent('#playground .pg-net-detail [data-action="edit-node"]')).toBe(DICTIONARIES.en['pg.edit.open']);
  net.dispose();
  // Gradient sizes: one series per layer, filled in as it trains.
  for (let i = 0; i < 3; i++) await page.click('#playground [data-action="step"]');
  await page.locator('#playground canvas.pg-grad').scrollIntoViewIfNeeded(); // drawn when on screen
  await page.waitForFunction(() => document.querySelector('#playground canvas.pg-grad').actlabChart?.data.datasets[0].data.length === 4);
  const grads = await page.evaluate(() => document.querySelector('#playground canvas.pg-grad').actlabChart.data.datasets
    .map((d) => [d.label, d.data.filter((p) => p.y > 0).length]));
  expect(grads).toEqual([['layer 1', 3], ['layer 2', 3], ['output', 3]]);
  // Linear collapse: one click makes the hidden layers identity; the formula matches the network.
  await page.click('#playground [data-action="linear"]');
  await page.waitForFunction(() => location.hash.includes('act=identity'));
  const diff = Number(await page.getAttribute('#playground .pg-collapse [data-max-difference]', 'data-max-difference'));
  expect(diff).toBeLessThan(1e-12);
  expect(await page.textContent('#playground .pg-collapse-formula')).toMatch(/^z = −?[\d.e−]+·x₁ [+−] [\d.e−]+·x₂ [+−] [\d.e−]+$/);
  await page.click('#playground [data-action="linear"]'); // put back
  await page.waitForFunction(() => location.hash.includes('act=relu'));
  expect(await page.inputValue('#playground [data-layer="0"] select')).toBe('relu');
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('playground: race mode trains four networks side by side, with four curves, in both languages', async () => {
  const { page, ctx, problems } = await open('#hidden=4,4');
  await toPlayground(page);
  await page.locator('#playground .pg-race').scrollIntoViewIfNeeded();
  await page.click('#playground [data-action="race-act"]');
  await page.waitForFunction(() => location.hash.includes('race=sigmoid,tanh,relu,leaky_relu'));
  await page.click('#playground [data-action="race-play"]');
  await page.waitForFunction(() => Number(document.querySelector('.pg-race-epoch').dataset.epoch) >= 150, null, { timeout: 20000 });
  await page.click('#playground [data-action="race-play"]');
  await settled(page, '.pg-race-epoch');
  const epoch = Number(await page.getAttribute('#playground .pg-race-epoch', 'data-epoch'));
  const curves = await page.evaluate(() => document.querySelector('#playground canvas.pg-race-loss').actlabChart.data.datasets
    .map((d) => [d.label, d.data.length, d.data[d.data.length - 1].x]));
  expect(curves.map((c) => c[0])).toEqual(['sigmoid', 'tanh', 'relu', 'leaky_relu']);
  for (const c of curves) expect(c.slice(1)).toEqual([curves[0][1], epoch]); // every racer has run the same epochs
  // Each racer is the network above with its own activation: Node, trained the same way, gets the same test loss.
  const shown = await page.$$eval('#playground .pg-lane [data-loss]', (ss) => ss.map((s) => s.dataset.loss));
  const state = { ...defaultState(), hidden: [4, 4] };
  const data = playgroundData(lab, state);
  const losses = ['sigmoid', 'tanh', 'relu', 'leaky_relu'].map((act) => {
    const net = lab.createNetwork(networkConfig({ ...state, act: [act] }, lab.datasets[0]));
    for (let e = 0; e < epoch; e++) net.train(data.train.inputs, data.train.labels, { epochs: 1 });
    const loss = net.evaluate(data.test.inputs, data.test.labels).loss;
    net.dispose();
    return String(loss);
  });
  expect(shown).toEqual(losses);
  // A racer changed: the race starts again; fewer than two is refused (the button is off).
  await page.selectOption('#playground select[data-racer="0"]', 'gelu');
  await page.waitForFunction(() => location.hash.includes('race=gelu,tanh'));
  expect(await page.getAttribute('#playground .pg-race-epoch', 'data-epoch')).toBe('0');
  // In Chinese: the race's words change, the names of the functions do not.
  await switchLanguage(page, 'zh');
  expect(await page.textContent('#playground [data-action="race-play"]')).toBe(DICTIONARIES.zh['pg.race.play']);
  expect(await page.textContent('#playground .pg-race-epoch')).toBe(DICTIONARIES.zh['pg.race.epoch'].replace('{epoch}', '0'));
  await page.locator('#playground .pg-race').screenshot({ path: `${ARTIFACTS}/playground-race-zh.png` });
  // Initialisers race too; ending the race hides it.
  await page.click('#playground [data-action="race-init"]');
  await page.waitForFunction(() => location.hash.includes('race=zeros,uniform,glorot_uniform,he_normal'));
  await page.click('#playground [data-action="race-off"]');
  await page.waitForFunction(() => !location.hash.includes('race='));
  expect(await page.isHidden('#playground .pg-race-body')).toBe(true);
  expect(problems).toEqual([]);
  await ctx.close();
}, 40000);

test('the language switch changes every string, is remembered, and keeps the view', async () => {
  const { page, ctx, problems } = await open('#fn=tanh&x=-2,3');
  await switchLanguage(page, 'zh');
  expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(await page.textContent('#explorer-title')).toBe(DICTIONARIES.zh['ex.title']);
  // The info panel is written when it comes near (with its facts and the 'info' strings).
  await page.locator('#explorer .info').scrollIntoViewIfNeeded();
  expect(await page.textContent('.info dt')).toBe(DICTIONARIES.zh['ex.info.range']);
  expect(await page.textContent('.info dd >> nth=5')).toBe(DICTIONARIES.zh['fn.tanh.grad']);
  expect(await page.textContent('#status')).toBe(DICTIONARIES.zh['load.ready'].replace('{count}', lab.activations.length));
  // Every keyed element shows Chinese text now.
  const keyed = await page.$$eval('[data-i18n]', (els) => els.map((e) => [e.dataset.i18n, e.textContent]));
  for (const [key, text] of keyed) expect([key, text]).toEqual([key, DICTIONARIES.zh[key]]);
  expect(await pressed(page)).toEqual(['tanh']);
  await page.waitForFunction(() => location.hash.includes('lang=zh'));
  await page.locator('#explorer section.panel').last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}/page-1280-zh.png`, fullPage: true });
  // Remembered: a new page in the same browser profile, no lang in the URL.
  const again = await open('', { context: ctx });
  expect(await again.page.getAttribute('html', 'lang')).toBe('zh-CN');
  expect(problems).toEqual([]);
  await ctx.close();
  // The browser's language decides the first visit; the boot check fetched that language's strings alone.
  const zhContext = await suite.browser.newContext({ locale: 'zh-CN' });
  const names = requested(zhContext);
  const fresh = await open('', { context: zhContext });
  expect(await fresh.page.textContent('#explorer-title')).toBe(DICTIONARIES.zh['ex.title']);
  expect(names.filter((m) => /-(en|zh)-/.test(m))).toEqual([expect.stringMatching(/^actlab-page-zh-core-[A-Z0-9]+\.js$/)]);
  await zhContext.close();
}, 30000);

test('the URL reproduces the view', async () => {
  const { page, ctx, problems } = await open();
  await page.click('[data-preset="relu"]');
  await page.check('input[value="apart"]');
  await page.fill('.controls input[type="number"] >> nth=0', '-3');
  await page.fill('.controls input[type="number"] >> nth=1', '2.5');
  await page.press('.controls input[type="number"] >> nth=1', 'Enter');
  await page.locator('[data-param="alpha"] input[type="range"]').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => location.hash.includes('p='));
  const url = page.url();
  const view = async (p) => ({
    fn: await pressed(p),
    range: await p.$$eval('.controls input[type="number"]', (is) => is.map((i) => i.value)),
    apart: await p.isChecked('input[value="apart"]'),
    params: await p.$$eval('[data-param] input[type="number"]', (is) => is.map((i) => i.value)),
    charts: await datasets(p, 1),
  });
  const before = await view(page);
  expect(before.fn).toEqual(['relu', 'leaky_relu', 'elu', 'selu']);
  expect(before.range).toEqual(['-3', '2.5']);
  const other = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const copy = await open(url.slice(suite.base.length), { context: other });
  expect(await view(copy.page)).toEqual(before);
  expect(problems).toEqual([]);
  expect(copy.problems).toEqual([]);
  await other.close();
  await ctx.close();
}, 30000);

test('malicious or nonsense URL parameters are ignored safely', async () => {
  const evil = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  const { page, ctx, problems, foreign } = await open(
    `?fn=${evil}#fn=relu,${evil}&lang=${evil}&x=1e999,NaN&p=__proto__.x:1,relu.alpha:${evil}&focus=${evil}&depth=-1`);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(await page.$$eval('img', (imgs) => imgs.length)).toBe(0);
  expect(await pressed(page)).toEqual(['relu']);
  expect(await page.$$eval('.controls input[type="number"]', (is) => is.map((i) => i.value))).toEqual(['-6', '6']);
  expect(problems).toEqual([]);
  expect(foreign).toEqual([]);
  await ctx.close();
}, 30000);

test('embed mode runs one widget alone and reports its height; unknown widgets are named', async () => {
  const { page, ctx, problems } = await open('embed.html?widget=explorer&fn=swish&lang=zh', { width: 600 });
  expect(await page.$('header.top')).toBeNull();
  expect(await pressed(page)).toEqual(['swish']);
  expect(await page.textContent('#explorer-title')).toBe(DICTIONARIES.zh['ex.title']);
  await page.screenshot({ path: `${ARTIFACTS}/embed-600-zh.png`, fullPage: true });
  // In an iframe it posts its height to the parent.
  const host = await ctx.newPage();
  await host.goto(`${suite.base}embed.html?widget=none`);
  await host.waitForSelector('body[data-ready="failed"]');
  const message = await host.textContent('#status');
  expect(message).toContain('"none"');
  expect(message).toContain('没有名为');
  const height = await host.evaluate((src) => new Promise((resolve) => {
    addEventListener('message', (e) => { if (e.data?.type === 'actlab:height') resolve(e.data.height); });
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.width = 500;
    document.body.append(frame);
  }), `${suite.base}embed.html?widget=explorer`);
  expect(height).toBeGreaterThan(600);
  // The other widgets run alone too.
  for (const widget of ['softmax', 'chooser', 'playground']) {
    const alone = await ctx.newPage();
    await alone.goto(`${suite.base}embed.html?widget=${widget}&z=1,2&task=regression`);
    await alone.waitForSelector('body[data-ready="true"]');
    expect(await alone.$$eval('[data-widget] h2', (hs) => hs.map((x) => x.id))).toEqual([`${widget}-title`]);
    if (widget === 'softmax') expect(await alone.$$eval('.logits input', (is) => is.length)).toBe(2);
    else if (widget === 'chooser') expect(await alone.textContent('[data-answer="out"] .what')).toBe(DICTIONARIES.en['ch.out.regression']);
    else await alone.waitForFunction(() => document.querySelector('.pg-stats').dataset.epoch === '0');
  }
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('works at 375 px with the keyboard alone; no horizontal overflow', async () => {
  const { page, ctx, problems } = await open('', { width: 375 });
  await page.focus('.chip[data-name="tanh"]');
  await page.keyboard.press('Enter');
  expect(await page.getAttribute('.chip[data-name="tanh"]', 'aria-pressed')).toBe('false');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  expect(await page.getAttribute('.chip[data-name="relu"]', 'aria-pressed')).toBe('false');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${ARTIFACTS}/page-375.png`, fullPage: true });
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('axe-core finds no serious or critical accessibility violation, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    const { page } = await open('#fn=leaky_relu,gelu&cmp=sigmoid&task=multilabel&arch=rnn', { context });
    for (const section of ['#softmax', '#chooser', '#playground']) await reach(page, section);
    await page.locator('#softmax canvas').scrollIntoViewIfNeeded();
    await loadAxe(page);
    expect([colorScheme, await seriousViolations(page)]).toEqual([colorScheme, []]);
    await context.close();
  }
}, 60000);

test('the single-file build works opened from disk, with no other request', async () => {
  const file = `file://${ROOT}/web/actlab-offline.html`;
  const { page, ctx, problems, requests } = await openFile(suite.browser, `${file}#fn=gelu&z=1000,1001,1002&task=binary&lang=zh`);
  expect(await page.evaluate(() => document.body.dataset.ready)).toBe('true');
  // Everything came out of the one file.
  expect(requests).toEqual([`${file}#fn=gelu&z=1000,1001,1002&task=binary&lang=zh`.replace(/#.*/, '')]);
  expect(await page.$$eval('[src], link[href]', (els) => els.map((e) => e.getAttribute('src') ?? e.getAttribute('href'))
    .filter((u) => !u.startsWith('data:')))).toEqual([]);
  expect(await page.$('[data-served-only]')).toBeNull();
  // The same widgets, the same numbers, the state in the URL.
  expect(await page.textContent('#explorer-title')).toBe(DICTIONARIES.zh['ex.title']);
  const gelu = (await datasets(page)).find((d) => d.label === 'gelu(x)');
  expect(gelu.ys).toEqual([...lab.evaluate('gelu', gelu.xs)]);
  expect((await softmaxChart(page)).sets[0].data).toEqual([...lab.softmax([1000, 1001, 1002])]);
  await reach(page, '#chooser');
  expect(await page.textContent('#chooser [data-answer="out"] .what')).toBe(DICTIONARIES.zh['ch.out.binary']);
  await page.click('[data-preset="relu"]');
  await page.waitForFunction(() => location.hash.includes('fn=relu,leaky_relu'));
  // The playground trains in a Worker made from the file's own inlined script.
  await page.locator('#playground').scrollIntoViewIfNeeded();
  await page.waitForSelector('body[data-trainer]');
  expect(await page.evaluate(() => document.body.dataset.trainer)).toBe('worker');
  await page.click('#playground [data-action="step"]');
  await untilEpoch(page, 1);
  expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([file]);
  expect(problems).toEqual([]);
  await ctx.close();
}, 30000);

test('the server refuses paths outside web/ and serves Wasm as application/wasm', async () => {
  const res = await fetch(`${suite.base}..%2f..%2fpackage.json`);
  expect([403, 404]).toContain(res.status);
  const wasm = await fetch(`${suite.base}lib/actlab_core.wasm`);
  expect(wasm.headers.get('content-type')).toBe('application/wasm');
});
