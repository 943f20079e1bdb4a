import test from 'node:test';
import assert from 'node:assert/strict';
import { orderRows, parseUnit, probeScores, rowVariances } from '../../main/resources/static/js/row-order.js';
import { unpackMatrix, unpackTrace } from '../../main/resources/static/js/trace-data.js';

test('rowVariances skips the NaN padding between sequences', () => {
  // row 0: 1, 3 (variance 1); row 1: constant; row 2: 0, 4, NaN, 8 (mean 4, variance 32/3)
  const values = Float32Array.from([1, 3, NaN, NaN, 5, 5, 5, NaN, 0, 4, NaN, 8]);
  const v = rowVariances(values, 3, 4);
  assert.equal(v[0], 1);
  assert.equal(v[1], 0);
  assert.ok(Math.abs(v[2] - 32 / 3) < 1e-9);
});

test('orderRows sorts by score, ties by unit, and keeps the top k', () => {
  const scores = [0.1, 0.9, Number.NaN, 0.9, 0.5];
  assert.deepEqual(orderRows(5, 'variance', scores), [1, 3, 4, 0, 2]);
  assert.deepEqual(orderRows(5, 'probe', scores, 2), [1, 3]);
  assert.deepEqual(orderRows(5, 'unit', scores, 3), [0, 1, 2]);
  assert.deepEqual(orderRows(3, 'unit', null), [0, 1, 2]);
  assert.deepEqual(orderRows(3, 'variance', scores, 10), [1, 0, 2]);
});

test('probeScores takes |r| per unit and leaves the others NaN', () => {
  const s = probeScores([{ unit: 2, r: -0.8 }, { unit: 0, r: 0.3 }, { unit: 9, r: 1 }], 3);
  assert.equal(s[0], 0.3);
  assert.ok(Number.isNaN(s[1]));
  assert.equal(s[2], 0.8);
});

test('parseUnit reads what people type in the unit search box', () => {
  assert.equal(parseUnit('317', 512), 317);
  assert.equal(parseUnit('unit 317', 512), 317);
  assert.equal(parseUnit(' #5 ', 10), 5);
  assert.equal(parseUnit('U12', 20), 12);
  assert.equal(parseUnit('512', 512), null);
  assert.equal(parseUnit('cell', 512), null);
  assert.equal(parseUnit('', 512), null);
});

test('unpackMatrix reads base64 little-endian float32 rows', () => {
  const values = Float32Array.from([1.5, -2, 0.25, 3, 4, -0.5]);
  const data = Buffer.from(values.buffer).toString('base64');
  const rows = unpackMatrix({ encoding: 'f32', shape: [2, 3], data });
  assert.equal(rows.length, 2);
  assert.deepEqual(Array.from(rows[1]), [3, 4, -0.5]);
  assert.equal(rows[0][1], -2);
  const plain = [[1, 2]];
  assert.equal(unpackMatrix(plain), plain);
  const trace = unpackTrace({ input: 'ab', layers: [{ layer: 0, vectors: { hidden: { encoding: 'f32', shape: [2, 3], data } } }],
    probabilities: { encoding: 'f32', shape: [2, 3], data } });
  assert.equal(trace.layers[0].vectors.hidden[0][2], 0.25);
  assert.equal(trace.probabilities[1][0], 3);
});
