import test from 'node:test';
import assert from 'node:assert/strict';
import { neuronUrl, playgroundUrl } from '../../main/resources/static/js/lab/lab-results.js';
import { cellLabel } from '../../main/resources/static/js/chars.js';

const run = {
  modelId: 'anbn-0000abcd', playgroundInput: 'aaaaaaaaaaab',
  countingUnit: { layer: 0, vector: 'cell', unit: 7, variable: 'count', r: -0.99, sentence: 'cell unit 7 tracks count, r = -0.99' },
};

test('a lab result opens its model with the first failing sequence in the playground and the sweep tab open', () => {
  assert.equal(playgroundUrl(run), '/models/anbn-0000abcd?input=aaaaaaaaaaab&tab=sweep');
  assert.equal(playgroundUrl({ ...run, playgroundInput: null }), '/models/anbn-0000abcd?tab=sweep');
});

test('a lab result opens the neuron view of its best counting unit on the same sequence', () => {
  assert.equal(neuronUrl(run), '/models/anbn-0000abcd/layers/0/units/7?vector=cell&input=aaaaaaaaaaab');
  // a Dyck prefix is escaped in the address
  assert.equal(neuronUrl({ ...run, playgroundInput: '(()' }), '/models/anbn-0000abcd/layers/0/units/7?vector=cell&input=%28%28%29');
});

test('the GRU gate variants have names for people', () => {
  assert.deepEqual(['gru1', 'gru2', 'gru3'].map(cellLabel), ['GRU1', 'GRU2', 'GRU3']);
});
