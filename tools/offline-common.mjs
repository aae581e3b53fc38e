// What the single-file pages (web/actlab-offline.html and
// web/actlab-tutorial-offline.html, written by tools/build-page.mjs) change
// in the app: the Wasm core is read from the base64 text of a
// <script type="application/octet-stream"> in the file itself instead of
// fetched, and the training Worker is made from the text of another inlined
// script, so both work from file:// and in an email.
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

export const offlineOptions = {
  mode: 'page',
  makeWorker: inlinedWorker,
  // Links from the tutorial into the tools go to the other single file.
  toolPage: 'actlab-offline.html',
  async loadModule(progress) {
    const bytes = inlinedModule(wasmSimdSupported() ? 'actlab-wasm-simd' : 'actlab-wasm');
    progress(1);
    return bytes;
  },
};
