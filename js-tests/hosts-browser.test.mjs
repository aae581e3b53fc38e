// Strict hosts (issue 22): the served pages start under the policy course
// platforms impose (script-src 'self' 'wasm-unsafe-eval', no inline script,
// no style attributes), which scripts/serve.mjs sends and every browser suite
// therefore runs under; opened from disk they say at once what to do; in a
// frame sandboxed without allow-same-origin they work where the server allows
// any origin, and name the fix where it does not; code that cannot be fetched
// is reported, not left on "Loading…".
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { browserSuite } from './browser-helpers.mjs';
import { PAGE_CSP } from '../scripts/serve.mjs';
import { ROOT } from './helpers.mjs';

const suite = browserSuite();
const PAGES = ['index.html', 'tutorial.html', 'embed.html'];

// Every policy violation the page reports, recorded from before its first script.
async function watchViolations(ctx) {
  await ctx.addInitScript(() => {
    window.cspViolations = [];
    addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

test('the served pages have no inline script, handler or style attribute', () => {
  for (const page of PAGES) {
    const html = readFileSync(`${ROOT}/web/${page}`, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) expect(attrs).toMatch(/\bsrc="/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
  }
});

test('index, tutorial and embeds start and run under the strict policy, and the policy is in force', async () => {
  const ctx = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await watchViolations(ctx);
  const page = await ctx.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  for (const path of ['', 'tutorial.html', 'embed.html?widget=softmax', 'embed.html?widget=playground']) {
    const response = await page.goto(suite.base + path);
    expect(response.headers()['content-security-policy']).toBe(PAGE_CSP);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  }
  // The playground trains in its Worker under the policy (worker-src falls back to script-src 'self').
  await page.waitForFunction(() => document.querySelector('.pg-stats')?.dataset.epoch === '0');
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => Number(document.querySelector('.pg-stats').dataset.epoch) >= 3, null, { timeout: 15000 });
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(problems).toEqual([]);
  // The policy is really there: inline script and a style attribute are refused and reported.
  const refused = await page.evaluate(() => {
    window.inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.body.append(s);
    document.body.setAttribute('style', 'outline: 1px solid red');
    return new Promise((resolve) => setTimeout(() => resolve({ ran: window.inlineRan, outline: getComputedStyle(document.body).outlineStyle }), 100));
  });
  expect(refused).toEqual({ ran: false, outline: 'none' });
  const violations = await page.evaluate(() => window.cspViolations);
  expect(violations).toEqual([expect.stringMatching(/^script-src/), expect.stringMatching(/^style-src/)]);
  await ctx.close();
}, 60000);

test('the single files are served without the policy (they are inline by nature)', async () => {
  const response = await fetch(`${suite.base}actlab-offline.html`);
  expect(response.headers.get('content-security-policy')).toBeNull();
  expect((await fetch(suite.base)).headers.get('content-security-policy')).toBe(PAGE_CSP);
});

test('opened from disk, each served page says at once in both languages to use its single file', async () => {
  const ctx = await suite.browser.newContext();
  for (const [page, single] of [['index.html', 'actlab-offline.html'], ['tutorial.html', 'actlab-tutorial-offline.html'],
    ['embed.html', 'actlab-offline.html']]) {
    const tab = await ctx.newPage();
    await tab.goto(`file://${ROOT}/web/${page}`);
    await tab.waitForSelector('body[data-ready="failed"]', { timeout: 5000 });
    expect(await tab.getAttribute('body', 'data-boot-failure')).toBe('file');
    const spans = await tab.$$eval('#status .failure', (els) => els.map((e) => ({ lang: e.lang, text: e.textContent,
      link: e.querySelector('a')?.getAttribute('href') })));
    expect(spans.map((s) => s.lang)).toEqual(['en', 'zh-CN']);
    expect(spans[0].text).toContain('Opened from a file');
    expect(spans[1].text).toContain('单文件版本');
    for (const s of spans) {
      expect(s.link).toBe(single);
      expect(s.text).toContain('./scripts/serve.sh');
    }
    // The link leads to a file that is there and works from disk.
    expect(existsSync(`${ROOT}/web/${single}`)).toBe(true);
    expect(await tab.isHidden('#progress')).toBe(true);
    await tab.close();
  }
  await ctx.close();
}, 30000);

const HOST_PAGE = (widget, page = 'embed.html') => '<!doctype html><title>course</title>' +
  `<iframe sandbox="allow-scripts" width="700" height="900" src="${page}?widget=${widget}"></iframe>`;

// A server that passes the page's files on without Access-Control-Allow-Origin, as most hosts
// do, and serves /course-host.html?widget=W, a course page with that widget in the sandboxed frame.
function refusingServer() {
  return new Promise((resolve) => {
    const server = createServer(async (req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/course-host.html') {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(HOST_PAGE(url.searchParams.get('widget'), url.searchParams.get('page') ?? undefined));
        return;
      }
      const upstream = await fetch(suite.base + req.url.slice(1), { headers: { 'accept-encoding': 'identity' } });
      const headers = Object.fromEntries([...upstream.headers].filter(([k]) => !k.startsWith('access-control-')));
      res.writeHead(upstream.status, headers).end(Buffer.from(await upstream.arrayBuffer()));
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// A course page (any origin) with the widget in a frame sandboxed without allow-same-origin.
async function sandboxedEmbed(ctx, widget, base = suite.base, file = 'embed.html') {
  const page = await ctx.newPage();
  const host = `${base}course-host.html`;
  if (base === suite.base) await page.route(host, (route) => route.fulfill({ contentType: 'text/html', body: HOST_PAGE(widget, file) }));
  await page.goto(base === suite.base ? host : `${host}?widget=${widget}&page=${file}`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForSelector('body[data-ready]', { timeout: 15000 });
  return { page, frame };
}

test('in a frame sandboxed with allow-scripts only: works from a server that allows any origin', async () => {
  const ctx = await suite.browser.newContext();
  const { frame } = await sandboxedEmbed(ctx, 'explorer');
  expect(await frame.getAttribute('body', 'data-ready')).toBe('true');
  expect(await frame.evaluate(() => window.origin)).toBe('null');
  expect(await frame.$$eval('.chip[aria-pressed="true"]', (cs) => cs.length)).toBeGreaterThan(0);
  // The playground cannot start a Worker there (another origin's script) and trains on the page instead.
  const { page, frame: pg } = await sandboxedEmbed(ctx, 'playground');
  expect(await pg.getAttribute('body', 'data-ready')).toBe('true');
  await pg.waitForFunction(() => document.querySelector('.pg-stats')?.dataset.epoch === '0');
  await pg.focus('[data-action="play"]');
  await page.keyboard.press('Enter');
  await pg.waitForFunction(() => Number(document.querySelector('.pg-stats').dataset.epoch) >= 3, null, { timeout: 15000 });
  await ctx.close();
}, 60000);

test('in that sandbox on a server that refuses other origins: names the two fixes in both languages', async () => {
  const server = await refusingServer();
  const ctx = await suite.browser.newContext();
  try {
    const { frame } = await sandboxedEmbed(ctx, 'explorer', `http://127.0.0.1:${server.address().port}/`);
    expect(await frame.getAttribute('body', 'data-ready')).toBe('failed');
    expect(await frame.getAttribute('body', 'data-boot-failure')).toBe('sandbox');
    const texts = await frame.$$eval('#status .failure', (els) => els.map((e) => e.textContent));
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      expect(text).toContain('allow-same-origin');
      expect(text).toContain('actlab-offline.html');
    }
    // Its link opens the same widget in the single file.
    expect(await frame.getAttribute('#status a', 'href')).toBe('actlab-offline.html?widget=explorer');
  } finally {
    await ctx.close();
    server.close(); // (an open server would keep Jest from exiting)
  }
}, 30000);

test('the fix it names works: the single file embeds one widget in that sandbox, from that server', async () => {
  const server = await refusingServer();
  const ctx = await suite.browser.newContext();
  try {
    const { frame } = await sandboxedEmbed(ctx, 'playground', `http://127.0.0.1:${server.address().port}/`, 'actlab-offline.html');
    expect(await frame.getAttribute('body', 'data-ready')).toBe('true');
    // One widget, as embed.html shows it: no page header, no other sections.
    expect(await frame.$$eval('[data-widget]', (els) => els.map((e) => e.dataset.widget))).toEqual(['playground']);
    expect(await frame.$('header.top')).toBeNull();
    await frame.waitForFunction(() => document.querySelector('.pg-stats')?.dataset.epoch === '0');
    await frame.focus('[data-action="play"]');
    await frame.page().keyboard.press('Enter');
    await frame.waitForFunction(() => Number(document.querySelector('.pg-stats').dataset.epoch) >= 3, null, { timeout: 15000 });
  } finally {
    await ctx.close();
    server.close();
  }
}, 60000);

test('code that cannot be fetched is reported, not left loading', async () => {
  const ctx = await suite.browser.newContext();
  const page = await ctx.newPage();
  await page.route(/\/lib\/actlab-page-chunk-[A-Z0-9]+\.js$/, (route) => route.abort('connectionrefused'));
  await page.goto(suite.base);
  await page.waitForSelector('body[data-ready]', { timeout: 15000 });
  expect(await page.getAttribute('body', 'data-boot-failure')).toBe('code');
  const texts = await page.$$eval('#status .failure', (els) => els.map((e) => e.textContent));
  expect(texts[0]).toContain('could not be loaded');
  expect(texts[1]).toContain('无法加载页面的代码');
  await ctx.close();
}, 30000);

test('a host whose policy allows scripts but not WebAssembly gets the directive it lacks named', async () => {
  const ctx = await suite.browser.newContext();
  const page = await ctx.newPage();
  await page.route(suite.base, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'self'" } });
  });
  await page.goto(suite.base);
  await page.waitForSelector('body[data-ready="failed"]', { timeout: 15000 });
  const texts = await page.$$eval('#status .failure', (els) => els.map((e) => e.textContent));
  expect(texts).toHaveLength(2);
  for (const text of texts) expect(text).toContain("'wasm-unsafe-eval'");
  expect(texts[0]).toContain('Content-Security-Policy');
  expect(texts[1]).toContain('内容安全策略');
  await ctx.close();
}, 30000);
