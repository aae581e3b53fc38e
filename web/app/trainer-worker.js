// The playground's training Worker (bundled by tools/build-page.mjs into
// web/lib/actlab-worker.js, a classic script). Its first message carries the
// Wasm module's bytes; every later one is a training request for
// createTrainingHost (web/app/training.js), answered in order.
import { loadActLab } from '../lib/actlab.js';
import { createTrainingHost } from './training.js';

let ready = null;

self.onmessage = async (e) => {
  const message = e.data;
  if (message?.type === 'init') {
    ready = loadActLab({ wasmBinary: message.wasm }).then(createTrainingHost);
    try {
      await ready;
      self.postMessage({ type: 'ready' });
    } catch (err) {
      self.postMessage({ type: 'failed', message: err?.message ?? String(err) });
    }
    return;
  }
  if (!ready) return; // the page always sends 'init' first
  // Requests that arrive while the module loads wait for it, in order.
  const host = await ready;
  const reply = host.handle(message);
  if (!reply) return;
  const buffers = reply.type === 'stepped' ? reply.results.map((r) => r.params.buffer) : [];
  self.postMessage(reply, buffers);
};
