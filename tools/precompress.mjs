// Writes file.gz and file.br beside every compressible file of web/ (the
// layout nginx's gzip_static and brotli_static read, and scripts/serve.mjs
// too), so that a server sends a student's phone a third of the bytes without
// compressing on every request. Incremental: a file is compressed again only
// when it is newer than its .gz and its bytes changed; a .gz or .br whose file
// is gone is deleted.
// Run by scripts/build.sh after everything else is built.
import { readdirSync, statSync, readFileSync, writeFileSync, unlinkSync, existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, gunzipSync, brotliCompressSync, constants } from 'node:zlib';

export const COMPRESSIBLE = /\.(?:js|mjs|css|html|wasm|svg|json|md|ts)$/;
const MIN_BYTES = 1024; // below this the headers cost more than the bytes saved

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

export function precompress(root) {
  let written = 0;
  let removed = 0;
  for (const path of files(root)) {
    const source = path.replace(/\.(gz|br)$/, '');
    if (source !== path) {
      if (!existsSync(source)) {
        unlinkSync(path);
        removed++;
      }
      continue;
    }
    if (!COMPRESSIBLE.test(path)) continue;
    const info = statSync(path);
    const gz = `${path}.gz`;
    if (existsSync(gz) && statSync(gz).mtimeMs >= info.mtimeMs) continue;
    const body = readFileSync(path);
    // A copy counts as fresh while it is at least as new as its file (the server checks the same).
    const stamp = new Date(Math.max(Date.now(), Math.ceil(info.mtimeMs) + 1));
    // Rebuilt but the same bytes (the page build rewrites every file): the copies only need the new time.
    if (existsSync(gz) && gunzipSync(readFileSync(gz)).equals(body)) {
      for (const out of [gz, `${path}.br`]) if (existsSync(out)) utimesSync(out, stamp, stamp);
      continue;
    }
    for (const [ext, packed] of [['br', () => brotliCompressSync(body, { params: {
      [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })],
    ['gz', () => gzipSync(body, { level: 9 })]]) {
      const out = `${path}.${ext}`;
      const data = info.size >= MIN_BYTES ? packed() : null;
      // Not worth it (small, or no smaller): no file, and a stale one goes.
      if (data && data.length < body.length) {
        writeFileSync(out, data);
        utimesSync(out, stamp, stamp);
        written++;
      } else if (existsSync(out)) {
        unlinkSync(out);
      }
    }
  }
  return { written, removed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../web/', import.meta.url));
  const { written, removed } = precompress(root);
  if (written || removed) console.error(`precompress: ${written} files written, ${removed} stale ones removed`);
}
