import test from 'node:test';
import assert from 'node:assert/strict';
import { limitsFrom, rangeOf } from '../../main/resources/static/js/limits.js';
import { helpText, numberError, rangeText } from '../../main/resources/static/js/number-field.js';

// The parts of /openapi.json the front end reads, shaped as the server states them.
const DOC = {
  paths: {
    '/api/models/{id}/trace': {
      get: { parameters: [{ name: 'sample', schema: { type: 'string' } }, { name: 'n', schema: { type: 'integer', minimum: 1, maximum: 50 } }] },
    },
    '/api/datasets': {
      post: {
        parameters: [{ name: 'name', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 80 } }],
        requestBody: { content: { 'text/plain': { schema: { type: 'string', 'x-maxBytes': 10485760, 'x-maxDistinctCharacters': 256 } } } },
      },
    },
  },
  components: {
    schemas: {
      TrainRequest: {
        properties: {
          task: { type: 'string' },
          name: { type: 'string', minLength: 1, maxLength: 100 },
          hidden: { type: 'integer', minimum: 1, maximum: 64, 'x-maximumForDatasets': 256 },
          learningRate: { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: 1 },
        },
      },
      LabRequest: {
        properties: {
          cells: { type: 'array', minItems: 1, maxItems: 9 },
          trainMax: { type: 'integer', minimum: 1, maximum: 100 },
          threshold: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: true },
        },
      },
      TraceRequest: { properties: { input: { type: 'string', minLength: 1, maxLength: 1000 } } },
      TextViewRequest: { properties: { input: { type: 'string', minLength: 1, maxLength: 20000 } } },
    },
  },
};

test('the training ranges, the names’ lengths, the longest input and the sequences per trace come from the document', () => {
  const limits = limitsFrom(DOC);
  assert.deepEqual(limits.train, {
    hidden: { min: 1, max: 64, exclusiveMin: false },
    learningRate: { min: 0, max: 1, exclusiveMin: true },
  });
  assert.deepEqual(limits.datasetTrain, { hidden: { max: 256 } });
  assert.equal(limits.name, 100);
  assert.deepEqual(limits.lab, {
    trainMax: { min: 1, max: 100, exclusiveMin: false },
    threshold: { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true },
  });
  assert.deepEqual(limits.labCells, { min: 1, max: 9 });
  assert.equal(limits.datasetName, 80);
  assert.equal(limits.input, 1000);
  assert.equal(limits.datasetBytes, 10485760);
  assert.equal(limits.datasetVocab, 256);
  assert.equal(limits.textView, 20000);
  assert.equal(limits.samples, 50);
});

test('a document that states nothing gives no limits rather than made-up ones', () => {
  assert.deepEqual(limitsFrom({}), { train: {}, datasetTrain: {}, lab: {}, labCells: null, labSeeds: null, name: null, datasetName: null, datasetBytes: null, datasetVocab: null, textView: null, input: null, samples: null });
  assert.deepEqual(rangeOf({ type: 'integer', minimum: 0 }), { min: 0, max: null, exclusiveMin: false });
});

test('a field’s help names its range once the range is known', () => {
  assert.equal(helpText({ help: 'per layer', range: true }, { min: 1, max: 64 }), 'per layer, 1–64');
  assert.equal(helpText({ help: 'Adam', range: true }, { min: 0, max: 1, exclusiveMin: true }), 'Adam, above 0 and at most 1');
  assert.equal(helpText({ help: '', range: true }, { min: 1, max: 3 }), '1–3');
  assert.equal(helpText({ help: 'per layer', range: true }, null), 'per layer');
  assert.equal(helpText({ help: 'same seed, same model', range: false }, { min: 0, max: 9 }), 'same seed, same model');
});

test('a range reads as people write it', () => {
  assert.equal(rangeText({ min: 1, max: 9 }), '1–9');
  assert.equal(rangeText({ min: 0, max: 1, exclusiveMin: true }), 'above 0 and at most 1');
  assert.equal(rangeText({ min: 0, max: 1, exclusiveMin: true, exclusiveMax: true }), 'in (0, 1)');
});

test('a number field says what is wrong with what was typed, against the server’s range', () => {
  const whole = { integer: true };
  assert.equal(numberError('', whole, { min: 1, max: 64 }), 'Required.');
  assert.equal(numberError('abc', whole, { min: 1, max: 64 }), 'Not a number.');
  assert.equal(numberError('2.5', whole, { min: 1, max: 64 }), 'A whole number, please.');
  assert.equal(numberError('0', whole, { min: 1, max: 64 }), 'At least 1.');
  assert.equal(numberError('65', whole, { min: 1, max: 64 }), 'At most 64.');
  assert.equal(numberError(' 64 ', whole, { min: 1, max: 64 }), '');
  const open = { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true };
  assert.equal(numberError('0', {}, open), 'Must be above 0.');
  assert.equal(numberError('1', {}, open), 'Must be below 1.');
  assert.equal(numberError('0.05', {}, open), '');
  assert.equal(numberError('7', whole, null), '', 'without a known range only the number is checked');
});
