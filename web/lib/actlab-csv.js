// Points from CSV text: the playground's file format, read by lab.parseCSV
// (and by the page, which shows the problems in the reader's language). No
// Wasm and no DOM here.
//
// The format (what the playground's "Export CSV" writes):
//   # actlab points: task=binary                 (optional, before the points: what the labels mean;
//                                                  or task=multiclass classes=3, or task=regression)
//   x1,x2,label,split                            (optional header)
//   1.25,-0.5,1,train                            (split is optional: train or test)
// Commas, semicolons or tabs separate the values; blank lines and other lines
// starting with # are not points. Every other line that is not used is in
// `problems`, with its number (from 1), including the rows past the cap.
import { ActLabError, checkOptions, describe } from './actlab-base.js';

export const CSV_LIMITS = Object.freeze({
  coordinate: 10, // |x1|, |x2|: the playground's plot shows [-6, 6]²; generated data with full noise reaches about ±8
  rows: 2000, // as many as the generated datasets offer
  classes: 8, // the engine's largest output layer
  target: 1e6, // |regression target|
  chars: 2 ** 20, // the text (the page reads files up to 1 MB)
});
const TASKS = ['binary', 'multiclass', 'regression'];

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECLARATION = /^#\s*actlab points:/i;
const HEADER = /^#\s*actlab points:\s*task=(binary|multiclass|regression)(?:\s+classes=(\d+))?\s*$/i;
const parseNumber = (text) => (NUMBER.test(text) ? Number(text) : NaN);
const quote = (text) => JSON.stringify(text.slice(0, 20));

// Each reason's message (English, for developers; the page has its own in both languages, keyed pg.csv.<reason>).
const MESSAGES = {
  columns: (v) => `expected 3 or 4 values (x1, x2, label, split), found ${v.count}`,
  number: (v) => `${v.column} is not a number: ${quote(v.text)}`,
  range: (v) => `${v.column} = ${v.value} is outside -${v.limit} to ${v.limit}`,
  split: (v) => `the split must be train or test, not ${quote(v.text)}`,
  label: (v) => `the label ${v.text} is not a class (0 to ${v.top})`,
  value: (v) => `the target ${v.text} is larger than ${v.limit} in size`,
  tooMany: (v) => `past the limit of ${v.max} points`,
  classes: (v) => `the number of classes must be from 2 to ${v.max}`,
  task: (v) => `the "# actlab points:" line must say task=binary, task=multiclass classes=N (N from 2 to ${v.max}) or task=regression`,
  declaration: () => 'the "# actlab points:" line must come before the points; this one is ignored',
};

// A label that names a class: a whole number from 0 to classes - 1.
const isClass = (v, classes = CSV_LIMITS.classes) => Number.isInteger(v) && v >= 0 && v < classes;

/** Every problem's reason (a page keys its own messages by them). */
export const CSV_REASONS = Object.freeze(Object.keys(MESSAGES));

/**
 * What the labels mean when neither the caller nor the file says: whole
 * numbers 0 and 1 are two classes, whole numbers from 0 to 7 with a 2 or more
 * are that many classes, anything else is a number to predict (regression).
 * A loop, not Math.max(...labels): a spread of 100,000s of values overflows the stack.
 */
export function inferTask(labels) {
  let top = -1;
  for (const v of labels) {
    if (!isClass(v)) return { task: 'regression', classes: 0 };
    if (v > top) top = v;
  }
  if (top < 0) return { task: 'regression', classes: 0 };
  return top <= 1 ? { task: 'binary', classes: 2 } : { task: 'multiclass', classes: top + 1 };
}

// The task the caller asked for: {task, classes} or null (from the file, else inferred).
function requestedTask(fn, o) {
  if (o.task === undefined) {
    if (o.classes !== undefined) {
      throw new ActLabError('invalid_param', `${fn}: classes needs task 'multiclass'`, { param: 'classes', value: o.classes });
    }
    return null;
  }
  if (typeof o.task !== 'string') throw new TypeError(`${fn}: task must be a string, got ${describe(o.task)}`);
  if (!TASKS.includes(o.task)) {
    throw new ActLabError('invalid_param', `${fn}: task must be ${TASKS.join(', ')}, got ${JSON.stringify(o.task.slice(0, 40))}`,
      { param: 'task', value: o.task, allowed: TASKS });
  }
  const { classes } = o;
  if (o.task === 'multiclass') {
    if (classes === undefined) return { task: 'multiclass', classes: 0 }; // from the labels
    if (typeof classes !== 'number') throw new TypeError(`${fn}: classes must be a number, got ${describe(classes)}`);
    if (!(Number.isInteger(classes) && classes >= 2 && classes <= CSV_LIMITS.classes)) {
      throw new ActLabError('invalid_param', `${fn}: classes must be an integer from 2 to ${CSV_LIMITS.classes}, got ${classes}`,
        { param: 'classes', value: classes });
    }
    return { task: 'multiclass', classes };
  }
  const fixed = o.task === 'binary' ? 2 : 0;
  if (classes !== undefined && classes !== fixed) {
    throw new ActLabError('invalid_param', `${fn}: a ${o.task} task has ${fixed} classes, got classes ${describe(classes)}`,
      { param: 'classes', value: classes });
  }
  return { task: o.task, classes: fixed };
}

/**
 * Reads points from CSV text (the format above).
 * @param {string} text
 * @param {{task?: 'binary'|'multiclass'|'regression', classes?: number}} [options]
 *   what the labels mean; by default the file's "# actlab points:" line says,
 *   else the labels (inferTask). Given, it wins over the file's line.
 * @returns {{inputs: Float64Array, labels: Float64Array, splits: (string|null)[], lines: Int32Array, rows: number,
 *   inputWidth: number, task: string, classes: number, decidedBy: {line: number, label: number}|null,
 *   problems: {line: number, message: string, reason: string, vars: object}[]}}
 *   decidedBy: when the task was inferred as multiclass or regression, the row that decided it.
 *   inputs row-major rows×2; lines: each row's line number; every line not used is in problems, in line order.
 */
export function parseCSV(text, options) {
  const fn = 'parseCSV';
  if (typeof text !== 'string') throw new TypeError(`${fn}: text must be a string, got ${describe(text)}`);
  const asked = requestedTask(fn, checkOptions(fn, options, ['task', 'classes']));
  if (text.length > CSV_LIMITS.chars) {
    throw new ActLabError('bad_size', `${fn}: the text has ${text.length} characters; at most ${CSV_LIMITS.chars} are read ` +
      `(${CSV_LIMITS.rows} points need far fewer)`, { length: text.length, limit: CSV_LIMITS.chars });
  }
  const problems = [];
  const problem = (line, reason, vars = {}) => {
    problems.push({ line, message: `line ${line}: ${MESSAGES[reason](vars)}`, reason, vars: { line, ...vars } });
  };
  let declared = null;
  let headerSeen = false;
  const found = []; // {line, x1, x2, label, split}: the lines that read as points
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const cellText = lines[i].trim();
    if (!cellText) continue;
    if (cellText.startsWith('#')) {
      if (!DECLARATION.test(cellText)) continue; // a comment
      const m = HEADER.exec(cellText);
      if (found.length || declared) {
        problem(line, 'declaration');
      } else if (!m) {
        problem(line, 'task', { max: CSV_LIMITS.classes });
      } else {
        const task = m[1].toLowerCase();
        const classes = task === 'binary' ? 2 : task === 'multiclass' ? Number(m[2]) : 0;
        if (task === 'multiclass' && !(classes >= 2 && classes <= CSV_LIMITS.classes)) problem(line, 'classes', { max: CSV_LIMITS.classes });
        else declared = { task, classes };
      }
      continue;
    }
    const cells = cellText.split(/[,;\t]/).map((c) => c.trim());
    // A first line whose x1 is not a number but a word is a header (x1,x2,label,...).
    if (!headerSeen && !found.length && !problems.length && !NUMBER.test(cells[0]) && /[a-z]/i.test(cells[0])) {
      headerSeen = true;
      continue;
    }
    const point = readPoint(line, cells, problem);
    if (point) found.push(point);
  }

  let kind = asked ?? declared ?? inferTask(found.map((r) => r.label));
  // Inferred: the row that decided it (the first label that is no class, or the largest class), for a reader to check.
  let decidedBy = null;
  if (!asked && !declared && kind.task !== 'binary') {
    const row = kind.task === 'regression' ? found.find((r) => !isClass(r.label)) : found.find((r) => r.label === kind.classes - 1);
    if (row) decidedBy = { line: row.line, label: row.label };
  }
  if (kind.task === 'multiclass' && !kind.classes) {
    const inferred = inferTask(found.map((r) => r.label));
    kind = { task: 'multiclass', classes: inferred.task === 'regression' ? CSV_LIMITS.classes : Math.max(2, inferred.classes) };
  }
  const used = found.filter((r) => {
    const ok = kind.task === 'regression' ? Math.abs(r.label) <= CSV_LIMITS.target
      : isClass(r.label, kind.classes);
    if (!ok) {
      if (kind.task === 'regression') problem(r.line, 'value', { text: String(r.label), limit: CSV_LIMITS.target });
      else problem(r.line, 'label', { text: String(r.label), top: kind.classes - 1 });
    }
    return ok;
  });
  for (const r of used.slice(CSV_LIMITS.rows)) problem(r.line, 'tooMany', { max: CSV_LIMITS.rows });
  const kept = used.slice(0, CSV_LIMITS.rows);
  const inputs = new Float64Array(2 * kept.length);
  const labels = new Float64Array(kept.length);
  kept.forEach((r, i) => {
    inputs[2 * i] = r.x1;
    inputs[2 * i + 1] = r.x2;
    labels[i] = r.label;
  });
  problems.sort((a, b) => a.line - b.line);
  return { inputs, labels, splits: kept.map((r) => r.split), lines: Int32Array.from(kept, (r) => r.line), rows: kept.length,
    inputWidth: 2, ...kind, decidedBy, problems };
}

// One line's cells as a point, or null after reporting why not.
function readPoint(line, cells, problem) {
  if (cells.length < 3 || cells.length > 4) {
    problem(line, 'columns', { count: cells.length });
    return null;
  }
  const [x1, x2, label] = cells.slice(0, 3).map(parseNumber);
  for (const [value, column, cell] of [[x1, 'x1', cells[0]], [x2, 'x2', cells[1]]]) {
    if (Number.isNaN(value)) {
      problem(line, 'number', { column, text: cell.slice(0, 20) });
      return null;
    }
    if (Math.abs(value) > CSV_LIMITS.coordinate) {
      problem(line, 'range', { column, value: cell.slice(0, 20), limit: CSV_LIMITS.coordinate });
      return null;
    }
  }
  if (!Number.isFinite(label)) {
    problem(line, 'number', { column: 'label', text: cells[2].slice(0, 20) });
    return null;
  }
  let split = null;
  if (cells.length === 4 && cells[3] !== '') {
    split = cells[3].toLowerCase();
    if (split !== 'train' && split !== 'test') {
      problem(line, 'split', { text: cells[3].slice(0, 20) });
      return null;
    }
  }
  return { line, x1, x2, label, split };
}
