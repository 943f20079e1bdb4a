/**
 * The state-space plane's range: the trajectories' extent with a margin, so that a fixed point far from
 * where the network ever goes does not squash the trajectories into a corner; such a point is pinned to
 * the edge in its direction and marked as outside. Pure: the dynamics panel draws with it.
 */

/** [lo, hi] of finite values, widened by a share of its width on each side (by 1 when it has none). */
function range(values, margin) {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return [-1, 1];
  let lo = Math.min(...finite), hi = Math.max(...finite);
  if (hi - lo < 1e-12) return [lo - 1, hi + 1];
  const pad = (hi - lo) * margin;
  lo -= pad;
  hi += pad;
  return [lo, hi];
}

/**
 * The domain {x: [lo, hi], y: [lo, hi]} of the plane over the trajectories' points ([pc1, pc2], a missing pc2 read as 0);
 * over the fixed points when there are no trajectories.
 */
export function planeDomain(trajectoryPoints, fixedPoints = [], margin = 0.05) {
  const points = trajectoryPoints.length ? trajectoryPoints : fixedPoints;
  return { x: range(points.map((p) => p[0]), margin), y: range(points.map((p) => p[1] ?? 0), margin) };
}

/** A point on the plane: itself inside the domain; else where the segment from the domain's centre to it leaves the domain. */
export function pin(domain, point) {
  const px = point[0], py = point[1] ?? 0;
  const [x0, x1] = domain.x, [y0, y1] = domain.y;
  if (px >= x0 && px <= x1 && py >= y0 && py <= y1) return { xy: [px, py], outside: false };
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, dx = px - cx, dy = py - cy;
  // the largest s ≤ 1 keeping centre + s · (d) inside, on each axis
  const s = Math.min(dx === 0 ? Infinity : ((dx > 0 ? x1 : x0) - cx) / dx, dy === 0 ? Infinity : ((dy > 0 ? y1 : y0) - cy) / dy);
  return { xy: [cx + s * dx, cy + s * dy], outside: true };
}
