import test from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, plainMessage } from '../../main/resources/static/js/api.js';

test('errors shown to people are plain; the API keeps its precise wording', () => {
  const forbidden = new ApiError(403, 'forbidden', "only the browser or client that created 'counter-1' (send its owner token in the X-Owner-Token header) or the instructor may delete it");
  assert.equal(forbidden.plain, 'Only the person who made this model can delete it.');
  assert.match(forbidden.readable, /X-Owner-Token.*\(403\)$/);
  assert.equal(plainMessage(new ApiError(403, 'forbidden', "'counter' is a gallery model and cannot be deleted")),
    'The task models belong to the server and cannot be deleted.');
  assert.equal(plainMessage(new ApiError(400, 'bad parameter', 'interventions[0].unit must be from 0 to 9; got 99')),
    'Unit 99 does not exist; this layer has units 0–9.');
  assert.equal(plainMessage(new ApiError(400, 'bad parameter', 'layer must be from 0 to 0; got 1')),
    'Layer 2 does not exist; this model has 1 layer.');
  assert.equal(plainMessage(new ApiError(429, 'too many requests', 'the training queue is full', { limit: 'queue' }, 12)),
    'Every place in the training queue is taken. Try again in about 12 s.');
  assert.equal(plainMessage(new ApiError(0, 'Cannot reach the LSTM Explorer server — is it still running?')),
    'Cannot reach the LSTM Explorer server — is it still running?');
});
