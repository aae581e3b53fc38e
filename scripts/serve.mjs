// A small static file server for web/: the page is plain files, but browsers
// will not fetch Wasm or ES modules from file://. Only files inside web/ are
// served; nothing is fetched from other hosts.
//
// Compressed: a file with a fresh file.br or file.gz beside it (written at
// build by tools/precompress.mjs) is sent as that, brotli where the browser
// accepts it, else gzip, else as it is. Cached: the files whose names carry a
// content hash (actlab-page-chunk-ABCD1234.js) for a year, the others
// revalidated every time by their ETag (a 304 costs no body).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPRESSIBLE } from '../tools/precompress.mjs'; // the files the build writes .br and .gz copies of

const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

const HASHED = /-[A-Z0-9]{8}\.js$/; // esbuild's [name]-[hash] chunks: their content never changes under that name

// The served pages run under the strict policy course platforms impose (no
// inline script; WebAssembly allowed), so that every browser test checks it:
// a violation is a console error there. docs/embedding.md gives hosts the
// same. The single files (*-offline.html) are inline by nature and get none.
export const PAGE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'";
const SINGLE_FILE = /-offline\.html$/;

/** The encodings an Accept-Encoding header accepts (q > 0), e.g. 'br;q=0, gzip' -> {gzip}. */
export function acceptedEncodings(header) {
  const out = new Set();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    if (!name) continue;
    const q = params.map((p) => /^q=([0-9.]+)$/.exec(p)).find(Boolean);
    if (q && !(Number(q[1]) > 0)) continue;
    out.add(name);
  }
  return out;
}

// The copy to send: {path, encoding, info} - a .br or .gz at least as new as the file, if accepted.
async function representation(file, info, req) {
  if (!COMPRESSIBLE.test(file)) return { path: file, encoding: null, info };
  const accepts = acceptedEncodings(req.headers['accept-encoding']);
  for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!accepts.has(encoding) && !accepts.has('*')) continue;
    try {
      const packed = await stat(file + ext);
      if (packed.isFile() && packed.mtimeMs >= info.mtimeMs) return { path: file + ext, encoding, info: packed };
    } catch {
      // none: try the next
    }
  }
  return { path: file, encoding: null, info };
}

async function handle(req, res, root) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || path.includes('\0')) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    const sent = await representation(file, info, req);
    const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}${sent.encoding ? `-${sent.encoding}` : ''}"`;
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      // Public files: a page in a frame sandboxed without allow-same-origin
      // (origin "null") may load them too (docs/embedding.md).
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Content-Encoding',
    };
    if (extname(file) === '.html' && !SINGLE_FILE.test(file)) headers['Content-Security-Policy'] = PAGE_CSP;
    if (COMPRESSIBLE.test(file)) headers.Vary = 'Accept-Encoding';
    if (sent.encoding) headers['Content-Encoding'] = sent.encoding;
    const match = req.headers['if-none-match'];
    if (match && match.split(',').map((x) => x.trim().replace(/^W\//, '')).includes(etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    const body = await readFile(sent.path);
    res.writeHead(200, { ...headers, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${path}`);
  }
}

/** Starts a server for `root` (default web/); resolves to {server, url}. */
export function startServer({ port = 0, host = '127.0.0.1', root = WEB_ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      handle(req, res, root).catch(() => res.writeHead(500).end());
    });
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/` });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const host = process.env.HOST ?? '127.0.0.1';
  const first = Number(process.env.PORT ?? 8080);
  for (let port = first; port < first + 10; port++) {
    try {
      const { url } = await startServer({ port, host });
      console.log(`ActLab is served at ${url} (the tutorial: ${url}tutorial.html)  (Ctrl-C stops it)`);
      break;
    } catch (err) {
      if (err.code !== 'EADDRINUSE' || port === first + 9) {
        console.error(`serve: cannot listen on ${host}:${port}: ${err.message}`);
        process.exit(1);
      }
      console.error(`serve: port ${port} is busy, trying ${port + 1}`);
    }
  }
}
