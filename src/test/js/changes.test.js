import test from 'node:test';
import assert from 'node:assert/strict';
import { decodeChanges, encodeChanges } from '../../main/resources/static/js/analysis/changes.js';

test('a change is layer:vector:unit:mode:from, with the value only when clamping to a value', () => {
  assert.equal(encodeChanges([{ layer: 0, vector: 'cell', unit: 8, mode: 'zero', from: 0, value: 3 }]), '0:cell:8:zero:0');
  assert.equal(encodeChanges([
    { layer: 1, vector: 'forget_gate', unit: 2, mode: 'value', from: 4, value: 0.25 },
    { layer: 0, vector: 'hidden', unit: 0, mode: 'mean', from: 1 },
  ]), '1:forget_gate:2:value:4:0.25,0:hidden:0:mean:1');
});

test('changes survive a round trip through the URL text', () => {
  const changes = [
    { layer: 1, vector: 'forget_gate', unit: 2, mode: 'value', from: 4, value: -0.5 },
    { layer: 0, vector: 'cell', unit: 9, mode: 'shut', from: 3, value: 0 },
  ];
  assert.deepEqual(decodeChanges(encodeChanges(changes)), changes);
});

test('no text is no change; missing or unreadable parts read as their defaults', () => {
  assert.deepEqual(decodeChanges(''), []);
  assert.deepEqual(decodeChanges('x::y'), [{ layer: 0, vector: 'cell', unit: 0, mode: 'zero', from: 0, value: 0 }]);
});
