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

// Every ```js block is followed by a ```text block with exactly what it prints.
const examples = [...readme.matchAll(/```js\n([\s\S]*?)```[\s\S]*?```text\n([\s\S]*?)```/g)];

test('the README has its JavaScript examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(2);
});

test.each(examples.map((m, i) => [i + 1, m[1], m[2]]))('JavaScript example %i prints what the README says',
  (_, code, expected) => {
    const file = `${ROOT}/.readme-example-${process.pid}.mjs`;
    writeFileSync(file, code);
    try {
      const out = execFileSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
      expect(out).toBe(expected);
    } finally {
      rmSync(file, { force: true });
    }
  }, 30000);

test('paths named in the README exist', () => {
  for (const path of ['src/actlab.h', 'web/lib/actlab.js', 'web/lib/actlab.d.ts', 'docs/api.md',
    'docs/performance.md', 'tools/gen_reference.py', 'bench/run.sh', 'js-tests/api.test.mjs',
    'bench/plain.mjs', 'tests/reference']) {
    expect(readme).toContain(path);
    expect(existsSync(`${ROOT}/${path}`)).toBe(true);
  }
});
