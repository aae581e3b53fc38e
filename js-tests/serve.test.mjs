// scripts/serve.mjs and tools/precompress.mjs: the page is sent compressed
// (brotli where accepted, else gzip) from copies written at build, only while
// they are as new as the file; hashed chunks are cached for a year, the rest
// revalidated by ETag. Every body is checked by decompressing it with Node's
// zlib and comparing it with the file.
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync, utimesSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, acceptedEncodings } from '../scripts/serve.mjs';
import { precompress } from '../tools/precompress.mjs';
import { ROOT } from './helpers.mjs';

let root;
let server;
let base;
const text = Array.from({ length: 400 }, (_, i) => `export const line${i} = ${i * i};`).join('\n');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'actlab-serve-'));
  writeFileSync(join(root, 'page.js'), text);
  writeFileSync(join(root, 'page-chunk-ABCD1234.js'), text);
  writeFileSync(join(root, 'tiny.js'), 'export {};\n');
  writeFileSync(join(root, 'picture.png'), Buffer.alloc(4096, 7));
  writeFileSync(join(root, 'gone.js.gz'), 'stale');
  ({ server, url: base } = await startServer({ root }));
});
afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path, headers = {}, method = 'GET') => fetch(base + path, { headers, method });
// fetch() decompresses on its own; read the raw bytes through the headers instead.
async function raw(path, encoding) {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(base + path, { headers: encoding === null ? {} : { 'Accept-Encoding': encoding } }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.status, headers: res.headers, body: Buffer.concat(parts) }));
    }).on('error', reject).end();
  });
}
const decode = ({ headers, body }) => (headers['content-encoding'] === 'br' ? brotliDecompressSync(body)
  : headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString();

test('Accept-Encoding is read with its q-values', () => {
  expect([...acceptedEncodings('gzip, deflate, br')].sort()).toEqual(['br', 'deflate', 'gzip']);
  expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
  expect([...acceptedEncodings('')]).toEqual([]);
  expect([...acceptedEncodings(undefined)]).toEqual([]);
  expect([...acceptedEncodings(' GZIP ; Q=1 ,identity')].sort()).toEqual(['gzip', 'identity']);
});

test('precompress writes .br and .gz for files worth it, and removes copies of files that are gone', () => {
  const { written, removed } = precompress(root);
  expect(existsSync(join(root, 'page.js.br')) && existsSync(join(root, 'page.js.gz'))).toBe(true);
  expect(existsSync(join(root, 'tiny.js.gz')) || existsSync(join(root, 'picture.png.gz'))).toBe(false); // too small; not text
  expect(existsSync(join(root, 'gone.js.gz'))).toBe(false);
  expect([written, removed]).toEqual([4, 1]);
  expect(gunzipSync(readFileSync(join(root, 'page.js.gz'))).toString()).toBe(text);
  expect(brotliDecompressSync(readFileSync(join(root, 'page.js.br'))).toString()).toBe(text);
  // Again: nothing to do.
  expect(precompress(root)).toEqual({ written: 0, removed: 0 });
});

test('each client gets the encoding it accepts, and the same bytes after decoding', async () => {
  precompress(root);
  const cases = [['br, gzip', 'br'], ['gzip', 'gzip'], [null, undefined], ['br;q=0, gzip', 'gzip'], ['*', 'br'], ['deflate', undefined]];
  for (const [accept, encoding] of cases) {
    const res = await raw('page.js', accept);
    expect([accept, res.headers['content-encoding']]).toEqual([accept, encoding]);
    expect(decode(res)).toBe(text);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.headers.vary).toBe('Accept-Encoding');
  }
  expect((await raw('page.js', 'br')).body.length).toBeLessThan(text.length / 3);
});

test('a copy older than its file is not sent: the file is', async () => {
  precompress(root);
  const newer = `${text}\nexport const extra = 1;`;
  writeFileSync(join(root, 'page.js'), newer);
  const later = new Date(Date.now() + 5000);
  utimesSync(join(root, 'page.js'), later, later);
  for (const accept of ['br', 'gzip']) {
    const res = await raw('page.js', accept);
    expect([accept, res.headers['content-encoding'], decode(res)]).toEqual([accept, undefined, newer]);
  }
  precompress(root); // and the next build brings the copies up to date
  expect(decode(await raw('page.js', 'br'))).toBe(newer);
});

test('hashed chunks are cached for a year; other files revalidate, and an unchanged one costs a 304', async () => {
  expect((await get('page-chunk-ABCD1234.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const first = await get('page.js', { 'Accept-Encoding': 'gzip' });
  expect(first.headers.get('cache-control')).toBe('no-cache');
  const etag = first.headers.get('etag');
  expect(etag).toMatch(/^".+-gzip"$/);
  const again = await get('page.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
  expect(again.status).toBe(304);
  expect(await again.text()).toBe('');
  // Another encoding is another representation: no 304 for it.
  expect((await get('page.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag })).status).toBe(200);
  const head = await get('page.js', { 'Accept-Encoding': 'br' }, 'HEAD');
  expect([head.status, head.headers.get('content-encoding'), await head.text()]).toEqual([200, 'br', '']);
});

test('the built page has fresh compressed copies of what it loads first', () => {
  // The modules the page preloads (its entry, a few hundred bytes, is below the size worth compressing).
  const preloaded = [...readFileSync(join(ROOT, 'web/index.html'), 'utf8').matchAll(/rel="modulepreload" href="([^"]+)"/g)]
    .map((m) => `web/${m[1]}`).filter((f) => statSync(join(ROOT, f)).size >= 1024);
  expect(preloaded).toEqual([expect.stringMatching(/^web\/lib\/actlab-page-chunk-[A-Z0-9]+\.js$/)]);
  for (const file of [...preloaded, 'web/lib/actlab_activations.wasm', 'web/lib/actlab_core_simd.wasm', 'web/index.html']) {
    const path = join(ROOT, file);
    for (const [ext, unpack] of [['.br', brotliDecompressSync], ['.gz', gunzipSync]]) {
      expect([file + ext, existsSync(path + ext) && statSync(path + ext).mtimeMs >= statSync(path).mtimeMs]).toEqual([file + ext, true]);
      expect(unpack(readFileSync(path + ext)).equals(readFileSync(path))).toBe(true);
    }
  }
});
