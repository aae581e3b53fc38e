// Which language a page shows. The page's code (i18n.js, app.js) and the boot
// check (boot-check.js) decide it with these same functions: the boot check
// runs first, and starts fetching that language's strings while the page's
// code is still loading. No imports here: the boot check is a classic script.
export const STORAGE_KEY = 'actlab.lang';

/** The page's URL settings: the query's, then the hash's (which win). */
export function pageParams() {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of new URLSearchParams(location.hash.slice(1))) params.set(k, v);
  return params;
}

/** Of `languages`: an explicit (URL) choice, the stored one, the browser's, else the first. */
export function pickLanguage(languages, { requested, stored, browser = [] } = {}) {
  if (languages.includes(requested)) return requested;
  if (languages.includes(stored)) return stored;
  for (const tag of browser) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (languages.includes(base)) return base;
  }
  return languages[0];
}

// localStorage throws in some sandboxed iframes and file:// setups; the
// choice then lasts for the page only.
export function storedLanguage() {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
