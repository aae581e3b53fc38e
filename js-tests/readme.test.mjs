// The README stays true to the code: its first lines are the two commands,
// its JavaScript example runs and prints exactly the output it shows, and the
// files and scripts it names exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ROOT } from './helpers.mjs';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

test('the first lines give the serve command and the test command', () => {
  const lines = readme.split('\n').slice(0, 5).join('\n');
  expect(lines).toMatch(/^ {4}\.\/scripts\/serve\.sh\b/m);
  expect(lines).toMatch(/^ {4}\.\/scripts\/test\.sh\b/m);
  expect(existsSync(`${ROOT}/scripts/serve.sh`)).toBe(true);
  expect(existsSync(`${ROOT}/scripts/test.sh`)).toBe(true);
  expect(readFileSync(`${ROOT}/.ci/run`, 'utf8')).toMatch(/scripts\/test\.sh/);
});

test('the JavaScript example prints what the README says', () => {
  const section = readme.slice(readme.indexOf('## JavaScript API'));
  const code = section.match(/```js\n([\s\S]*?)```/)[1];
  const expected = section.match(/```text\n([\s\S]*?)```/)[1];
  const file = `${ROOT}/.readme-example-${process.pid}.mjs`;
  writeFileSync(file, code);
  try {
    const out = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe(expected);
  } finally {
    rmSync(file, { force: true });
  }
});

test('paths named in the README exist', () => {
  for (const path of ['src/actlab.h', 'web/lib/actlab.js', 'web/lib/actlab.d.ts', 'docs/api.md',
    'docs/performance.md', 'tools/gen_reference.py', 'bench/run.sh', 'js-tests/api.test.mjs',
    'bench/plain.mjs', 'tests/reference']) {
    expect(readme).toContain(path);
    expect(existsSync(`${ROOT}/${path}`)).toBe(true);
  }
});
