import test from 'node:test';
import assert from 'node:assert/strict';
import { characters, lines, normalize, split } from '../../main/resources/static/js/dataset-preview.js';

test('line ends are read as the server reads them', () => {
  assert.equal(normalize('a\r\nb\rc\n'), 'a\nb\nc\n');
  assert.deepEqual(lines('a\nb\n'), ['a', 'b'], 'a final newline ends the last line');
  assert.deepEqual(lines('a\n\nb'), ['a', '', 'b'], 'an empty line in the middle is a line');
});

test('the distinct characters leave out the newline and are sorted', () => {
  assert.deepEqual(characters('ba\nab c'), [' ', 'a', 'b', 'c']);
});

test('a text keeps its last tenth for testing, a lines dataset a tenth of its lines', () => {
  assert.deepEqual(split('x'.repeat(1005), 'text'), { train: 904, test: 101, unit: 'characters' });
  assert.deepEqual(split('ab\n'.repeat(40), 'lines'), { train: 36, test: 4, unit: 'lines' });
  assert.deepEqual(split('ab\n'.repeat(4), 'lines'), { train: 3, test: 1, unit: 'lines' }, 'at least one test line');
});
