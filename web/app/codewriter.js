// A network's exported code, kept up to date without writing it every frame:
// written again when what it shows changed (the network, the framework, the
// language), and while only the epochs move at most once per `interval` ms (a
// large network's code takes tens of milliseconds to write). An answer
// overtaken by a newer request is dropped. Used by the playground's export
// panel and the digits widget.

/**
 * @param {{lab, rerun: () => void, interval?: number}} deps rerun: asks the
 *   caller to call write() again with what is current (for the delayed rewrite)
 */
import { exporterReady } from '../lib/actlab-export.js';

export function codeWriter({ lab, rerun, interval = 1000 }) {
  let shown = { what: '', epochs: -1, at: 0 };
  let asked = 0;
  let later = null;
  return {
    /**
     * The code for the network `saved()` resolves to (a toJSON() object), or
     * null when nothing new is to be shown (the same as shown, a rewrite
     * delayed, an answer overtaken), or {error} when it could not be written.
     * what: the identity of what is shown (any string).
     */
    async write({ what, epochs, saved, framework, language }) {
      if (what === shown.what && epochs === shown.epochs) return null;
      const wait = shown.at + interval - performance.now();
      if (what === shown.what && wait > 0) {
        later ??= setTimeout(() => {
          later = null;
          rerun();
        }, wait);
        return null;
      }
      shown = { what, epochs, at: performance.now() };
      const ask = ++asked;
      try {
        const [json] = await Promise.all([saved(), exporterReady()]); // the writer loads with the first code asked for
        if (!json || ask !== asked) return null;
        return lab.exportCode(json, framework, { language });
      } catch (err) {
        shown = { what: '', epochs: -1, at: 0 }; // try again next time
        return ask === asked ? { error: err?.message ?? String(err) } : null;
      }
    },
    /** Forgets what was shown: the next write() writes. */
    reset() { shown = { what: '', epochs: -1, at: 0 }; },
  };
}
