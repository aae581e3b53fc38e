// The network engine's side of the JavaScript API: networks
// (actlab-network.js, their configs in actlab-config.js) and bound data
// (actlab-data.js), gathered here so that a build which loads them later
// has one file to put a stand-in for. The page's bundle does
// (tools/build-page.mjs): its first view loads the activation-only core and
// none of this, and engineReady() imports it when a widget needs networks.
// Loaded as it is (Node, Jest, a bundler), everything is here at once.
export { Network, MAX_TRAIN_BYTES, createNetwork, networkFromJSON } from './actlab-network.js';
export { BoundData, bindData } from './actlab-data.js';

/** Resolves when the network engine's code is loaded: at once here (see the top of this file). */
export const engineReady = () => Promise.resolve();
