import test from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, fill, format, resolve, say, text } from '../../main/resources/static/js/tour/template.js';

const probes = {
  best: [
    { layer: 0, vector: 'cell', unit: 5, variable: 'count', r: 0.9859 },
    { layer: 0, vector: 'candidate', unit: 1, variable: 'phase', r: -0.42 },
  ],
  ranking: [{ unit: 5, r: 0.98 }, { unit: 2, r: 0.6 }, { unit: 7, r: -0.55 }],
};

test('paths read fields, indices and the first item whose key has a value', () => {
  const scope = { probes };
  assert.equal(evaluate("probes.best[variable='count'].unit", scope), 5);
  assert.equal(evaluate('probes.best[1].vector', scope), 'candidate');
  assert.equal(evaluate("probes.best[variable='nothing'].unit", scope), undefined, 'a missing item is undefined, not an error');
  assert.equal(evaluate('nothing.at.all', scope), undefined);
});

test('arithmetic, comparisons, logic and functions follow the usual precedence', () => {
  const scope = { sweep: { firstFailing: 20 }, r: -0.8 };
  assert.equal(evaluate('sweep.firstFailing - 1', scope), 19);
  assert.equal(evaluate('1 + 2 * 3', scope), 7);
  assert.equal(evaluate('(1 + 2) * 3', scope), 9);
  assert.equal(evaluate('abs(r) >= 0.7 && r < 0', scope), true);
  assert.equal(evaluate('!(abs(r) >= 0.9) || false', scope), true);
  assert.equal(evaluate('-r', scope), 0.8);
  assert.equal(evaluate("sweep.firstFailing == null", scope), false);
  assert.equal(evaluate("sweep.nothing == null", scope), true, 'a missing field is null to ==');
  assert.equal(evaluate("sweep.points[size=20] != null", scope), false);
  assert.equal(evaluate("and(pluck(first(ranking, 3), 'unit'))", { ranking: probes.ranking }), '5, 2 and 7');
  assert.equal(evaluate("len(without(ranking, 'unit', 5))", { ranking: probes.ranking }), 2);
  assert.equal(evaluate("maxBy(ranking, 'r').unit", { ranking: probes.ranking }), 5);
  assert.equal(evaluate("or(missing, 'fallback')", {}), 'fallback');
  assert.equal(evaluate("after('aaaXbbb', 'X')", {}), 'bbb');
});

test('nothing but the language runs: unknown functions and stray characters are errors', () => {
  assert.throws(() => evaluate('alert(1)', {}), /unknown function/);
  assert.throws(() => evaluate('a ; b', {}), /cannot read/);
  assert.throws(() => evaluate('(1 + 2', {}), /expected '\)'/);
  assert.equal(evaluate('constructor', {}), undefined, 'names are looked up in the scope only');
});

test('formats write numbers as the pages do', () => {
  assert.equal(format(0.98599, '2'), '0.99');
  assert.equal(format(-0.5, '2'), '−0.50');
  assert.equal(format(-0.0001, '2'), '0.00');
  assert.equal(format(0.15, 'pct'), '15%');
  assert.equal(format(-0.85, 'points'), '−85 points');
  assert.equal(format('bbb\n', 'shown'), 'bbb⏎');
  assert.equal(format(undefined, '2'), '—');
  assert.equal(format(7), '7');
  assert.throws(() => format(1, 'nope'), /unknown format/);
});

test('fill marks every filled value with its expression and the value itself', () => {
  const parts = fill("{top.vector} unit {top.unit} follows a's − b's (r = {top.r|2}).", { top: probes.best[0] });
  assert.equal(text(parts), "cell unit 5 follows a's − b's (r = 0.99).");
  const r = parts.find((p) => p.expr === 'top.r');
  assert.equal(r.value, 0.9859);
  assert.equal(r.text, '0.99');
  const missing = fill('{nothing|2}', {});
  assert.equal(missing[0].missing, true);
  assert.equal(missing[0].text, '—');
  assert.equal(text(fill('{a || b}', { a: 0, b: 3 })), '3', "'||' inside the braces is the operator, not a format");
});

test('a claim whose condition fails on the model says the honest sentence instead', () => {
  const sentence = {
    when: 'abs(top.r) >= 0.7',
    claim: 'Unit {top.unit} counts (r = {top.r|2}).',
    honest: 'No single unit clearly counts: the best, unit {top.unit}, has r = {top.r|2}.',
  };
  const learned = say(sentence, { top: { unit: 5, r: 0.98 } });
  assert.equal(learned.branch, 'claim');
  assert.equal(text(learned.parts), 'Unit 5 counts (r = 0.98).');
  const unlearned = say(sentence, { top: { unit: 3, r: -0.31 } });
  assert.equal(unlearned.branch, 'honest');
  assert.equal(text(unlearned.parts), 'No single unit clearly counts: the best, unit 3, has r = −0.31.');
  assert.equal(say({ when: 'false', claim: 'x' }, {}), null, 'a claim without an honest branch is left out');
  assert.equal(say({ if: 'false', text: 'x' }, {}), null);
  assert.equal(say('plain {1 + 1}', {}).branch, 'plain');
});

test('resolve evaluates =expressions inside arguments, leaving other values as they are', () => {
  const args = resolve({ layer: '=top.layer', vector: '=top.vector', variable: 'count', limit: 3, list: ['=top.unit', 'x'] }, { top: probes.best[0] });
  assert.deepEqual(args, { layer: 0, vector: 'cell', variable: 'count', limit: 3, list: [5, 'x'] });
});

test('strings may be in single or double quotes, so a template can quote inside either', () => {
  assert.equal(evaluate(`choose(1 < 2, "stops earlier", 'goes further')`, {}), 'stops earlier');
  assert.equal(evaluate(`'it\\'s'`, {}), "it's");
  assert.equal(evaluate(`'\\n' + 'aaX'`, {}), '\naaX', 'a backslash-n in a string is the newline, the start token');
});
