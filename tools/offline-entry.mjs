// Entry of the single-file page (web/actlab-offline.html, written by
// tools/build-page.mjs): the same app, with the Wasm core read from the
// base64 text of a <script type="application/octet-stream"> in the file
// itself instead of fetched, so it works from file:// and in an email.
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

startApp({
  mode: 'page',
  async loadModule(progress) {
    const bytes = inlinedModule(wasmSimdSupported() ? 'actlab-wasm-simd' : 'actlab-wasm');
    progress(1);
    return bytes;
  },
});
