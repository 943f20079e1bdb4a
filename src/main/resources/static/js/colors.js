/**
 * Fixed colour domains, so colours compare across units, vectors and models:
 *  - diverging red–blue on [-1, 1] for hidden state, candidate and cell state (cell is unbounded and is clipped
 *    to the same symmetric domain, as the legend says);
 *  - sequential green–blue on [0, 1] for gates;
 *  - sequential purple on [0, 1] for next-character probabilities.
 * Each scale precomputes 256 colours so a canvas can paint 40,000 squares per frame.
 */
import { isGate } from './chars.js';

const d3 = window.d3;
const STEPS = 256;

export class ColorScale {
  constructor({ name, domain, interpolator, low, high, note = '' }) {
    Object.assign(this, { name, domain, low, high, note, interpolator });
    this.fills = [];
    this.inks = [];
    for (let i = 0; i < STEPS; i++) {
      const colour = d3.rgb(interpolator(i / (STEPS - 1)));
      this.fills.push(colour.formatHex());
      // Dark squares get white characters; the threshold is on relative luminance.
      const lum = 0.2126 * lin(colour.r) + 0.7152 * lin(colour.g) + 0.0722 * lin(colour.b);
      this.inks.push(lum < 0.28 ? '#ffffff' : '#1b1b1b');
    }
  }

  index(value) {
    const [lo, hi] = this.domain;
    const t = (value - lo) / (hi - lo);
    if (!(t > 0)) return 0; // also NaN
    if (t >= 1) return STEPS - 1;
    return Math.round(t * (STEPS - 1));
  }

  fill(value) { return Number.isFinite(value) ? this.fills[this.index(value)] : '#d0d0d0'; }
  ink(value) { return Number.isFinite(value) ? this.inks[this.index(value)] : '#1b1b1b'; }
}

function lin(channel) {
  const c = channel / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export const DIVERGING = new ColorScale({
  name: 'diverging', domain: [-1, 1], interpolator: d3.interpolateRdBu, low: 'red', high: 'blue',
});

export const CELL = new ColorScale({
  name: 'cell', domain: [-1, 1], interpolator: d3.interpolateRdBu, low: 'red', high: 'blue',
  note: 'cell state is unbounded: shown on the same symmetric [−1, 1] scale, values beyond ±1 clipped',
});

export const SEQUENTIAL = new ColorScale({
  name: 'sequential', domain: [0, 1], interpolator: d3.interpolateGnBu, low: 'pale green', high: 'blue',
});

export const PROBABILITY = new ColorScale({
  name: 'probability', domain: [0, 1], interpolator: d3.interpolatePurples, low: 'white', high: 'purple',
});

/** The scale for a recorded vector: gates on [0, 1], everything else on [−1, 1]. */
export function scaleFor(vector) {
  if (isGate(vector)) return SEQUENTIAL;
  if (vector === 'cell') return CELL;
  return DIVERGING;
}
