// The playground's own data: points read from a CSV file and written back
// to one. No DOM here: the functions take text and return points and
// problems, and the problems are message keys with values, so the page
// shows them in the reader's language. The file format, and the rules for
// reading it, are lab.parseCSV's (web/lib/actlab-csv.js); exportCSV writes it.

import { parseCSV, inferTask, CSV_LIMITS } from '../lib/actlab-csv.js';

export { inferTask };
export const POINT_LIMIT = CSV_LIMITS.coordinate;
export const MAX_POINTS = CSV_LIMITS.rows;
export const MAX_CLASSES = CSV_LIMITS.classes;
export const MAX_FILE_BYTES = 1024 * 1024;

/** The rows of an importCSV() result whose split passes keep(split), as {inputs, labels}. */
export function pointsWhere(result, keep) {
  const rows = result.labels.map((_, i) => i).filter((i) => keep(result.splits[i]));
  return { inputs: Float64Array.from(rows.flatMap((i) => [result.inputs[2 * i], result.inputs[2 * i + 1]])),
    labels: Float64Array.from(rows.map((i) => result.labels[i])) };
}

/**
 * Reads points from CSV text with lab.parseCSV's rules (web/lib/actlab-csv.js):
 * each line not used is a problem with its number (from 1), as a message key
 * (pg.csv.<reason>) and its values, for the page to show in the reader's language.
 * @returns {{task: string, classes: number, inputs: number[], labels: number[],
 *   splits: (string|null)[], problems: {line: number, key: string, vars: object}[], skipped: number}}
 */
export function importCSV(text) {
  const r = parseCSV(String(text));
  return { task: r.task, classes: r.classes, decidedBy: r.decidedBy, inputs: Array.from(r.inputs), labels: Array.from(r.labels), splits: r.splits,
    problems: r.problems.map((p) => ({ line: p.line, key: `pg.csv.${p.reason}`, vars: p.vars })), skipped: r.problems.length };
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
