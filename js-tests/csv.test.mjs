// lab.parseCSV (web/lib/actlab-csv.js, issue 22): the attacks that used to
// lose lines without a word (labels out of range, targets over 1e6, rows past
// the cap) and the 160,000-row file that overflowed the stack, each with the
// lines it must name; the options; and a seeded fuzz whose invariant is that
// every line is accounted for: a point, a problem, or a blank, comment or
// header line, never dropped.
import { loadActLab, parseCSV, CSV_LIMITS, CSV_REASONS, ActLabError } from '../web/lib/actlab.js';
import { DICTIONARIES } from '../web/app/lang/index.js';

let lab;
beforeAll(async () => {
  lab = await loadActLab({ core: 'activations' });
});

const reasons = (r) => r.problems.map((p) => [p.line, p.reason]);

test('the issue\'s file: labels 5 and 0.5 of a binary task are problems on their lines, not dropped', () => {
  const text = '1,2,0\n3,4,1\n-1,2,5\n2,2,0.5\n';
  const asked = lab.parseCSV(text, { task: 'binary' });
  expect(asked.rows).toBe(2);
  expect(reasons(asked)).toEqual([[3, 'label'], [4, 'label']]);
  expect(asked.problems[0].message).toBe('line 3: the label 5 is not a class (0 to 1)');
  expect(Array.from(asked.lines)).toEqual([1, 2]);
  // Said by the file itself: the same.
  const declared = lab.parseCSV(`# actlab points: task=binary\n${text}`);
  expect(reasons(declared)).toEqual([[4, 'label'], [5, 'label']]);
  // Said by nobody: 0.5 makes the labels numbers to predict, and every row is used.
  const inferred = lab.parseCSV(text);
  expect([inferred.task, inferred.rows, inferred.problems]).toEqual(['regression', 4, []]);
  // ... and says which row decided it (0.5 on line 4; 5 alone is a class), so a reader can check.
  expect(inferred.decidedBy).toEqual({ line: 4, label: 0.5 });
  expect(lab.parseCSV('1,2,0\n3,4,1\n-1,2,5\n').decidedBy).toEqual({ line: 3, label: 5 }); // 6 classes, because of the 5
  expect(lab.parseCSV('1,2,0\n3,4,1\n').decidedBy).toBeNull(); // binary: nothing to check
  expect(asked.decidedBy).toBeNull();
  expect(declared.decidedBy).toBeNull();
  // A regression target beyond 1e6 in size is a problem too.
  const big = lab.parseCSV('1,1,0.5\n1,1,2e6\n', { task: 'regression' });
  expect(reasons(big)).toEqual([[2, 'value']]);
  expect(big.problems[0].message).toContain('2000000');
});

test('rows past the cap are problems, each with its line; 160,000 rows read without a stack overflow', () => {
  const rows = (n, label = (i) => i % 2) => Array.from({ length: n }, (_, i) => `${i % 10},${i % 7},${label(i)}`).join('\n');
  const r = lab.parseCSV(`x1,x2,label\n${rows(2500)}`);
  expect(r.rows).toBe(CSV_LIMITS.rows);
  expect(r.problems).toHaveLength(500);
  expect(r.problems.every((p) => p.reason === 'tooMany')).toBe(true);
  expect([r.problems[0].line, r.problems.at(-1).line]).toEqual([2002, 2501]);
  const text = rows(160000, (i) => i % 5); // 960,000 characters, as in the issue
  expect(text.length).toBeLessThan(CSV_LIMITS.chars);
  const huge = lab.parseCSV(text);
  expect([huge.task, huge.classes, huge.rows, huge.problems.length]).toEqual(['multiclass', 5, 2000, 158000]);
});

test('the file\'s task line: only before the points, and only in its form', () => {
  const r = lab.parseCSV('1,1,0\n# actlab points: task=regression\n2,2,1\n');
  expect(reasons(r)).toEqual([[2, 'declaration']]);
  expect(r.task).toBe('binary');
  const bad = lab.parseCSV('# actlab points: task=ranking\n1,1,0\n');
  expect(reasons(bad)).toEqual([[1, 'task']]);
  const classes = lab.parseCSV('# actlab points: task=multiclass classes=12\n1,1,0\n');
  expect(reasons(classes)).toEqual([[1, 'classes']]);
  // The caller's task wins over the file's.
  expect(lab.parseCSV('# actlab points: task=binary\n1,1,2\n', { task: 'multiclass', classes: 3 }).rows).toBe(1);
});

test('bad arguments are refused by name', () => {
  const code = (f) => {
    try {
      f();
    } catch (e) {
      return e instanceof ActLabError ? e.code : e.constructor.name;
    }
    return 'accepted';
  };
  expect(code(() => lab.parseCSV(42))).toBe('TypeError');
  expect(code(() => lab.parseCSV('1,1,0', { task: 'nope' }))).toBe('invalid_param');
  expect(code(() => lab.parseCSV('1,1,0', { task: 'binary', classes: 3 }))).toBe('invalid_param');
  expect(code(() => lab.parseCSV('1,1,0', { task: 'multiclass', classes: 9 }))).toBe('invalid_param');
  expect(code(() => lab.parseCSV('1,1,0', { classes: 3 }))).toBe('invalid_param');
  expect(code(() => lab.parseCSV('1,1,0', { taks: 'binary' }))).toBe('invalid_param');
  expect(code(() => lab.parseCSV('x'.repeat(CSV_LIMITS.chars + 1)))).toBe('bad_size');
  // A hostile option getter: read once, its error passes through, nothing half-done.
  const hostile = { get task() { throw new Error('getter'); } };
  expect(() => lab.parseCSV('1,1,0', hostile)).toThrow('getter');
  // The standalone export is the same function, with no module loaded.
  expect(parseCSV('1,1,1\n2,2,0\n')).toEqual(lab.parseCSV('1,1,1\n2,2,0\n'));
});

test('every reason has a message in both of the page\'s languages', () => {
  for (const reason of CSV_REASONS) {
    for (const lang of ['en', 'zh']) expect(DICTIONARIES[lang][`pg.csv.${reason}`]).toEqual(expect.any(String));
  }
});

// A small seeded generator (mulberry32), so a failure names a seed that reproduces it.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['0', '1', '2', '7', '-3.5', '1e3', '1e400', '-0', '.5', 'NaN', 'abc', '', ' ', '9.99', '10', '10.01',
  'train', 'test', 'TEST', 'validate', '0x1', '+4', '1e-320', '3,', '"1"', 'Infinity', '１'];
function fuzzLine(next) {
  const r = next();
  if (r < 0.05) return '';
  if (r < 0.08) return `# ${PIECES[Math.floor(next() * PIECES.length)]}`;
  if (r < 0.11) return `# actlab points: task=${['binary', 'multiclass classes=3', 'regression', 'x', 'multiclass classes=99'][Math.floor(next() * 5)]}`;
  const n = 1 + Math.floor(next() * 5);
  const seps = [',', ';', '\t', ', '];
  const sep = seps[Math.floor(next() * seps.length)];
  return Array.from({ length: n }, () => PIECES[Math.floor(next() * PIECES.length)]).join(sep);
}

test('seeded fuzz: every line is a point, a problem, or not data; the points keep every rule', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = rng(seed);
    const lines = Array.from({ length: 1 + Math.floor(next() * 60) }, () => fuzzLine(next));
    const newline = ['\n', '\r\n', '\r'][seed % 3];
    const options = [undefined, { task: 'binary' }, { task: 'multiclass' }, { task: 'regression' }][seed % 4];
    const r = lab.parseCSV(lines.join(newline), options);
    const context = `seed ${seed}`;
    const used = new Set(r.lines);
    const problems = new Set(r.problems.map((p) => p.line));
    expect([context, used.size, problems.size]).toEqual([context, r.rows, r.problems.length]);
    // Not data: blank lines and comments. Neither a point nor a problem: at most the header line
    // (the first line of words) and the accepted "# actlab points:" line, each at most once.
    const neither = [];
    lines.forEach((text, i) => {
      const line = i + 1;
      const t = text.trim();
      const data = t !== '' && !(t.startsWith('#') && !/^#\s*actlab points:/i.test(t));
      const where = (used.has(line) ? 1 : 0) + (problems.has(line) ? 1 : 0);
      if (data && where === 0) neither.push(t.startsWith('#') ? 'declaration' : 'header');
      else expect([context, line, where]).toEqual([context, line, data ? 1 : 0]);
    });
    expect([context, neither.filter((k) => k === 'header').length <= 1, neither.filter((k) => k === 'declaration').length <= 1])
      .toEqual([context, true, true]);
    expect([...r.problems.map((p) => p.line)]).toEqual([...r.problems.map((p) => p.line)].sort((a, b) => a - b));
    for (let i = 0; i < r.rows; i++) {
      const [x1, x2, y] = [r.inputs[2 * i], r.inputs[2 * i + 1], r.labels[i]];
      expect(Math.abs(x1) <= CSV_LIMITS.coordinate && Math.abs(x2) <= CSV_LIMITS.coordinate).toBe(true);
      if (r.task === 'regression') expect(Math.abs(y) <= CSV_LIMITS.target).toBe(true);
      else expect(Number.isInteger(y) && y >= 0 && y < r.classes).toBe(true);
      expect([null, 'train', 'test']).toContain(r.splits[i]);
    }
    for (const p of r.problems) {
      expect(CSV_REASONS).toContain(p.reason);
      expect(p.message.startsWith(`line ${p.line}: `)).toBe(true);
      expect(p.message.length).toBeLessThan(200);
    }
    // The same text reads the same way again.
    expect(lab.parseCSV(lines.join(newline), options)).toEqual(r);
  }
});
