// For classrooms, on every widget: "Copy link" (the view as it is now, as a
// link that opens at this widget: go=name) and "Projector" (the widget full
// screen where the browser allows it, with larger text and pictures; proj=1
// in the link). A link's hide= list hides chosen controls: the page puts it
// on <html data-hide> and web/app/app.css hides each marked element
// (data-control, see state.js HIDEABLE); projector mode is <html class="projector">.
import { h } from './dom.js';
import { fitChartText } from './charts.js';

/** The page-wide part: the hide list and projector mode, from the state. */
export function applyClassroom(state) {
  const root = document.documentElement;
  if (state.hide.length) root.dataset.hide = state.hide.join(' ');
  else delete root.dataset.hide;
  if (root.classList.contains('projector') === state.proj) return;
  root.classList.toggle('projector', state.proj);
  fitChartText(); // the charts' text grows and shrinks with the page's
}

/**
 * The tools bar at the top of one widget's section.
 * link(): the address of the current view, opening at this widget.
 * Returns {render(state, t)}.
 */
export function widgetTools(section, { link, store }) {
  let t = store.t;
  // Read out when it changes (aria-live, not role=status: the widget's own status line stays the one to find).
  const status = h('span', { class: 'tools-status small', 'aria-live': 'polite' });
  // Where the clipboard is refused (file://, a frame without the permission): the link, selected, to copy by hand.
  const field = h('input', { type: 'text', class: 'tools-link', readonly: true, hidden: true, 'data-i18n-attr': 'aria-label:tools.link' });
  const copy = h('button', { type: 'button', class: 'btn small', dataset: { tool: 'copy' }, 'data-i18n': 'tools.copyLink',
    onclick: async () => {
      const url = link();
      try {
        await navigator.clipboard.writeText(url);
        field.hidden = true;
        status.textContent = t('tools.copied');
      } catch {
        field.value = url;
        field.hidden = false;
        field.focus();
        field.select();
        status.textContent = t('tools.copyFailed');
      }
    } });
  let fullScreen = false; // this section was made full screen by the button
  const projector = h('button', { type: 'button', class: 'btn small', dataset: { tool: 'projector' }, 'data-i18n': 'tools.projector',
    'aria-pressed': 'false', onclick: () => {
      const on = !store.get().proj;
      store.set({ proj: on });
      if (on && section.requestFullscreen) {
        section.requestFullscreen().then(() => { fullScreen = true; }, () => {}); // refused (a frame without allowfullscreen): larger text only
      } else if (!on && fullScreen && document.fullscreenElement) {
        document.exitFullscreen().catch(() => {});
      }
    } });
  // Leaving full screen (Esc) leaves projector mode too.
  document.addEventListener('fullscreenchange', () => {
    if (document.fullscreenElement || !fullScreen) return;
    fullScreen = false;
    if (store.get().proj) store.set({ proj: false });
  });
  const bar = h('div', { class: 'widget-tools', role: 'group', 'data-control': 'tools', 'data-i18n-attr': 'aria-label:tools.label' },
    copy, projector, status, field);
  section.prepend(bar);
  return {
    render(state, translate) {
      t = translate;
      projector.setAttribute('aria-pressed', String(state.proj));
    },
  };
}
