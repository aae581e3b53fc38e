// The drawing pad's arithmetic, without the DOM: a 32 x 32 bitmap that
// strokes ink, and its reduction to the 8 x 8 input the digits data set is
// made of. The data's makers (UCI "Optical Recognition of Handwritten
// Digits") took each scanned digit's normalised 32 x 32 bitmap and counted
// the on-pixels in each 4 x 4 block, 0 to 16. A drawing goes the same way:
// the box around its ink is scaled, keeping its shape, until its longer side
// is 32 pixels, placed in the middle of the 32 x 32 square, and counted.

export const PAD = 32; // bitmap side
export const BLOCK = 4; // pixels per block side
export const CELLS = PAD / BLOCK; // 8 cells per side
export const MAX_COUNT = BLOCK * BLOCK; // 16

/** An empty bitmap: PAD x PAD, row-major, 1 = ink. */
export const blankBitmap = () => new Uint8Array(PAD * PAD);

/** Inks every pixel whose centre lies within `radius` of (x, y) (pixel units, 0..PAD). */
export function stamp(bitmap, x, y, radius) {
  const r2 = radius * radius;
  const lo = (v) => Math.max(0, Math.floor(v - radius));
  const hi = (v) => Math.min(PAD - 1, Math.ceil(v + radius));
  for (let row = lo(y); row <= hi(y); row++) {
    for (let col = lo(x); col <= hi(x); col++) {
      const dx = col + 0.5 - x;
      const dy = row + 0.5 - y;
      if (dx * dx + dy * dy <= r2) bitmap[row * PAD + col] = 1;
    }
  }
}

/** Inks a stroke from (x0, y0) to (x1, y1): stamps no further apart than a quarter of the pen. */
export function stroke(bitmap, x0, y0, x1, y1, radius) {
  const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / Math.max(radius / 2, 0.25)));
  for (let i = 0; i <= steps; i++) stamp(bitmap, x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, radius);
}

/** The smallest box holding every inked pixel, {left, top, width, height}, or null for a blank bitmap. */
export function inkBox(bitmap) {
  let left = PAD;
  let top = PAD;
  let right = -1;
  let bottom = -1;
  for (let row = 0; row < PAD; row++) {
    for (let col = 0; col < PAD; col++) {
      if (!bitmap[row * PAD + col]) continue;
      left = Math.min(left, col);
      right = Math.max(right, col);
      top = Math.min(top, row);
      bottom = Math.max(bottom, row);
    }
  }
  return right < 0 ? null : { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * The ink scaled into the middle of a fresh bitmap: the box's longer side
 * becomes PAD pixels, the shorter one keeps the proportion; each target pixel
 * takes the source pixel its centre falls on (nearest neighbour). A blank
 * bitmap stays blank.
 */
export function normalise(bitmap) {
  const box = inkBox(bitmap);
  const out = blankBitmap();
  if (!box) return out;
  const scale = PAD / Math.max(box.width, box.height);
  const w = Math.min(PAD, Math.max(1, Math.round(box.width * scale)));
  const hgt = Math.min(PAD, Math.max(1, Math.round(box.height * scale)));
  const left = Math.floor((PAD - w) / 2);
  const top = Math.floor((PAD - hgt) / 2);
  for (let row = 0; row < hgt; row++) {
    const sy = box.top + Math.min(box.height - 1, Math.floor((row + 0.5) / scale));
    for (let col = 0; col < w; col++) {
      const sx = box.left + Math.min(box.width - 1, Math.floor((col + 0.5) / scale));
      out[(top + row) * PAD + left + col] = bitmap[sy * PAD + sx];
    }
  }
  return out;
}

/** On-pixels per BLOCK x BLOCK block: CELLS x CELLS counts 0..16, row-major. */
export function blockCounts(bitmap) {
  const cells = new Uint8Array(CELLS * CELLS);
  for (let row = 0; row < PAD; row++) {
    for (let col = 0; col < PAD; col++) {
      if (bitmap[row * PAD + col]) cells[Math.floor(row / BLOCK) * CELLS + Math.floor(col / BLOCK)]++;
    }
  }
  return cells;
}

/** A drawing as the data set's 8 x 8 counts: normalise, then count. */
export const drawingToCells = (bitmap) => blockCounts(normalise(bitmap));

/** Counts 0..16 as the network's inputs (count / 16, as lab.makeDataset('digits') scales them). */
export const cellsToInputs = (cells) => Float64Array.from(cells, (c) => c / MAX_COUNT);
