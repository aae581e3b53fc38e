// Entry of the single-file page web/actlab-offline.html (see offline-common.mjs).
import { startApp } from '../web/app/app.js';
import { offlineOptions } from './offline-common.mjs';

startApp(offlineOptions);
