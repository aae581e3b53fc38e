// Entry of the single-file tutorial web/actlab-tutorial-offline.html (see offline-common.mjs).
import { startTutorial } from '../web/app/tutorial-main.js';
import { offlineOptions } from './offline-common.mjs';

startTutorial(offlineOptions);
