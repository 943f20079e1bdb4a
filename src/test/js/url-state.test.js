import test from 'node:test';
import assert from 'node:assert/strict';
import { mergeSchemas, readState, strings, toSearch } from '../../main/resources/static/js/url-state.js';

const SCHEMA = {
  layer: { type: 'int', default: 0, min: 0, max: 2 },
  vector: { type: 'string', default: 'hidden' },
  hide: { type: 'bool', default: false },
};

test('a missing key reads as its default', () => {
  assert.deepEqual(readState(SCHEMA, ''), { layer: 0, vector: 'hidden', hide: false });
});

test('integers are parsed and clamped to their range; junk reads as the default', () => {
  assert.equal(readState(SCHEMA, '?layer=1').layer, 1);
  assert.equal(readState(SCHEMA, '?layer=7').layer, 2);
  assert.equal(readState(SCHEMA, '?layer=-3').layer, 0);
  assert.equal(readState(SCHEMA, '?layer=abc').layer, 0);
});

test('a bool is on for 1 or true only', () => {
  assert.equal(readState(SCHEMA, '?hide=1').hide, true);
  assert.equal(readState(SCHEMA, '?hide=true').hide, true);
  assert.equal(readState(SCHEMA, '?hide=0').hide, false);
  assert.equal(readState(SCHEMA, '?hide=yes').hide, false);
});

test('defaults and empty values stay out of the query string', () => {
  assert.equal(toSearch(SCHEMA, { layer: 0, vector: 'hidden', hide: false }), '');
  assert.equal(toSearch(SCHEMA, { layer: 0, vector: '', hide: false }), '');
  assert.equal(toSearch(SCHEMA, { layer: 2, vector: 'cell', hide: true }), '?layer=2&vector=cell&hide=1');
});

test('keys outside the schema are neither read nor written', () => {
  assert.equal('other' in readState(SCHEMA, '?other=5'), false);
  assert.equal(toSearch(SCHEMA, { layer: 1, other: 5 }), '?layer=1');
});

test('a state written and read back is the same state, special characters included', () => {
  const state = { layer: 1, vector: 'a b&c=d⏎', hide: true };
  assert.deepEqual(readState(SCHEMA, toSearch(SCHEMA, state)), state);
});

test('slices merge into one schema, in order, and a key declared twice throws', () => {
  const merged = mergeSchemas(SCHEMA, { tab: { type: 'string', default: '' } }, { iv: { type: 'string', default: '' } });
  assert.deepEqual(Object.keys(merged), ['layer', 'vector', 'hide', 'tab', 'iv']);
  assert.equal(merged.layer, SCHEMA.layer);
  assert.throws(() => mergeSchemas(SCHEMA, { layer: { type: 'int', default: 1 } }), /layer/);
});

test('a string with a list of values reads anything else as its default', () => {
  const schema = { sample: { type: 'string', default: 'test', values: ['test', 'train'] } };
  assert.equal(readState(schema, '?sample=train').sample, 'train');
  assert.equal(readState(schema, '?sample=secret').sample, 'test');
});

test('strings declares string keys by their defaults, in order', () => {
  const schema = strings({ task: 'anbn', lab: '' });
  assert.deepEqual(schema, { task: { type: 'string', default: 'anbn' }, lab: { type: 'string', default: '' } });
  assert.deepEqual(Object.keys(schema), ['task', 'lab']);
  assert.deepEqual(readState(schema, '?lab=lab-1'), { task: 'anbn', lab: 'lab-1' });
});
