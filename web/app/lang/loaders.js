// How i18n.js fetches a language's strings: loader(part) resolves to a
// dictionary holding at least that part. Here (Node, unbundled pages) a
// loader brings the whole file; the page's build replaces this module with
// one whose loaders fetch one part each (tools/build-page.mjs).
export const LOADERS = {
  en: () => import('./en.js').then((m) => m.default),
  zh: () => import('./zh.js').then((m) => m.default),
};
