// A widget whose code (and data) load only when it is needed: when its
// section comes near the screen, or at once in an embed. Until then, and
// while it loads, the section holds its title and a line saying so; if the
// load fails, that line says why and offers to try again.
import { h } from './dom.js';
import { whenNear } from './charts.js';
import { applyTranslations } from './i18n.js';
import { keepPlace } from './anchor.js';

/**
 * load() once: everyone who asks meanwhile or later shares its promise; a
 * failed load is forgotten, so that asking again (a widget's retry) tries again.
 */
export function loadOnce(load) {
  let loading = null;
  return () => (loading ??= load().catch((err) => {
    loading = null;
    throw err;
  }));
}

// The widgets' stylesheet (app/widgets.css, next to this code's folder),
// added when the first widget loads; each widget is built only after it has
// arrived, so none is ever shown unstyled. The single-file pages carry it
// inline (<style data-widget-styles>).
const widgetStyles = loadOnce(() => (document.querySelector('style[data-widget-styles]') ? Promise.resolve()
  : new Promise((resolve, reject) => {
    const href = new URL('../app/widgets.css', import.meta.url).href;
    const link = h('link', { rel: 'stylesheet', href, dataset: { widgetStyles: '' } });
    link.addEventListener('load', () => resolve());
    link.addEventListener('error', () => {
      link.remove();
      reject(new Error(`could not load ${href}`));
    });
    document.head.append(link);
  })));

/**
 * @param {() => Promise<(root, deps) => {render, retint?}>} load resolves to the widget's create function
 * @param {string} titleKey the widget's title (shown while it loads)
 * @param {string} titleId the id its section's aria-labelledby names (the widget's own title has it once loaded)
 * @param {{engine?: boolean}} [options] engine: the widget trains networks, so it also
 *   waits for the network engine (deps.engine()) and gets that as its lab
 * @returns {(root, deps) => {render(state, t), retint()}} a create function like any widget's
 *   (its trainsNetworks property: the engine option)
 */
export function lazyWidget(load, titleKey, titleId, { engine = false } = {}) {
  const create = (root, deps) => {
    let widget = null;
    let last = null; // the latest render(state, t), replayed once the widget exists
    let problem = null;
    let t = deps.store.t;
    const line = h('p', { class: 'note', role: 'status', dataset: { lazy: 'loading' } });
    const retry = h('button', { type: 'button', class: 'btn', hidden: true, dataset: { action: 'retry' }, onclick: () => go() });
    const holder = h('div', { class: 'lazy' }, h('h2', { id: titleId, 'data-i18n': titleKey, text: t(titleKey) }), line, retry);
    root.append(holder);
    const show = () => {
      line.textContent = problem ? t('lazy.failed', { detail: problem }) : t('lazy.loading');
      line.dataset.lazy = problem ? 'failed' : 'loading';
      retry.hidden = !problem;
      retry.textContent = t('lazy.retry');
    };
    let loading = false;
    async function go() {
      if (widget || loading) return;
      loading = true;
      problem = null;
      show();
      try {
        const [create, lab] = await Promise.all([load(), engine ? deps.engine() : deps.lab, widgetStyles()]);
        // Built without moving what the reader looks at (web/app/anchor.js).
        keepPlace(root, () => {
          const made = create(root, { ...deps, lab });
          if (last) paint(made, ...last);
          holder.remove(); // only now: a failure above is shown in it, with the retry
          widget = made;
        });
      } catch (err) {
        // What a failed attempt built goes, so that a retry starts clean.
        for (const el of [...root.children]) if (el !== holder && !el.classList.contains('widget-tools')) el.remove();
        problem = err?.message ?? String(err);
        show();
      } finally {
        loading = false;
      }
    }
    // The page filled its keyed elements before this widget existed: it fills its own.
    function paint(w, state, translate) {
      applyTranslations(root, translate);
      w.render(state, translate);
    }
    if (deps.embedded) go();
    else whenNear(root, go);
    return {
      render(state, translate) {
        t = translate;
        last = [state, translate];
        if (widget) paint(widget, state, translate);
        else show();
      },
      retint() { widget?.retint?.(); },
      pause() { widget?.pause?.(); },
      // What an exercise asks of the widget (null until it has loaded).
      result: () => widget?.result?.() ?? null,
      reading: () => widget?.reading?.() ?? null,
    };
  };
  // Read by the app: an embed of such a widget loads the full core at once.
  create.trainsNetworks = engine;
  return create;
}
