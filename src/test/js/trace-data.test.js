import test from 'node:test';
import assert from 'node:assert/strict';
import { layerOf, positionOf, probabilityMatrix, unitMatrix, vectorMatrix } from '../../main/resources/static/js/trace-data.js';

/** A trace of one layer: `input` read, `hidden` one array of units per timestep. */
function trace(input, hidden, probabilities = []) {
  return { input, layers: [{ layer: 0, cell: 'lstm', vectors: { hidden, forget_gate: hidden.map((h) => h.map((v) => (v + 1) / 2)) } }], probabilities };
}

test('positionOf finds the sequence and timestep of a column', () => {
  const starts = [0, 3, 5];
  assert.deepEqual(positionOf(starts, 0), { seq: 0, t: 0 });
  assert.deepEqual(positionOf(starts, 2), { seq: 0, t: 2 });
  assert.deepEqual(positionOf(starts, 3), { seq: 1, t: 0 });
  assert.deepEqual(positionOf(starts, 6), { seq: 2, t: 1 });
  assert.deepEqual(positionOf([0], 9), { seq: 0, t: 9 });
});

test('layerOf takes the tagged layer, the only layer of a sliced trace, or the layer by index', () => {
  const tagged = { layers: [{ layer: 1, vectors: {} }, { layer: 0, vectors: {} }] };
  assert.equal(layerOf(tagged, 0), tagged.layers[1]);
  const sliced = { layers: [{ vectors: { hidden: [] } }] };
  assert.equal(layerOf(sliced, 2), sliced.layers[0]);
  const untagged = { layers: [{ vectors: {} }, { vectors: {} }] };
  assert.equal(layerOf(untagged, 1), untagged.layers[1]);
  assert.equal(layerOf({ layers: [] }, 0), null);
});

test('unitMatrix lays traces side by side, units as rows', () => {
  const m = unitMatrix([trace('\nab', [[1, 2], [3, 4], [5, 6]]), trace('\nc', [[7, 8], [9, 10]])], 0, 'hidden');
  assert.equal(m.rows, 2);
  assert.equal(m.cols, 5);
  assert.deepEqual(m.starts, [0, 3]);
  assert.deepEqual(m.chars, ['\n', 'a', 'b', '\n', 'c']);
  assert.deepEqual(Array.from(m.values), [1, 3, 5, 7, 9, 2, 4, 6, 8, 10]);
  assert.deepEqual(m.rowLabels, ['unit 0', 'unit 1']);
});

test('unitMatrix leaves a timestep without values as NaN, and a missing vector gives no rows', () => {
  const m = unitMatrix([trace('\nab', [[1], [2]])], 0, 'hidden');
  assert.equal(m.cols, 3);
  assert.deepEqual(Array.from(m.values.slice(0, 2)), [1, 2]);
  assert.ok(Number.isNaN(m.values[2]));
  assert.equal(unitMatrix([trace('\na', [[1], [2]])], 0, 'cell').rows, 0);
});

test('vectorMatrix stacks the vectors of one unit, scalar rows as they are', () => {
  const t = trace('\na', [[1, 2], [3, 4]]);
  t.layers[0].vectors.scalar = [[0.5], [0.25]];
  const m = vectorMatrix([t], 0, ['hidden', 'forget_gate', 'scalar'], 1);
  assert.equal(m.rows, 3);
  assert.deepEqual(Array.from(m.values), [2, 4, 1.5, 2.5, 0.5, 0.25]);
});

test('probabilityMatrix marks what came next: the following character, then lastNext after the last', () => {
  const t = trace('\nab', [[0], [0], [0]], [[0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.7, 0.2, 0.1]]);
  const vocab = ['\n', 'a', 'b'];
  const m = probabilityMatrix([t], vocab, () => '\n');
  assert.equal(m.rows, 3);
  assert.equal(m.cols, 3);
  assert.deepEqual(Array.from(m.markers), [1, 2, 0]);
  assert.ok(Math.abs(m.values[1 * 3 + 0] - 0.8) < 1e-6, 'row = vocabulary index, column = timestep');
  assert.equal(probabilityMatrix([t], vocab).markers[2], -1, 'nothing known after the last character');
});
