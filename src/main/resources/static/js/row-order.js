/**
 * Which units a heat map shows, in which order: by unit number, by how much each varies over the shown
 * sequences, or by a probe's |r|; optionally only the first k. Pure functions, so they are tested without a
 * browser.
 */

export const ROW_ORDERS = [
  { value: 'unit', label: 'unit number' },
  { value: 'variance', label: 'variance' },
  { value: 'probe', label: 'probe |r|' },
];

/** Each row's variance over its finite values (the NaN padding between sequences is left out); 0 for none. */
export function rowVariances(values, rows, cols) {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c];
      if (!Number.isFinite(v)) continue;
      n++;
      const delta = v - mean;
      mean += delta / n;
      m2 += delta * (v - mean);
    }
    out[r] = n > 1 ? m2 / n : 0;
  }
  return out;
}

/**
 * The rows to show, in order. by 'unit': 0, 1, …; otherwise by scores[row] descending, ties by row. top > 0 keeps the
 * first top. A score that is not a number counts as lowest.
 */
export function orderRows(rows, by, scores, top = 0) {
  const order = Array.from({ length: rows }, (_, r) => r);
  if (by !== 'unit' && scores) {
    const score = (r) => (Number.isFinite(scores[r]) ? scores[r] : -Infinity);
    order.sort((a, b) => score(b) - score(a) || a - b);
  }
  return top > 0 ? order.slice(0, Math.min(top, rows)) : order;
}

/** |r| per unit from a probe ranking narrowed to one layer, vector and variable; NaN for units it lacks. */
export function probeScores(ranking, rows) {
  const out = new Float64Array(rows).fill(Number.NaN);
  for (const p of ranking) if (p.unit >= 0 && p.unit < rows) out[p.unit] = Math.abs(p.r);
  return out;
}

/** "317", "unit 317", "#317", "u317" → 317; null when the text names no unit below rows. */
export function parseUnit(text, rows) {
  const match = /^\s*(?:unit|u|#)?\s*(\d{1,6})\s*$/i.exec(String(text ?? ''));
  if (!match) return null;
  const unit = Number(match[1]);
  return unit < rows ? unit : null;
}
