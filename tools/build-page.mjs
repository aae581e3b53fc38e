// Builds the page's two shipped forms with esbuild (run by scripts/build.sh,
// after the Wasm modules and web/vendor/chart.js exist), and writes the
// served pages (web/index.html, tutorial.html, embed.html) from their
// sources in web/pages/ with the links that preload the bundles' chunks:
//
//  1. web/lib/actlab-page.js: web/app/page-main.js (which starts web/app/app.js)
//     and everything it imports (actlab.js, Chart.js, the dictionaries) as minified ES modules, so
//     the served page makes one script request instead of a dozen. It sits
//     next to the .wasm files because actlab.js finds them relative to itself.
//  2. web/actlab-offline.html: index.html with that code, the stylesheet,
//     the icon and both Wasm modules (base64) inlined: one file that works
//     opened straight from disk (file://), for email and course platforms.
//     Elements marked data-served-only (the embed and download links, which
//     point at other files) are left out.
//  3. web/lib/actlab-tutorial.js: the tutorial page's bundle (entry web/app/tutorial-page.js), the same app
//     with every chapter of docs/en/ and docs/zh/ inside (the virtual module
//     actlab:docs, made here from web/app/chapters.js), and
//     web/actlab-tutorial-offline.html, its single-file form.
//  4. web/lib/actlab-worker.js: the playground's training Worker
//     (web/app/trainer-worker.js with actlab.js, without the code exporter),
//     a classic script so that every browser with Workers runs it; the
//     single file inlines it too.
import { build } from 'esbuild';
import { readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = `${ROOT}web/`;
const read = (p) => readFileSync(p, 'utf8');

// actlab.js reads the module with node:fs when it runs in Node; never in a browser.
// charset utf8: Chinese text as UTF-8 rather than \uXXXX escapes (module
// scripts and Workers are always read as UTF-8): the Chinese strings ship in
// 37 % fewer bytes (6.0 KB gzipped for the first view's part, against 6.4).
const common = { bundle: true, format: 'esm', minify: true, target: 'es2022', legalComments: 'inline', logLevel: 'warning', charset: 'utf8',
  external: ['node:*'] };

// A plugin that puts a stand-in (its lines of code) in place of a file. The
// stand-in may import the real file: that one import is let through.
// importer (a pattern): only that file's import is replaced; the others get the real one.
const standIn = (name, file, lines, { importer = /./ } = {}) => ({
  name,
  setup(b) {
    b.onResolve({ filter: file }, (args) => (args.namespace === name || !importer.test(args.importer) ? undefined
      : { path: name, namespace: name }));
    b.onLoad({ filter: /.*/, namespace: name }, () => ({ loader: 'js', resolveDir: `${WEB}lib`, contents: lines.join('\n') }));
  },
});

// The digit images (web/lib/actlab-digits.js, 48 KB gzipped) are for one
// widget: in the page they load when it does. actlab.js and the widget read
// them through this stand-in, whose loadDigits() imports the real module,
// a chunk of its own (or, in a single file, code run only then).
const DIGITS_FILE = /[\\/]actlab-digits\.js$/;
const lazyDigits = standIn('actlab-lazy-digits', DIGITS_FILE, [
  'export let DIGITS = null;',
  'export async function loadDigits() {',
  "  if (!DIGITS) DIGITS = (await import('./actlab-digits.js')).DIGITS;",
  '  return DIGITS;',
  '}']);
// A stand-in's loader: `name`() imports the real file once (everyone who asks
// meanwhile shares that load) and runs `then` (code using the module as m);
// a failed load is forgotten, so that asking again tries again.
const loadOnce = (name, file, then) => [
  'let loading = null;',
  `export const ${name} = () => (loading ??= import('${file}').then((m) => { ${then} }, (err) => {`,
  '  loading = null;',
  '  throw err;',
  '}));'];
// The Worker trains and never writes code (the exporter and its two
// languages of comments, about half the Worker's size): its stand-in says so
// if it were ever called.
const EXPORT_FILE = /[\\/]actlab-export\.js$/;
const WRITER_CALLS = ['exportArgs', 'writeExport', 'derivativeArgs', 'writeDerivativeCode'];
const noExporter = standIn('actlab-no-exporter', EXPORT_FILE, [
  "export * from './actlab-export-names.js';",
  'const none = () => { throw new Error("the training Worker has no code writer"); };',
  'export const exporterReady = () => Promise.reject(new Error("the training Worker has no code writer"));',
  ...WRITER_CALLS.map((f) => `export const ${f} = none;`)]);
// The page's code writer (actlab-export.js and its comments in two
// languages, 46 KB) is needed only when someone asks for code: its stand-in
// has the same exports, and its exporterReady() imports the real module (a
// chunk of its own; inline code in a single file). Until then a call says to
// await it; the page's code panels do.
const lazyExporter = standIn('actlab-lazy-exporter', EXPORT_FILE, [
  "export * from './actlab-export-names.js';",
  'let real = null;',
  ...loadOnce('exporterReady', './actlab-export.js', 'real = m;'),
  'const need = () => {',
  "  if (!real) throw new Error('the code writer is still loading: await exporterReady() first');",
  '  return real;',
  '};',
  ...WRITER_CALLS.map((f) => `export const ${f} = (...args) => need().${f}(...args);`)]);
// The network engine's code (networks, their configs' checks, bound data:
// actlab-engine.js) is for the widgets that train, which also load the full
// core: the page's first view has neither (it runs on the activation-only
// module). The stand-in's bindings are filled in by engineReady(), which
// imports the real module (a chunk of its own; inline code in a single file,
// which has no stand-in). Until then lab.createNetwork and the like say to
// await it; the page's app does.
const ENGINE_FILE = /[\\/]actlab-engine\.js$/;
const ENGINE_BINDINGS = ['Network', 'BoundData', 'createNetwork', 'networkFromJSON', 'bindData'];
const { MAX_TRAIN_BYTES } = await import(`${WEB}lib/actlab-network.js`);
const lazyEngine = standIn('actlab-lazy-engine', ENGINE_FILE, [
  `export let ${ENGINE_BINDINGS.map((b) => `${b} = null`).join(', ')};`,
  `export const MAX_TRAIN_BYTES = ${MAX_TRAIN_BYTES};`,
  ...loadOnce('engineReady', './actlab-engine.js', `({ ${ENGINE_BINDINGS.join(', ')} } = m);`)]);
// The CSV reader (actlab-csv.js, 2 KB gzipped) comes with the playground,
// whose own import of it (web/app/pgdata.js) is in the playground's chunk:
// actlab.js, in the first view, gets a stand-in whose parseCSV says where the
// reader is (the page never calls lab.parseCSV); its limits are the real
// ones, written here.
const CSV_FILE = /[\\/]actlab-csv\.js$/;
const { CSV_LIMITS, CSV_REASONS } = await import(`${WEB}lib/actlab-csv.js`);
const lazyCSV = standIn('actlab-csv-stand-in', CSV_FILE, [
  "import { ActLabError } from './actlab-base.js';",
  `export const CSV_LIMITS = Object.freeze(${JSON.stringify(CSV_LIMITS)});`,
  `export const CSV_REASONS = Object.freeze(${JSON.stringify(CSV_REASONS)});`,
  'export function parseCSV() {',
  "  throw new ActLabError('not_loaded', 'parseCSV: in the page\\'s bundle the CSV reader comes with the playground; ' +",
  "    'import parseCSV from actlab-csv.js, or use the module web/lib/actlab.js');",
  '}'], { importer: /[\\/]actlab\.js$/ });
// Nor does the Worker need the digit images: the page sends the rows it trains on.
const noDigits = standIn('actlab-no-digits', DIGITS_FILE, [
  'export const DIGITS = null;',
  "export const loadDigits = () => Promise.reject(new Error('the training Worker has no digit images'));"]);
// The dictionaries in parts (web/app/lang/parts.js): the page's loaders
// (lang/loaders.js) become ones that fetch a part each, made here from
// lang/en.js and lang/zh.js (chunks actlab-page-en-core-HASH.js and the like).
const { PARTS, pick } = await import(`${WEB}app/lang/parts.js`);
const { BOOT } = await import(`${WEB}app/lang/boot.js`);
const DICTS = { en: (await import(`${WEB}app/lang/en.js`)).default, zh: (await import(`${WEB}app/lang/zh.js`)).default };
const langParts = {
  name: 'actlab-lang-parts',
  setup(b) {
    b.onResolve({ filter: /[\\/]lang[\\/]loaders\.js$/ }, () => ({ path: 'loaders', namespace: 'actlab-lang' }));
    b.onResolve({ filter: /^actlab-lang:/ }, (args) => ({ path: args.path.slice('actlab-lang:'.length), namespace: 'actlab-lang' }));
    b.onLoad({ filter: /.*/, namespace: 'actlab-lang' }, (args) => {
      if (args.path === 'loaders') {
        const loader = (lang) => `${lang}: (part) => ({ ${PARTS.map((p) => `${JSON.stringify(p)}: () => import('actlab-lang:${lang}-${p}')`).join(', ')} })[part]().then((m) => m.default)`;
        return { loader: 'js', contents: `export const LOADERS = { ${Object.keys(DICTS).map(loader).join(', ')} };` };
      }
      const [lang, part] = args.path.split('-');
      // The boot strings are in the bundle already (lang/boot.js, both languages): not again in a part.
      const strings = Object.fromEntries(Object.entries(pick(DICTS[lang], part)).filter(([key]) => !Object.hasOwn(BOOT[lang], key)));
      return { loader: 'js', contents: `export default ${JSON.stringify(strings)};`,
        watchFiles: [`${WEB}app/lang/${lang}.js`] };
    });
  },
};
// The page and the tutorial load in parts: the first view's code, and the
// other widgets and the images as further files next to it (esbuild's
// chunks: one actlab-page-chunk-HASH.js with the first view's code, imported
// by the entry, and others with the code later widgets share;
// actlab-page-digits-HASH.js and the others, each a widget;
// actlab-page-actlab-digits-HASH.js, the images). Old chunks are removed first.
for (const f of readdirSync(`${WEB}lib`)) {
  if (/^actlab-(?:page|tutorial)-.*\.js$/.test(f)) rmSync(`${WEB}lib/${f}`);
}
const split = (name) => ({ splitting: true, outdir: `${WEB}lib`, entryNames: name, chunkNames: `${name}-[name]-[hash]` });
// The first view in one chunk. esbuild puts the modules that the same set of
// entries reaches (the page's entry and each module it imports later: a lazy
// widget, the engine, the code writer...) in one chunk: the first view's
// code came as the entry and six chunks, one per set of later modules that
// share a part of it, and each module fetched costs the first chart about
// 5 ms here (docs/performance.md). So every later module (found by a first
// build, thrown away) also re-exports the first view's root module (rootName,
// one of its exports: a bare import would be dropped, the package having no
// side effects), which has run by then: the first view's modules then share
// one set of entries.
async function splitBuild(name, entry, [root, rootName], plugins) {
  const options = { ...common, ...split(name), metafile: true, entryPoints: [entry] };
  const first = await build({ ...options, plugins, write: false });
  const later = new Set(Object.values(first.metafile.outputs).map((o) => o.entryPoint)
    .filter((e) => e && /^[^:]+\.js$/.test(e)).map((e) => resolve(e)).filter((e) => e !== entry));
  const rooted = {
    name: 'actlab-first-view-root',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, (args) => (later.has(args.path)
        ? { loader: 'js', resolveDir: dirname(args.path), contents: `export { ${rootName} as actlabFirstView } from ${JSON.stringify(root)};\n${read(args.path)}` } : undefined));
    },
  };
  return build({ ...options, plugins: [...plugins, rooted] });
}
const pageBuild = await splitBuild('actlab-page', `${WEB}app/page-main.js`, [`${WEB}app/app.js`, 'startApp'],
  [lazyDigits, lazyExporter, lazyEngine, lazyCSV, langParts]);

// actlab:docs -> {en: {chapter: text}, zh: {...}} for every chapter, read from docs/.
const { CHAPTERS } = await import(`${WEB}app/chapters.js`);
const docsPlugin = {
  name: 'actlab-docs',
  setup(b) {
    b.onResolve({ filter: /^actlab:docs$/ }, () => ({ path: 'docs', namespace: 'actlab' }));
    b.onLoad({ filter: /.*/, namespace: 'actlab' }, () => {
      const docs = {};
      const files = [];
      for (const lang of ['en', 'zh']) {
        docs[lang] = {};
        for (const id of CHAPTERS) {
          const file = `${ROOT}docs/${lang}/${id}.md`;
          docs[lang][id] = read(file);
          files.push(file);
        }
      }
      return { contents: `export default ${JSON.stringify(docs)};`, loader: 'js', watchFiles: files };
    });
  },
};
const tutorialBuild = await splitBuild('actlab-tutorial', `${WEB}app/tutorial-page.js`, [`${WEB}app/tutorial-main.js`, 'startTutorial'],
  [docsPlugin, lazyDigits, lazyExporter, lazyEngine, lazyCSV, langParts]);

// The served pages, from their sources in web/pages/: where a page
// modulepreloads its entry, a line there gets the links to every file the
// entry imports (its chunks, found in esbuild's metafile), so the browser
// fetches them beside the entry instead of after reading it (the first
// chart came in 0.79 of the time on localhost, 0.93 on a slow connection).
// The chunks' names change with their contents, hence pages written here.
function staticImports(metafile, entry) {
  const outputs = Object.fromEntries(Object.entries(metafile.outputs).map(([path, o]) => [path.split('/').pop(), o]));
  const seen = new Set();
  const visit = (file) => {
    for (const i of outputs[file].imports) {
      const name = i.path.split('/').pop();
      if (i.kind === 'import-statement' && !seen.has(name)) {
        seen.add(name);
        visit(name);
      }
    }
  };
  visit(entry);
  return [...seen].sort();
}
const PRELOADS = { 'actlab-page.js': staticImports(pageBuild.metafile, 'actlab-page.js'),
  'actlab-tutorial.js': staticImports(tutorialBuild.metafile, 'actlab-tutorial.js') };
// The strings each entry shows first, by language ("en:lib/file,lib/file zh:…"):
// the boot check fetches the shown language's (the script tag's data-strings)
// before the page's code runs; the chunk of part P in language L is the one
// esbuild made for the module actlab-lang:L-P.
function stringFiles(metafile, parts) {
  const chunks = Object.entries(metafile.outputs).filter(([, o]) => o.entryPoint?.startsWith('actlab-lang:'))
    .map(([path, o]) => [o.entryPoint.slice('actlab-lang:'.length), `lib/${path.split('/').pop()}`]);
  const byModule = Object.fromEntries(chunks);
  return Object.keys(DICTS).map((lang) => `${lang}:${parts.map((part) => {
    const file = byModule[`${lang}-${part}`];
    if (!file) throw new Error(`build-page: no chunk for the ${lang} strings of part ${part}`);
    return file;
  }).join(',')}`).join(' ');
}
const STRINGS = { 'actlab-page.js': stringFiles(pageBuild.metafile, ['core']),
  'actlab-tutorial.js': stringFiles(tutorialBuild.metafile, ['core', 'tutorial']) };
for (const page of ['index.html', 'tutorial.html', 'embed.html']) {
  const source = read(`${WEB}pages/${page}`);
  const marker = /^<link rel="modulepreload" href="lib\/([a-z-]+\.js)">\n<!-- the files it imports[^\n]*-->\n/m;
  const found = source.match(marker);
  if (!found || !PRELOADS[found[1]]) throw new Error(`build-page: web/pages/${page} has no modulepreload line for the page's entry with the marker after it`);
  // (The sources' comment lines are for their readers, not shipped.)
  const bootCheck = /<script src="lib\/actlab-boot-check\.js"/;
  if (!bootCheck.test(source)) throw new Error(`build-page: web/pages/${page} has no boot check script`);
  writeFileSync(`${WEB}${page}`, source.replace(marker, () => `<link rel="modulepreload" href="lib/${found[1]}">\n` +
    PRELOADS[found[1]].map((f) => `<link rel="modulepreload" href="lib/${f}">\n`).join(''))
    .replace(bootCheck, (tag) => `${tag} data-strings="${STRINGS[found[1]]}"`).replace(/^<!--[^\n]*-->\n/gm, ''));
}
// The served pages' classic script that reports a page that cannot start
// (web/app/boot-check.js), minified: it is in the first view.
await build({ ...common, format: 'iife', entryPoints: [`${WEB}app/boot-check.js`], outfile: `${WEB}lib/actlab-boot-check.js` });
// The Worker always receives the module's bytes, so actlab.js never needs its
// own URL there; import.meta.url becomes the script's address all the same.
// It has neither the code writer nor the images (noExporter, noDigits above).
await build({ ...common, format: 'iife', define: { 'import.meta.url': 'self.location.href' }, plugins: [noExporter, noDigits],
  entryPoints: [`${WEB}app/trainer-worker.js`], outfile: `${WEB}lib/actlab-worker.js` });
// Inside an inline <script>, the text "</script" would end it early.
const inlineSafe = (code) => code.replace(/<\/(script)/gi, '<\\/$1');

const workerScript = inlineSafe(read(`${WEB}lib/actlab-worker.js`));
const base64 = (file) => readFileSync(`${WEB}lib/${file}`).toString('base64');
const icon = `data:image/svg+xml;base64,${Buffer.from(read(`${WEB}favicon.svg`)).toString('base64')}`;

// One HTML page with its stylesheet, icon, Wasm modules, Worker and code inlined.
async function singleFile(page, entry, out, plugins = []) {
  const bundle = await build({ ...common, plugins, entryPoints: [`${ROOT}tools/${entry}`], write: false });
  const script = inlineSafe(bundle.outputFiles[0].text);
  let html = read(`${WEB}${page}`);
  const replaceOnce = (pattern, replacement, what) => {
    if (!pattern.test(html)) throw new Error(`build-page: ${page} has no ${what}`);
    html = html.replace(pattern, () => replacement);
  };
  // The page's stylesheets inline, and the widgets' (which the served page adds when a widget loads) after them.
  replaceOnce(/<link rel="stylesheet" href="app\/app.css">/, `<style>\n${read(`${WEB}app/app.css`)}</style>\n` +
    `<style data-widget-styles>\n${read(`${WEB}app/widgets.css`)}</style>`, 'stylesheet link');
  html = html.replace(/<link rel="stylesheet" href="app\/([a-z]+\.css)">/g, (_, file) => `<style>\n${read(`${WEB}app/${file}`)}</style>`);
  replaceOnce(/<link rel="icon" href="favicon.svg"[^>]*>/, `<link rel="icon" href="${icon}" type="image/svg+xml">`, 'icon link');
  html = html.replace(/^<!--[^\n]*preload[^\n]*-->\n/m, '').replace(/^<link rel="(?:modulepreload|preload)"[^\n]*\n/gm, '');
  html = html.replace(/^[ \t]*<[a-z]+ [^\n]*data-served-only[^\n]*\n/gm, '');
  replaceOnce(/<script type="module" src="[^"]+"><\/script>/,
    `<script type="application/octet-stream" id="actlab-wasm">${base64('actlab_core.wasm')}</script>\n` +
    `<script type="application/octet-stream" id="actlab-wasm-simd">${base64('actlab_core_simd.wasm')}</script>\n` +
    `<script type="text/plain" id="actlab-worker">${workerScript}</script>\n` +
    `<script type="module">\n${script}</script>`, 'module script');
  if (/(?:src|href)="(?!data:|#|https?:)[^"]+"/.test(html.replace(/<script type="module">[\s\S]*<\/script>/, ''))) {
    throw new Error(`build-page: ${out} still refers to another file`);
  }
  writeFileSync(`${WEB}${out}`, html);
}

await singleFile('index.html', 'offline-entry.mjs', 'actlab-offline.html', [lazyDigits]);
await singleFile('tutorial.html', 'offline-tutorial-entry.mjs', 'actlab-tutorial-offline.html', [docsPlugin, lazyDigits]);
