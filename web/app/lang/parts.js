// A dictionary in parts: the strings of the first view ('core'), those of
// the explorer's info panel ('info') and those of each widget that loads
// when it is needed (its own part, which comes with it). A key's part
// follows its prefix; the few keys of a widget's prefix that another part
// shows (the widgets' titles, seen before they load; the
// copy buttons; the frameworks' and optimisers' names) are core.
// js-tests/i18n.test.mjs checks that every file uses only keys of its own
// part or the core.
const WIDGET_PREFIX = { sm: 'softmax', ch: 'chooser', pg: 'playground', dg: 'digits', g: 'galton', q: 'distributions', tut: 'tutorial' };
const SHARED = [/^(sm|ch|pg|dg|g|q)\.title$/, /^ch\.(copy|copied|copyFailed)$/, /^ch\.code\.(pytorch|keras|tfjs)$/, /^pg\.opt\./];

// The explorer's info panel (what each function is for, its gradient, its
// properties' words) loads its strings when it comes near, with its facts.
const INFO = /^(fn|ex\.smooth|ex\.saturates|ex\.cost)\./;

export const PARTS = Object.freeze(['core', 'info', ...Object.values(WIDGET_PREFIX)]);

/** The part a key belongs to. */
export function partOf(key) {
  if (SHARED.some((re) => re.test(key))) return 'core';
  if (INFO.test(key)) return 'info';
  return WIDGET_PREFIX[key.split('.')[0]] ?? 'core';
}

/** The keys of a dictionary that belong to one part. */
export function pick(dict, part) {
  return Object.fromEntries(Object.entries(dict).filter(([key]) => partOf(key) === part));
}
