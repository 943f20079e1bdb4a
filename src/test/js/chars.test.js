import test from 'node:test';
import assert from 'node:assert/strict';
import { START_TOKEN, displayChar, displayText, missingText, outOfVocab, percent, sameCharacters, shortVectorLabel, vectorLabel, vocabText } from '../../main/resources/static/js/chars.js';

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

test('a model is called by its name, a gallery model by its task, any other by its id as it is', async () => {
  const { modelTitle } = await import('../../main/resources/static/js/chars.js');
  assert.equal(modelTitle({ id: 'copy_machine-cf47a051', name: "Ann's copier" }), "Ann's copier");
  assert.equal(modelTitle({ id: 'selective_counter', gallery: true, task: 'selective_counter' }), 'Selective counter');
  assert.equal(modelTitle({ id: 'copy_machine-cf47a051', task: 'copy_machine' }), 'copy_machine-cf47a051');
});

test('a place in line reads as words, with an estimate in seconds or minutes', async () => {
  const { inLine, ordinal } = await import('../../main/resources/static/js/chars.js');
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
  assert.equal(inLine({ position: 3, waiting: 5, startsInSeconds: 19.6 }), '3rd in line, about 20 s');
  assert.equal(inLine({ position: 1, waiting: 1, startsInSeconds: 0.2 }), 'next in line, about 1 s');
  assert.equal(inLine({ position: 12, waiting: 40, startsInSeconds: 610 }), '12th in line, about 10 min');
  assert.equal(inLine(null), 'waiting for a free trainer');
});

test('a stopped or interrupted model says at which step it stopped', async () => {
  const { stoppedAt } = await import('../../main/resources/static/js/chars.js');
  assert.equal(stoppedAt({ status: 'cancelled', steps: 1412 }), 'stopped at step 1,412; these are the weights it had');
  assert.equal(stoppedAt({ status: 'interrupted', training: { steps: 7 } }),
    'interrupted at step 7 when the server stopped; these are the weights it had');
  assert.equal(stoppedAt({ status: 'ready', steps: 90 }), '');
});

test('two vocabularies are the same characters in any order, and a vocabulary reads as its symbols', () => {
  assert.equal(sameCharacters(['a', 'b', '\n'], ['\n', 'b', 'a']), true);
  assert.equal(sameCharacters(['a', 'b'], ['a', 'c']), false);
  assert.equal(sameCharacters(['a'], ['a', 'a', 'b']), false);
  assert.equal(vocabText(['a', ' ', '\n']), 'a ␣ ⏎');
});

test('a typed character outside a compared model’s vocabulary is named with the model that lacks it', () => {
  const models = [{ id: 'counter', vocab: ['a', 'X'] }, { id: 'dyck', vocab: ['(', ')', 'a'] }];
  assert.equal(missingText(['X'], models), '‘X’ is not in dyck\'s vocabulary — not sent.');
  assert.equal(missingText(['(', ')'], models), '‘(’, ‘)’ are not in counter\'s vocabulary — not sent.');
  assert.equal(missingText(['q'], models), '‘q’ is not in counter\'s vocabulary; ‘q’ is not in dyck\'s vocabulary — not sent.');
});
