// The playground's CSV import and export (web/app/pgdata.js): a round trip
// through the engine's own datasets, and hand-written broken files whose
// bad lines we know by number.
import { loadActLab } from '../web/lib/actlab.js';
import { importCSV, exportCSV, inferTask, MAX_POINTS } from '../web/app/pgdata.js';

let lab;
beforeAll(async () => {
  lab = await loadActLab();
});

test('every dataset survives export -> import bit for bit, split included', () => {
  for (const info of lab.datasets.filter((d) => d.inputs === 2)) { // the playground's 2-D sets
    const all = lab.makeDataset(info.name, { count: 101, noise: 0.3, seed: 7 });
    const data = lab.splitDataset(all, { testFraction: 0.3, seed: 3 });
    const back = importCSV(exportCSV(info, data));
    expect([info.name, back.task, back.classes, back.problems]).toEqual([info.name, info.task, info.classes, []]);
    expect(back.inputs).toEqual([...data.train.inputs, ...data.test.inputs]);
    expect(back.labels).toEqual([...data.train.labels, ...data.test.labels]);
    expect(back.splits).toEqual([...Array(data.train.labels.length).fill('train'), ...Array(data.test.labels.length).fill('test')]);
  }
});

test('a malformed file reports each bad line by number and keeps the good ones', () => {
  const text = [
    'x1,x2,label', // 1: header
    '0.5,1,1', // 2
    '', // 3: blank
    '1,2', // 4: too few values
    'abc,2,0', // 5: not a number
    '10.5,0,1', // 6: outside the accepted square ±10
    '-1;-2;0', // 7: semicolons are fine
    '1,1,1,validate', // 8: bad split
    '2,2,NaN', // 9: label not a number
    '# a comment', // 10
    '3\t-3\t0\ttest', // 11: tabs, test split
    '1,1,1,train,extra', // 12: too many values
    '0x10,1,1', // 13: hex is not a number here
    '1e400,1,1', // 14: overflows to infinity -> outside the square
  ].join('\r\n');
  const r = importCSV(text);
  expect(r.problems.map((p) => [p.line, p.key])).toEqual([
    [4, 'pg.csv.columns'], [5, 'pg.csv.number'], [6, 'pg.csv.range'], [8, 'pg.csv.split'], [9, 'pg.csv.number'],
    [12, 'pg.csv.columns'], [13, 'pg.csv.number'], [14, 'pg.csv.range'],
  ]);
  expect(r.skipped).toBe(8);
  expect(r.problems[1].vars).toEqual({ line: 5, column: 'x1', text: 'abc' });
  expect({ task: r.task, inputs: r.inputs, labels: r.labels, splits: r.splits }).toEqual({
    task: 'binary', inputs: [0.5, 1, -1, -2, 3, -3], labels: [1, 0, 0], splits: [null, null, 'test'],
  });
});

test('labels: inferred when the file does not say, checked when it does', () => {
  expect(inferTask([0, 1, 1])).toEqual({ task: 'binary', classes: 2 });
  expect(inferTask([0, 4, 1])).toEqual({ task: 'multiclass', classes: 5 });
  expect(inferTask([0, 8])).toEqual({ task: 'regression', classes: 0 });
  expect(inferTask([0, 0.5])).toEqual({ task: 'regression', classes: 0 });
  expect(inferTask([])).toEqual({ task: 'regression', classes: 0 });
  // Declared binary: a 2 is a bad label, reported on its line.
  const r = importCSV('# actlab points: task=binary\n1,1,1\n1,1,2\n1,1,0.5\n');
  expect(r.problems.map((p) => [p.line, p.key, p.vars.text])).toEqual([[3, 'pg.csv.label', '2'], [4, 'pg.csv.label', '0.5']]);
  expect(r.labels).toEqual([1]);
  // Declared multi-class with a bad class count: reported, then inferred.
  const bad = importCSV('# actlab points: task=multiclass classes=12\n1,1,2\n');
  expect(bad.problems.map((p) => [p.line, p.key])).toEqual([[1, 'pg.csv.classes']]);
  expect(bad.task).toBe('multiclass');
  // Regression values may be any size up to 1e6.
  expect(importCSV('1,1,-0.25\n1,1,2e6').problems.map((p) => [p.line, p.key])).toEqual([[2, 'pg.csv.value']]);
});

test('at most MAX_POINTS points are read; the rest are reported, garbage line by line', () => {
  const many = Array.from({ length: MAX_POINTS + 3 }, (_, i) => `${(i % 21) - 10},0,${i % 2}`).join('\n');
  const r = importCSV(many);
  expect(r.labels.length).toBe(MAX_POINTS);
  expect(r.problems.map((p) => [p.line, p.key])).toEqual([MAX_POINTS + 1, MAX_POINTS + 2, MAX_POINTS + 3]
    .map((line) => [line, 'pg.csv.tooMany']));
  const junk = importCSV('garbage\n'.repeat(5000));
  expect(junk.labels).toEqual([]);
  expect(junk.skipped).toBe(4999); // the first line is taken for a header
  expect(junk.problems.map((p) => p.line)).toEqual(Array.from({ length: 4999 }, (_, i) => i + 2));
});
