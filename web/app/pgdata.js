// The playground's own data: points read from a CSV file and written back
// to one. No DOM here: the functions take text and return points and
// problems, and the problems are message keys with values, so the page
// shows them in the reader's language.
//
// The file format (what exportCSV writes, and what importCSV reads):
//   # actlab points: task=binary classes=2      (optional; says what the labels mean)
//   x1,x2,label,split                           (optional header)
//   1.25,-0.5,1,train                           (split is optional: train or test)
// Commas, semicolons or tabs separate the values; blank lines and other
// lines starting with # are skipped.

// The plot shows [-6, 6]²; generated data with full noise reaches about ±8.
export const POINT_LIMIT = 10;
export const MAX_POINTS = 2000; // as many as the generated datasets offer
export const MAX_CLASSES = 8; // the engine's largest output layer
export const MAX_FILE_BYTES = 1024 * 1024;
const MAX_PROBLEMS = 1000; // a file of garbage gives a count, not a list of a million lines

/** The rows of an importCSV() result whose split passes keep(split), as {inputs, labels}. */
export function pointsWhere(result, keep) {
  const rows = result.labels.map((_, i) => i).filter((i) => keep(result.splits[i]));
  return { inputs: Float64Array.from(rows.flatMap((i) => [result.inputs[2 * i], result.inputs[2 * i + 1]])),
    labels: Float64Array.from(rows.map((i) => result.labels[i])) };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const HEADER = /^#\s*actlab points:\s*task=(binary|multiclass|regression)(?:\s+classes=(\d+))?\s*$/i;

const parseNumber = (text) => (NUMBER.test(text) ? Number(text) : NaN);

/**
 * What the labels of a list of rows mean, when the file does not say: whole
 * numbers 0 and 1 are two classes, whole numbers from 0 to 7 with a 2 or more
 * are that many classes, anything else is a number to predict (regression).
 */
export function inferTask(labels) {
  if (labels.length && labels.every((v) => Number.isInteger(v) && v >= 0 && v < MAX_CLASSES)) {
    const top = Math.max(...labels);
    return top <= 1 ? { task: 'binary', classes: 2 } : { task: 'multiclass', classes: top + 1 };
  }
  return { task: 'regression', classes: 0 };
}

/**
 * Reads points from CSV text. Each bad line is reported by its number (from
 * 1) and skipped; the good lines are kept.
 * @returns {{task: string, classes: number, inputs: number[], labels: number[],
 *   splits: (string|null)[], problems: {line: number, key: string, vars: object}[], skipped: number}}
 *   problems: at most 1000 listed; skipped counts every bad line
 */
export function importCSV(text) {
  const lines = String(text).split(/\r\n|\r|\n/);
  let declared = null;
  let headerSeen = false;
  const rows = [];
  const problems = [];
  let skipped = 0;
  const problem = (line, key, vars = {}) => {
    skipped++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, key, vars: { line, ...vars } });
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (!text) return;
    if (text.startsWith('#')) {
      const m = HEADER.exec(text);
      if (m && !rows.length) {
        const task = m[1].toLowerCase();
        const classes = task === 'binary' ? 2 : task === 'multiclass' ? Number(m[2]) : 0;
        if (task === 'multiclass' && !(classes >= 2 && classes <= MAX_CLASSES)) {
          problem(line, 'pg.csv.classes', { max: MAX_CLASSES });
        } else {
          declared = { task, classes };
        }
      }
      return;
    }
    const cells = text.split(/[,;\t]/).map((c) => c.trim());
    // A first line whose x1 is not a number is a header (x1,x2,label,...).
    if (!headerSeen && !rows.length && !problems.length && !NUMBER.test(cells[0]) && /[a-z]/i.test(cells[0])) {
      headerSeen = true;
      return;
    }
    if (cells.length < 3 || cells.length > 4) {
      problem(line, 'pg.csv.columns', { count: cells.length });
      return;
    }
    const [x1, x2, label] = cells.slice(0, 3).map(parseNumber);
    for (const [value, name, cell] of [[x1, 'x1', cells[0]], [x2, 'x2', cells[1]]]) {
      if (Number.isNaN(value)) {
        problem(line, 'pg.csv.number', { column: name, text: cell.slice(0, 20) });
        return;
      }
      if (Math.abs(value) > POINT_LIMIT) {
        problem(line, 'pg.csv.range', { column: name, value: cell.slice(0, 20), limit: POINT_LIMIT });
        return;
      }
    }
    if (!Number.isFinite(label)) {
      problem(line, 'pg.csv.number', { column: 'label', text: cells[2].slice(0, 20) });
      return;
    }
    let split = null;
    if (cells.length === 4 && cells[3] !== '') {
      split = cells[3].toLowerCase();
      if (split !== 'train' && split !== 'test') {
        problem(line, 'pg.csv.split', { text: cells[3].slice(0, 20) });
        return;
      }
    }
    rows.push({ line, x1, x2, label, split });
  });

  const kind = declared ?? inferTask(rows.map((r) => r.label));
  const out = { ...kind, inputs: [], labels: [], splits: [], problems, skipped };
  let used = 0;
  for (const r of rows) {
    const ok = kind.task === 'regression' ? Math.abs(r.label) <= 1e6
      : Number.isInteger(r.label) && r.label >= 0 && r.label < kind.classes;
    if (!ok) {
      problem(r.line, kind.task === 'regression' ? 'pg.csv.value' : 'pg.csv.label',
        { text: String(r.label), top: kind.classes - 1 });
      continue;
    }
    if (used === MAX_POINTS) {
      problem(r.line, 'pg.csv.tooMany', { max: MAX_POINTS });
      continue;
    }
    used++;
    out.inputs.push(r.x1, r.x2);
    out.labels.push(r.label);
    out.splits.push(r.split);
  }
  out.problems.sort((a, b) => a.line - b.line);
  return out;
}

/**
 * Writes training and test points as CSV (the format importCSV reads back).
 * @param {{task: string, classes: number}} kind
 * @param {{train: {inputs, labels}, test: {inputs, labels}}} data
 */
export function exportCSV(kind, data) {
  const head = kind.task === 'multiclass' ? `task=multiclass classes=${kind.classes}` : `task=${kind.task}`;
  const lines = [`# actlab points: ${head}`, 'x1,x2,label,split'];
  for (const split of ['train', 'test']) {
    const { inputs, labels } = data[split];
    for (let i = 0; i < labels.length; i++) lines.push(`${inputs[2 * i]},${inputs[2 * i + 1]},${labels[i]},${split}`);
  }
  return `${lines.join('\n')}\n`;
}
