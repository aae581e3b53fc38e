// Entry of the single-file page web/actlab-offline.html (see offline-common.mjs).
// With ?widget=name it is an embed of that one widget, as embed.html is on a
// server: a course platform that only takes single files, or a frame
// sandboxed without allow-same-origin, can show one widget from it.
import { startApp } from '../web/app/app.js';
import { offlineOptions } from './offline-common.mjs';

const widget = new URLSearchParams(location.search).get('widget');
if (widget !== null) {
  // The page's own parts give way to the one widget's host (what embed.html has).
  document.body.classList.add('embed');
  document.body.dataset.mode = 'embed';
  for (const el of document.querySelectorAll('body > .skip, body > header, body > footer, main > :not(.loading)')) el.remove();
  const main = document.querySelector('main');
  main.id = 'widget';
  main.classList.add('widget');
}
startApp({ ...offlineOptions, mode: widget !== null ? 'embed' : 'page' });
