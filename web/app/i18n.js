// Languages: one dictionary per language (lang/en.js, lang/zh.js), the
// choice (URL, then the remembered choice, then the browser's languages),
// and filling the page: elements carry keys only, as data-i18n (text) and
// data-i18n-attr ("attribute:key;attribute:key").
//
// A page loads only the language it shows (loadLanguage; the other comes
// when the reader switches), so the first view does not carry both. Until a
// dictionary is there, only its boot strings are (lang/boot.js: loading, and
// the failures shown in every language). In Node, importing lang/index.js
// provides both.
import { BOOT } from './lang/boot.js';
import { LOADERS } from './lang/loaders.js';
import { STORAGE_KEY, pickLanguage, storedLanguage } from './lang/choice.js';

export const LANGUAGES = Object.keys(BOOT);
/** The strings present so far, by language (boot strings, then the parts loaded). */
export const DICTIONARIES = Object.fromEntries(LANGUAGES.map((lang) => [lang, { ...BOOT[lang] }]));
const complete = new Set(); // languages with every string
const parts = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Map()])); // part -> its load (one per part, shared)
const wanted = new Set(['core']); // the parts the page shows (a language switch loads all of them)
let current = null;

/** Gives a language its whole dictionary. */
export function provideDictionary(lang, dict) {
  Object.assign(DICTIONARIES[lang], dict);
  complete.add(lang);
}

// One load per part and language, however many ask for it at once; a failed one is forgotten, so a later ask tries again.
function fetchPart(lang, part) {
  if (complete.has(lang)) return Promise.resolve();
  if (!parts[lang].has(part)) {
    parts[lang].set(part, LOADERS[lang](part).then((dict) => { Object.assign(DICTIONARIES[lang], dict); }, (err) => {
      parts[lang].delete(part);
      throw err;
    }));
  }
  return parts[lang].get(part);
}

/**
 * Loads the strings the page shows in a language (the first view's, and those
 * of every widget loaded so far), and makes it the language later parts load
 * in; rejects if they cannot be fetched.
 */
export async function loadLanguage(lang) {
  // A widget may ask for its part meanwhile: again until every wanted part has been waited for.
  let waited = 0;
  while (waited < wanted.size) {
    waited = wanted.size;
    await Promise.all([...wanted].map((part) => fetchPart(lang, part)));
  }
  current = lang;
}

/** Marks a part as shown, before loadLanguage (the tutorial page wants its own from the start). */
export function wantStrings(part) {
  wanted.add(part);
}

/** A widget's strings, in the current language, fetched when the widget loads (lang/parts.js). */
export async function requireStrings(part) {
  wanted.add(part);
  if (current !== null) await fetchPart(current, part);
}

/** The language to show: an explicit (URL) choice, the stored one, the browser's, else English. */
export const chooseLanguage = (choice) => pickLanguage(LANGUAGES, choice);
export { storedLanguage };

export function rememberLanguage(lang) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; nothing else to do
  }
}

/** t(key, vars) for one language. A missing key shows the key itself (the i18n test keeps that from shipping). */
export function translator(lang) {
  const dict = DICTIONARIES[lang] ?? DICTIONARIES.en; // filled in place: a translator made early sees what loads later
  return (key, vars = {}) => {
    const text = dict[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  };
}

/** Fills every keyed element under root. Text goes in as text, never as markup. */
export function applyTranslations(root, t) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
}
