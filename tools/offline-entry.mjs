// Entry of the single-file page (web/actlab-offline.html, written by
// tools/build-page.mjs): the same app, with the Wasm core read from the
// base64 text of a <script type="application/octet-stream"> in the file
// itself instead of fetched, so it works from file:// and in an email. The
// training Worker is made from the text of another inlined script.
import { startApp } from '../web/app/app.js';
import { wasmSimdSupported } from '../web/lib/actlab.js';

function inlinedModule(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no inlined module #${id}`);
  const text = atob(el.textContent.trim());
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function inlinedWorker() {
  const el = document.getElementById('actlab-worker');
  if (!el) throw new Error('the page has no inlined worker #actlab-worker');
  return new Worker(URL.createObjectURL(new Blob([el.textContent], { type: 'text/javascript' })));
}

startApp({
  mode: 'page',
  makeWorker: inlinedWorker,
  async loadModule(progress) {
    const bytes = inlinedModule(wasmSimdSupported() ? 'actlab-wasm-simd' : 'actlab-wasm');
    progress(1);
    return bytes;
  },
});
