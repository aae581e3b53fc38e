// The npm package (issue 22): `npm pack` gives a tarball under 400 KB with
// only the module, its types and the Wasm; it installs offline into an empty
// project, where `import { loadActLab } from 'actlab'` works in Node, through
// esbuild (for Node, run here, and for the browser, built), and TypeScript
// finds the types (a wrong call is an error, so they are not `any`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadActLab } from '../web/lib/actlab.js';
import { ROOT } from './helpers.mjs';

let dir;
let tarball;
let packed;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'actlab-pack-'));
  const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  [packed] = JSON.parse(pack.stdout);
  tarball = join(dir, packed.filename);
  const project = join(dir, 'project');
  spawnSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'course-site', private: true, type: 'module' }));
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    { cwd: project, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm install --offline failed: ${install.stderr}`);
}, 120000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const project = () => join(dir, 'project');
const node = (file) => spawnSync(process.execPath, [file], { cwd: project(), encoding: 'utf8' });

test('the tarball is small and holds the module, its types, the Wasm and the licence, nothing else', () => {
  expect(packed.size).toBeLessThan(400 * 1024);
  const files = packed.files.map((f) => f.path).sort();
  expect(files).toContain('web/lib/actlab.js');
  expect(files).toContain('web/lib/actlab.d.ts');
  expect(files).toContain('LICENSE');
  for (const wasm of ['actlab_core.wasm', 'actlab_core_simd.wasm', 'actlab_activations.wasm']) expect(files).toContain(`web/lib/${wasm}`);
  // No page bundles, Worker, precompressed copies, sources or tests.
  expect(files.filter((f) => /actlab-(page|tutorial|worker|boot)|\.(br|gz)$|^(src|js-tests|tools|docs)\//.test(f))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(project(), 'node_modules/actlab/package.json'), 'utf8'));
  expect(manifest.private).toBeUndefined();
  expect(manifest.exports['.'].types).toBe('./web/lib/actlab.d.ts');
});

test('installed offline, it loads in Node and computes what the repository\'s module computes', async () => {
  writeFileSync(join(project(), 'use.mjs'), [
    "import { loadActLab, parseCSV } from 'actlab';",
    'const lab = await loadActLab();',
    'const small = await loadActLab({ core: "activations" });',
    "const net = lab.createNetwork({ layers: [2, 4, 1], seed: 5 });",
    'console.log(JSON.stringify({ gelu: Array.from(lab.evaluate("gelu", [-1, 0.5])), small: Array.from(small.evaluate("gelu", [-1, 0.5])),',
    '  out: Array.from(net.predict([[1, 2]])), rows: parseCSV("1,1,0\\n2,2,1\\n").rows }));',
  ].join('\n'));
  const run = node('use.mjs');
  expect(run.stderr).toBe('');
  const here = await loadActLab();
  const net = here.createNetwork({ layers: [2, 4, 1], seed: 5 });
  expect(JSON.parse(run.stdout)).toEqual({ gelu: Array.from(here.evaluate('gelu', [-1, 0.5])),
    small: Array.from(here.evaluate('gelu', [-1, 0.5])), out: Array.from(net.predict([[1, 2]])), rows: 2 });
  net.dispose();
}, 30000);

test('through esbuild: a Node bundle runs with the Wasm it copied, and a browser bundle builds', async () => {
  writeFileSync(join(project(), 'entry.mjs'), [
    "import { loadActLab } from 'actlab';",
    "import wasm from 'actlab/actlab_core.wasm';",
    'const lab = await loadActLab({ wasmUrl: new URL(wasm, import.meta.url) });',
    'console.log(JSON.stringify(Array.from(lab.evaluate("relu", [-2, 3]))));',
  ].join('\n'));
  const out = join(project(), 'dist');
  await build({ entryPoints: [join(project(), 'entry.mjs')], bundle: true, format: 'esm', platform: 'node', outdir: out,
    loader: { '.wasm': 'file' }, logLevel: 'silent', absWorkingDir: project() });
  const run = node(join(out, 'entry.js'));
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([0, 3]);
  // For a page: no node: module to resolve, nothing to mark external.
  const web = await build({ entryPoints: [join(project(), 'entry.mjs')], bundle: true, format: 'esm', platform: 'browser',
    outdir: join(project(), 'web'), loader: { '.wasm': 'file' }, logLevel: 'silent', absWorkingDir: project(), metafile: true });
  expect(web.errors).toEqual([]);
  expect(Object.keys(web.metafile.outputs).some((f) => f.endsWith('.wasm'))).toBe(true);
}, 30000);

test('TypeScript finds the types: a right call compiles, a wrong one is an error', () => {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  expect(existsSync(tsc)).toBe(true);
  writeFileSync(join(project(), 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16',
    target: 'es2022', strict: true, noEmit: true, skipLibCheck: false } }));
  writeFileSync(join(project(), 'good.mts'), [
    "import { loadActLab, type ActLab } from 'actlab';",
    'const lab: ActLab = await loadActLab();',
    "const y: Float64Array = lab.evaluate('relu', [1, 2]);",
    "const points = lab.parseCSV('1,1,0', { task: 'binary' });",
    'const n: number = points.rows + y.length;',
    'export { n };',
  ].join('\n'));
  const good = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: project(), encoding: 'utf8' });
  expect(good.stdout + good.stderr).toBe('');
  expect(good.status).toBe(0);
  writeFileSync(join(project(), 'bad.mts'), [
    "import { loadActLab } from 'actlab';",
    'const lab = await loadActLab();',
    "const s: string = lab.evaluate('relu', [1]);",
    'export { s };',
  ].join('\n'));
  const bad = spawnSync(process.execPath, [tsc, '-p', '.'], { cwd: project(), encoding: 'utf8' });
  expect(bad.status).not.toBe(0);
  expect(bad.stdout).toMatch(/bad\.mts.*Float64Array.*string/);
}, 60000);
