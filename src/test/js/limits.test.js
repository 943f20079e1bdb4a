import test from 'node:test';
import assert from 'node:assert/strict';
import { limitsFrom, rangeOf } from '../../main/resources/static/js/limits.js';
import { helpText } from '../../main/resources/static/js/train-form.js';

// The parts of /openapi.json the front end reads, shaped as the server states them.
const DOC = {
  paths: {
    '/api/models/{id}/trace': {
      get: { parameters: [{ name: 'sample', schema: { type: 'string' } }, { name: 'n', schema: { type: 'integer', minimum: 1, maximum: 50 } }] },
    },
    '/api/datasets': {
      post: { requestBody: { content: { 'text/plain': { schema: { type: 'string', 'x-maxBytes': 10485760, 'x-maxDistinctCharacters': 256 } } } } },
    },
  },
  components: {
    schemas: {
      TrainRequest: {
        properties: {
          task: { type: 'string' },
          hidden: { type: 'integer', minimum: 1, maximum: 64, 'x-maximumForDatasets': 256 },
          learningRate: { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: 1 },
        },
      },
      TraceRequest: { properties: { input: { type: 'string', minLength: 1, maxLength: 1000 } } },
      TextViewRequest: { properties: { input: { type: 'string', minLength: 1, maxLength: 20000 } } },
    },
  },
};

test('the training ranges, the longest input and the sequences per trace come from the document', () => {
  const limits = limitsFrom(DOC);
  assert.deepEqual(limits.train, {
    hidden: { min: 1, max: 64, exclusiveMin: false },
    learningRate: { min: 0, max: 1, exclusiveMin: true },
  });
  assert.deepEqual(limits.datasetTrain, { hidden: { max: 256 } });
  assert.equal(limits.input, 1000);
  assert.equal(limits.datasetBytes, 10485760);
  assert.equal(limits.datasetVocab, 256);
  assert.equal(limits.textView, 20000);
  assert.equal(limits.samples, 50);
});

test('a document that states nothing gives no limits rather than made-up ones', () => {
  assert.deepEqual(limitsFrom({}), { train: {}, datasetTrain: {}, datasetBytes: null, datasetVocab: null, textView: null, input: null, samples: null });
  assert.deepEqual(rangeOf({ type: 'integer', minimum: 0 }), { min: 0, max: null, exclusiveMin: false });
});

test('a field’s help names its range once the range is known', () => {
  assert.equal(helpText({ help: 'per layer', range: true }, { min: 1, max: 64 }), 'per layer, 1–64');
  assert.equal(helpText({ help: 'Adam', range: true }, { min: 0, max: 1, exclusiveMin: true }), 'Adam, above 0 and at most 1');
  assert.equal(helpText({ help: '', range: true }, { min: 1, max: 3 }), '1–3');
  assert.equal(helpText({ help: 'per layer', range: true }, null), 'per layer');
  assert.equal(helpText({ help: 'same seed, same model', range: false }, { min: 0, max: 9 }), 'same seed, same model');
});
