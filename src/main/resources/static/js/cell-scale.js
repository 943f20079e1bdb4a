/**
 * Colours for an unbounded vector (the cell state), three ways:
 *  - fixed: the symmetric [−1, 1] scale, values beyond ±1 clipped — the default, since colours then compare across
 *    units and models;
 *  - tanh: tanh(c) on [−1, 1], what the output gate sees; nothing is clipped, large values crowd at the ends;
 *  - unit: each unit on its own symmetric domain [−m, m], m its largest |value| in view, as Edwin Chen's explorer
 *    draws cells: the count of a counting unit shows, but colours no longer compare between units.
 */
import { CELL } from './colors.js';

export const CELL_SCALES = ['fixed', 'tanh', 'unit'];

export const CELL_SCALE_OPTIONS = [
  { value: 'fixed', label: '[−1, 1]', title: 'One fixed scale for every unit and model; values beyond ±1 are clipped' },
  { value: 'tanh', label: 'tanh(c)', title: 'tanh of the cell state, as the output gate reads it: nothing clipped' },
  { value: 'unit', label: 'per unit', title: 'Each unit on its own scale, ± its largest value in view: colours do not compare between units' },
];

/** The cell state under tanh: the same colours as the fixed scale, read at tanh(value). */
const TANH = Object.assign(Object.create(CELL), {
  name: 'cell-tanh',
  note: 'coloured by tanh(cell state): nothing clipped, values far from 0 crowd at the ends',
  explain: 'colour = tanh(cell state) on [−1, 1]; the same for every unit and model',
  fill(value) { return CELL.fill(Math.tanh(value)); },
  ink(value) { return CELL.ink(Math.tanh(value)); },
});

/** A scale like CELL on [−m, m]. */
function symmetric(m) {
  return Object.assign(Object.create(CELL), { name: 'cell-unit', domain: [-m, m] });
}

/**
 * The scales for a matrix {rows, cols, values} of cell states: {scales: one scale or one per row, legend: the scale the
 * legend draws}. Unknown modes are the fixed scale.
 */
export function cellScales(mode, matrix) {
  if (mode === 'tanh') return { scales: TANH, legend: TANH };
  if (mode !== 'unit' || !matrix || !matrix.rows) return { scales: CELL, legend: CELL };
  const scales = [];
  let largest = 0;
  for (let r = 0; r < matrix.rows; r++) {
    let m = 0;
    for (let c = 0; c < matrix.cols; c++) {
      const v = Math.abs(matrix.values[r * matrix.cols + c]);
      if (v > m) m = v;
    }
    // a unit that is 0 throughout keeps the fixed scale rather than dividing by nothing
    scales.push(m > 0 ? symmetric(m) : CELL);
    largest = Math.max(largest, m);
  }
  const legend = Object.assign(Object.create(CELL), {
    name: 'cell-unit',
    ticks: ['−max', '0', '+max'],
    note: `each unit on its own scale, ± its largest |value| in view (the largest here: ${largest.toFixed(2)}); colours do not compare between units`,
    explain: 'each unit on its own symmetric scale: red = −max, blue = +max of that unit',
  });
  return { scales, legend };
}

/**
 * The cell colours a view of one unit opens on when its address names none: the fixed scale, unless the cell state
 * leaves [−1, 1], where the fixed scale would draw most of it at full colour and hide its course; then the unit's own.
 */
export function openingCellScale(vector, min, max) {
  return vector === 'cell' && Math.max(Math.abs(min), Math.abs(max)) > 1 ? 'unit' : 'fixed';
}

/** The scale of one unit's row under a mode, for a tooltip: the value its colour stands for. */
export function colourNote(mode, value) {
  if (mode === 'tanh') return `coloured as tanh = ${Math.tanh(value).toFixed(3)}`;
  if (mode === 'fixed' && Math.abs(value) > 1) return 'beyond ±1: drawn at full colour';
  return '';
}
