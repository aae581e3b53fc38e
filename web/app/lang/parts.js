// A dictionary in parts: the strings of the first view ('core') and those of
// each widget that loads when it is needed (its own part, which comes with
// it). A key's part follows its prefix; the few keys of a widget's prefix
// that another part shows (the widgets' titles, seen before they load; the
// copy buttons; the frameworks' and optimisers' names) are core.
// js-tests/i18n.test.mjs checks that every file uses only keys of its own
// part or the core.
const WIDGET_PREFIX = { sm: 'softmax', ch: 'chooser', pg: 'playground', dg: 'digits', g: 'galton', q: 'distributions', tut: 'tutorial' };
const SHARED = [/^(sm|ch|pg|dg|g|q)\.title$/, /^ch\.(copy|copied|copyFailed)$/, /^ch\.code\.(pytorch|keras|tfjs)$/, /^pg\.opt\./];

export const PARTS = Object.freeze(['core', ...Object.values(WIDGET_PREFIX)]);

/** The part a key belongs to. */
export function partOf(key) {
  if (SHARED.some((re) => re.test(key))) return 'core';
  return WIDGET_PREFIX[key.split('.')[0]] ?? 'core';
}

/** The keys of a dictionary that belong to one part. */
export function pick(dict, part) {
  return Object.fromEntries(Object.entries(dict).filter(([key]) => partOf(key) === part));
}
