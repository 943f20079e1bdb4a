import test from 'node:test';
import assert from 'node:assert/strict';
import { START_TOKEN, displayChar, displayText, outOfVocab, percent, shortVectorLabel, vectorLabel } from '../../main/resources/static/js/chars.js';

test('the start token, a space and a tab are shown as visible symbols', () => {
  assert.equal(displayChar(START_TOKEN), '⏎');
  assert.equal(displayChar(' '), '␣');
  assert.equal(displayChar('\t'), '⇥');
  assert.equal(displayText('\na b'), '⏎a␣b');
});

test('characters outside the vocabulary are listed once, in order of appearance', () => {
  assert.deepEqual(outOfVocab('abzaqz', ['a', 'b']), ['z', 'q']);
  assert.deepEqual(outOfVocab('abba', ['a', 'b']), []);
});

test('vector names read as words, and short on buttons', () => {
  assert.equal(vectorLabel('forget_gate'), 'forget gate');
  assert.equal(vectorLabel('some_new_thing'), 'some new thing');
  assert.equal(shortVectorLabel('forget_gate'), 'forget');
  assert.equal(shortVectorLabel('cell'), 'cell');
});

test('percentages keep one decimal, and no value is a dash', () => {
  assert.equal(percent(0.4567), '45.7%');
  assert.equal(percent(1), '100%');
  assert.equal(percent(null), '—');
  assert.equal(percent(Number.NaN), '—');
});
