// What the page has to tell the reader after it started (a link it could not
// read, training that moved out of its Worker): a notice at the foot of the
// window (role status: read out when it appears), in the page's language
// (render() again after a switch), until closed. Loaded when first needed.
import { h } from './dom.js';

// At the foot of the window, above everything, until closed; the page's colours (light or dark).
const BOX = 'position: fixed; left: 1rem; right: 1rem; bottom: 1rem; z-index: 20; max-width: 42rem; margin: 0 auto; ' +
  'display: none; gap: 0.75rem; align-items: flex-start; padding: 0.6rem 0.8rem; background: var(--panel); ' +
  'border: 1px solid var(--line); border-radius: 10px; box-shadow: 0 2px 10px rgba(0, 0, 0, 0.2)';

export function pageNotice(translate) {
  let shown = null;
  const text = h('p');
  const close = h('button', { type: 'button', class: 'btn small', 'data-i18n': 'notice.close' });
  // Styled here (through the CSSOM, which a strict style-src allows): the first view's stylesheet need not carry it.
  const box = h('div', { class: 'page-notice', role: 'status', hidden: true, style: BOX }, text, close);
  // Long settings wrap anywhere, so that Close stays on a phone's screen.
  text.style.cssText = 'margin: 0; flex: 1; min-width: 0; overflow-wrap: anywhere';
  const hide = () => {
    shown = null;
    const hadFocus = box.contains(document.activeElement);
    box.hidden = true;
    box.style.display = 'none';
    // Focus goes to the page's title (at its start, where the notice sits in the order), not to nowhere.
    const title = document.querySelector('h1, main h2');
    if (hadFocus && title) {
      title.tabIndex = -1;
      title.focus({ preventScroll: true });
    }
  };
  close.addEventListener('click', hide);
  addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && shown) hide();
  });
  // Early in the page's order (after the skip link), so that Tab reaches it at once; shown at the foot.
  const skip = document.querySelector('body > .skip');
  if (skip) skip.after(box);
  else document.body.prepend(box);
  const render = () => {
    if (!shown) return;
    const t = translate();
    text.textContent = t(shown.key, shown.vars);
    close.textContent = t('notice.close');
    box.hidden = false;
    box.style.display = 'flex';
  };
  // Shown a moment after the empty live region exists, so that screen readers announce it.
  return { show(key, vars) { shown = { key, vars }; setTimeout(render); }, render };
}
