// The TypeScript declarations: they type-check the documented usage under
// --strict, and they declare every method the module really has.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as api from '../web/lib/actlab.js';
import { ROOT } from './helpers.mjs';

test('actlab.d.ts accepts the documented usage and rejects misuse (tsc --strict)', () => {
  const tsc = `${ROOT}/node_modules/typescript/bin/tsc`;
  const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022',
    '--moduleResolution', 'bundler', '--allowJs', 'false', `${ROOT}/js-tests/types/usage.ts`];
  let output = '';
  try {
    execFileSync(process.execPath, args, { encoding: 'utf8' });
  } catch (err) {
    output = `${err.stdout}${err.stderr}`;
  }
  expect(output).toBe('');
}, 60000);

test('every export and every ActLab method is declared', async () => {
  const dts = readFileSync(`${ROOT}/web/lib/actlab.d.ts`, 'utf8');
  for (const name of Object.keys(api)) {
    expect(dts).toMatch(new RegExp(`export (class|function|const) ${name}\\b`));
  }
  const lab = await api.loadActLab();
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(lab)).filter((m) => m !== 'constructor');
  for (const m of methods) expect(dts).toMatch(new RegExp(`\\n  ${m}\\(`));
  // Network's methods, each declared inside `class Network`.
  const net = lab.createNetwork({ layers: [2, 1] });
  const body = dts.slice(dts.indexOf('export class Network'));
  const netMethods = Object.getOwnPropertyNames(api.Network.prototype).filter((m) => m !== 'constructor');
  expect(netMethods.length).toBeGreaterThan(10);
  for (const m of netMethods) {
    const getter = Object.getOwnPropertyDescriptor(api.Network.prototype, m).get;
    expect(body).toMatch(new RegExp(getter ? `\\n  readonly ${m}:` : `\\n  ${m}\\(`));
  }
  for (const key of Object.keys(net)) expect(body).toMatch(new RegExp(`\\n  readonly ${key}:`));
  net.dispose();
  expect(dts).toMatch(/readonly activations:/);
  for (const a of lab.activations) expect(dts).toContain(`'${a.name}'`);
});
