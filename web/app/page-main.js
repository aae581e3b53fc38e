// Entry of the served page and of embed.html (bundled by tools/build-page.mjs
// into web/lib/actlab-page.js): it starts the app itself, in the mode the
// page names on its <body data-mode>, so that the pages load it with
// <script type="module" src> and carry no inline script (a host's strict
// Content-Security-Policy, script-src 'self', blocks inline scripts).
import { startApp } from './app.js';

export { startApp };

startApp({ mode: document.body.dataset.mode === 'embed' ? 'embed' : 'page' });
