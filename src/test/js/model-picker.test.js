import test from 'node:test';
import assert from 'node:assert/strict';
import { byRelevance, choicesBeside, modelOption, partnerFor, relevance } from '../../main/resources/static/js/model-picker.js';

const model = (id, task, cell, vocab, traceable = true) => ({ id, task, cell, vocab, traceable, status: 'ready', layers: 1, hidden: 4 });
const counter = model('counter', 'counter', 'lstm', ['\n', 'a', 'X']);
const counterGru = model('counter-gru', 'counter', 'gru', ['\n', 'a', 'X']);
const wide = model('wide', 'other', 'lstm', ['\n', 'a', 'b', 'X']);
const narrow = model('narrow', 'other', 'lstm', ['\n', 'a']);
const stranger = model('stranger', 'dyck1', 'lstm', ['\n', '(', ')']);

test('a model sits best beside one of its task and cell, then its task, then one that reads all it reads', () => {
  assert.equal(relevance(counter, model('c2', 'counter', 'lstm', [])), 0);
  assert.equal(relevance(counter, counterGru), 1);
  assert.equal(relevance(counter, wide), 2);
  assert.equal(relevance(counter, narrow), 3);
  assert.equal(relevance(counter, stranger), 4);
});

test('the models are offered best fit first, traceable before not, and the other model last', () => {
  const training = model('training', 'counter', 'lstm', ['\n', 'a', 'X'], false);
  assert.deepEqual(byRelevance(counter, [stranger, narrow, training, wide, counterGru]).map((m) => m.id),
    ['training', 'counter-gru', 'wide', 'narrow', 'stranger']);
  assert.deepEqual(byRelevance(counter, [training, model('c3', 'counter', 'lstm', [])]).map((m) => m.id), ['c3', 'training']);
  assert.deepEqual(choicesBeside(counter, [counter, stranger, counterGru]).map((m) => m.id), ['counter-gru', 'stranger', 'counter']);
  assert.deepEqual(choicesBeside(null, [counter, stranger]).map((m) => m.id), ['counter', 'stranger']);
});

test('the default partner has weights and reads every character the first reads; else there is none', () => {
  assert.equal(partnerFor(counter, [counter, stranger, wide, counterGru]).id, 'counter-gru');
  assert.equal(partnerFor(counter, [counter, narrow, stranger]), null);
  assert.equal(partnerFor(counter, [counter, model('t', 'counter', 'lstm', [], false)]), null);
});

test('a model is offered by its id, its task where the id does not say it, its cell and size, and a status other than ready', () => {
  assert.equal(modelOption(counter), 'counter · LSTM 1 × 4');
  assert.equal(modelOption({ ...stranger, status: 'training' }), 'stranger · dyck1 · LSTM 1 × 4 (training)');
});
