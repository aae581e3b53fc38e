// The one map painter of the playground: the decision map, race mode's
// maps, the linear collapse's map, a neuron's output shown large, and the
// network picture's thumbnails all colour a grid of points the same way:
// a class colour (class 1 blue and class 0 orange, TensorFlow Playground's
// convention; class 2 green), mixed into the background by a strength.
import { colour } from './charts.js';

/** The plotted square is [-RANGE, RANGE]²: the engine's datasets lie inside it. */
export const RANGE = 6;
/** Strongest tint of a decision map (the most confident output). */
export const SHADE = 0.65;

export const hexRgb = (hex) => {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(String(hex).trim());
  return m ? m.slice(1).map((x) => parseInt(x, 16)) : [255, 255, 255];
};
export const mix = (a, b, w) => a.map((v, i) => Math.round(v + (b[i] - v) * w));
const CLASS_RGB = [1, 0, 2].map((k) => hexRgb(colour(k)));
/** The colour of class k as [r, g, b]. */
export const classColour = (k) => CLASS_RGB[k] ?? hexRgb(colour(k));

/**
 * The res × res points of the plotted square in image order (rows from x2 =
 * RANGE down, columns from x1 = -RANGE), as the engine's grid() takes them:
 * a flat (res², 2) array for net.features() or net.predict().
 */
export function gridPoints(res) {
  const points = new Float64Array(2 * res * res);
  const step = (2 * RANGE) / (res - 1);
  for (let p = 0; p < res * res; p++) {
    points[2 * p] = -RANGE + (p % res) * step;
    points[2 * p + 1] = RANGE - Math.floor(p / res) * step;
  }
  return points;
}

/**
 * An ImageData of res × res pixels: pixel p takes the colour of class
 * out[0] mixed into bg by shade · out[1], as at(p, out) sets them.
 */
export function mapImage(res, bg, shade, at) {
  const image = new ImageData(res, res);
  const out = [0, 0];
  const cache = new Map();
  for (let p = 0; p < res * res; p++) {
    at(p, out);
    const w = Math.max(0, Math.min(1, out[1])) * shade;
    const rgb = mix(bg, cache.get(out[0]) ?? cache.set(out[0], classColour(out[0])).get(out[0]), w);
    image.data[4 * p] = rgb[0];
    image.data[4 * p + 1] = rgb[1];
    image.data[4 * p + 2] = rgb[2];
    image.data[4 * p + 3] = 255;
  }
  return image;
}

/**
 * A decision map's colouring of outputs (points, k) for the task: the
 * class (or the sign, for regression), stronger where the network is more
 * confident, or flat (a few steps for regression) when discretised.
 */
export function decisionAt(outputs, k, task, disc) {
  if (task === 'multiclass') {
    return (p, out) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (outputs[p * k + c] > outputs[p * k + best]) best = c;
      out[0] = best;
      out[1] = disc ? 1 : (outputs[p * k + best] - 1 / k) / (1 - 1 / k);
    };
  }
  return (p, out) => {
    const v = outputs[p];
    const signed = task === 'regression' ? Math.max(-1, Math.min(1, v)) : 2 * v - 1;
    out[0] = signed >= 0 ? 1 : 0;
    out[1] = disc ? (task === 'regression' ? Math.round(Math.abs(signed) * 4) / 4 : 1) : Math.abs(signed);
  };
}

/** One unit's values over a grid: blue where positive, orange where negative, by size relative to the largest. */
export function valueAt(values, offset = 0, count = values.length - offset) {
  let top = 1e-12;
  for (let i = 0; i < count; i++) {
    const v = values[offset + i];
    if (Number.isFinite(v)) top = Math.max(top, Math.abs(v));
  }
  return (p, out) => {
    const v = values[offset + p];
    const s = Number.isFinite(v) ? v / top : 0;
    out[0] = s >= 0 ? 1 : 0;
    out[1] = Math.abs(s);
  };
}
