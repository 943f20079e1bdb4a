import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pin, planeDomain } from '../../main/resources/static/js/analysis/plane.js';

test('the plane spans the trajectories with a margin, whatever the fixed points', () => {
  const domain = planeDomain([[0, 0], [10, 4], [5, 2]], [[1000, -500]]);
  assert.deepEqual(domain.x, [-0.5, 10.5]);
  assert.deepEqual(domain.y, [-0.2, 4.2]);
});

test('without trajectories the fixed points set the plane; a flat axis gets a width', () => {
  assert.deepEqual(planeDomain([], [[2, 3], [4, 3]], 0).y, [2, 4]);
  assert.deepEqual(planeDomain([[1], [3]], [], 0), { x: [1, 3], y: [-1, 1] }, 'a missing second component reads as 0');
});

test('a point inside stays; one outside is pinned where the way to it from the centre leaves the plane', () => {
  const domain = { x: [0, 10], y: [0, 4] };
  assert.deepEqual(pin(domain, [3, 1]), { xy: [3, 1], outside: false });
  assert.deepEqual(pin(domain, [105, 2]), { xy: [10, 2], outside: true });
  const far = pin(domain, [5, -98]);
  assert.equal(far.outside, true);
  assert.deepEqual(far.xy, [5, 0]);
  const corner = pin(domain, [25, 12]); // from (5, 2): x reaches 10 at s = 0.25, y reaches 4 at s = 0.2
  assert.deepEqual(corner.xy, [5 + 0.2 * 20, 4]);
});
