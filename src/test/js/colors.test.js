import test from 'node:test';
import assert from 'node:assert/strict';

// colors.js takes d3 from the page; a grey ramp stands in for its interpolators (0 → white, 1 → black).
const hex = (v) => v.toString(16).padStart(2, '0');
const ramp = (t) => `rgb(${Math.round(255 * (1 - t))},${Math.round(255 * (1 - t))},${Math.round(255 * (1 - t))})`;
globalThis.window = {
  d3: {
    rgb: (text) => {
      const [r, g, b] = text.match(/\d+/g).map(Number);
      return { r, g, b, formatHex: () => `#${hex(r)}${hex(g)}${hex(b)}` };
    },
    interpolateRdBu: ramp, interpolateGnBu: ramp, interpolatePurples: ramp,
  },
};
const { CELL, DIVERGING, PROBABILITY, SEQUENTIAL, scaleFor } = await import('../../main/resources/static/js/colors.js');

test('gates are drawn on [0, 1], the cell on its own clipped [−1, 1], the other states on [−1, 1]', () => {
  assert.equal(scaleFor('forget_gate'), SEQUENTIAL);
  assert.equal(scaleFor('update_gate'), SEQUENTIAL);
  assert.equal(scaleFor('cell'), CELL);
  assert.equal(scaleFor('hidden'), DIVERGING);
  assert.equal(scaleFor('candidate'), DIVERGING);
  assert.deepEqual(SEQUENTIAL.domain, [0, 1]);
  assert.deepEqual(DIVERGING.domain, [-1, 1]);
  assert.deepEqual(PROBABILITY.domain, [0, 1]);
  assert.match(CELL.note, /clipped/);
});

test('the domain ends take the first and last colours, values beyond them are clipped', () => {
  assert.equal(DIVERGING.index(-1), 0);
  assert.equal(DIVERGING.index(1), 255);
  assert.equal(DIVERGING.index(0), 128);
  assert.equal(DIVERGING.index(-7), 0);
  assert.equal(DIVERGING.index(7), 255);
  assert.equal(DIVERGING.fill(5), DIVERGING.fill(1));
  assert.equal(SEQUENTIAL.fill(0), '#ffffff');
  assert.equal(SEQUENTIAL.fill(1), '#000000');
});

test('a missing value is grey, never a colour of the scale', () => {
  assert.equal(DIVERGING.fill(Number.NaN), '#d0d0d0');
  assert.equal(DIVERGING.fill(undefined), '#d0d0d0');
  assert.equal(DIVERGING.index(Number.NaN), 0);
});

test('characters are white on dark squares and dark on light ones', () => {
  assert.equal(SEQUENTIAL.ink(1), '#ffffff');
  assert.equal(SEQUENTIAL.ink(0), '#1b1b1b');
});

test('a view of one unit opens on the fixed cell scale unless its cell state leaves [−1, 1]', async () => {
  const { openingCellScale } = await import('../../main/resources/static/js/cell-scale.js');
  assert.equal(openingCellScale('cell', -0.3, 0.9), 'fixed');
  assert.equal(openingCellScale('cell', -1, 1), 'fixed');
  assert.equal(openingCellScale('cell', -0.29, 19.11), 'unit');
  assert.equal(openingCellScale('cell', -4, 0.5), 'unit');
  assert.equal(openingCellScale('hidden', -3, 3), 'fixed', 'only the cell state is unbounded');
});
