import test from 'node:test';
import assert from 'node:assert/strict';
import { sampleSizes } from '../../main/resources/static/js/controls.js';

const values = (options) => options.map((o) => o.value);

test('the count select offers the usual sizes and the one asked for, in order', () => {
  assert.deepEqual(values(sampleSizes(6)), [1, 3, 6, 10, 20]);
  assert.deepEqual(values(sampleSizes(7)), [1, 3, 6, 7, 10, 20]);
  assert.deepEqual(sampleSizes(1)[0], { value: 1, label: '1 sequence' });
});

test('once the server’s limit is known, the count select offers it and nothing above it', () => {
  assert.deepEqual(values(sampleSizes(6, 50)), [1, 3, 6, 10, 20, 50]);
  assert.deepEqual(values(sampleSizes(6, 8)), [1, 3, 6, 8]);
  assert.deepEqual(values(sampleSizes(8, 8)), [1, 3, 6, 8]);
});
