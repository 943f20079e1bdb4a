import test from 'node:test';
import assert from 'node:assert/strict';
import { inputSentence, integratorClaim, memoryClaim, name } from '../../main/resources/static/js/analysis/dynamics-claims.js';

const point = (stability, samples, variables = {}, examples = []) => ({ stability, reached: { samples, variables, examples } });

test('two stable points reached from different states are a memory, named by the variable that tells them apart', () => {
  const d = { inputs: [{ input: 'x', candidates: 3, points: [point('saddle', 0), point('stable', 12, { state: 1, x_seen: 4 }, ['\nAxx']),
    point('stable', 9, { state: -1, x_seen: 4 }, ['\nBx'])] }] };
  const claim = memoryClaim(d);
  assert.equal(claim.holds, true);
  assert.match(claim.text, /under x there are 2 stable fixed points/);
  assert.match(claim.text, /state \(1\.00 and −1\.00\)/);
  const two = memoryClaim({ inputs: [{ ...d.inputs[0], input: 'Y' }, d.inputs[0]] });
  assert.match(two.text, /under Y there are 2 .*; under x there are 2/);
  assert.match(inputSentence(d.inputs[0]), /^Under x: 2 stable, 1 saddle points\. 12 test states settle on one after “⏎Axx”/);
});

test('without two reached stable points the page says there is no memory', () => {
  const d = { inputs: [{ input: 'a', candidates: 5, points: [point('stable', 3)] }, { input: 'b', candidates: 2, points: [] }] };
  assert.equal(memoryClaim(d).holds, false);
  assert.match(inputSentence(d.inputs[1]), /no fixed or slow point/);
});

test('an eigenvalue near 1 led by the probe unit is an integrator; led by another unit, the claim fails and says by whom', () => {
  const mode = (modulus, u) => ({ eigenvalue: { re: modulus, im: 0, modulus }, units: [{ layer: 0, vector: 'cell', unit: u, weight: 1 }] });
  const at = { sequence: 2, t: 4, input: 'a', modes: [mode(1.01, 2), mode(0.985, 5), mode(0.5, 1)] };
  const counting = { layer: 0, vector: 'cell', unit: 5, variable: 'count' };
  const yes = integratorClaim(at, counting);
  assert.equal(yes.holds, true);
  assert.match(yes.text, /0\.985/);
  const no = integratorClaim(at, { ...counting, unit: 1 });
  assert.equal(no.holds, false);
  assert.match(no.text, /led by cell 2, cell 5/);
  assert.equal(integratorClaim({ ...at, modes: [mode(0.5, 1)] }, counting).holds, false);
});

test('a unit of a deeper layer is named by its layer counted from 1, as the page headings count them', () => {
  assert.equal(name({ layer: 0, vector: 'cell', unit: 3 }), 'cell 3');
  assert.equal(name({ layer: 1, vector: 'hidden', unit: 7 }), 'layer 2 hidden 7');
});
