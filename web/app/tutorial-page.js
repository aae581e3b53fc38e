// Entry of the served tutorial page (bundled by tools/build-page.mjs into
// web/lib/actlab-tutorial.js): starts the tutorial, so that tutorial.html
// needs no inline script (see page-main.js).
import { startTutorial } from './tutorial-main.js';

export { startTutorial };

startTutorial();
