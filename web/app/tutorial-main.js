// Entry of the tutorial page (web/tutorial.html, bundled by
// tools/build-page.mjs into web/lib/actlab-tutorial.js): the page's app with
// the chapters' text. "actlab:docs" is made by the build from docs/en/ and
// docs/zh/ (every chapter in web/app/chapters.js), so the text ships inside
// the bundle and the page needs no request for it.
import DOCS from 'actlab:docs';
import { startApp } from './app.js';
import { wantStrings } from './i18n.js';
import { createTutorial } from './tutorial.js';

export function startTutorial(options = {}) {
  wantStrings('tutorial'); // the chapters' own strings come with the first view here
  return startApp({ mode: 'page', docs: DOCS, tutorial: createTutorial, ...options });
}
