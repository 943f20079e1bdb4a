/**
 * Gate saturation (Karpathy, Johnson & Fei-Fei 2015, fig. 3): per layer and gate, each unit a dot at
 * (fraction of timesteps with the gate < 0.1, fraction > 0.9).
 */
import { analysisApi } from '../api.js';
import { vectorLabel } from '../chars.js';
import { el, fmt } from '../dom.js';
import { LoadOncePanel } from './shared.js';

const d3 = window.d3;

export class SaturationPanel extends LoadOncePanel {
  constructor(root, ctx) {
    super(root, ctx, 'Counting saturated gates over the test set…', 'Could not measure gate saturation');
  }

  fetch() { return analysisApi.saturation(this.ctx.model.id); }

  render(sat) {
    const intro = el('p', 'analysis-intro',
      `Each dot is one unit’s gate over ${sat.timesteps} test timesteps: across, how often it is shut (< ${sat.low}); up, how often `
      + `it is open (> ${sat.high}). Dots can only lie below the diagonal, since both add up to at most 1. On the diagonal a gate `
      + 'is a switch that is never in between; near the top-left it is almost always open (a forget gate there remembers for long); '
      + 'near the bottom-right almost always shut; near the origin it works in the middle of its range.');
    const groups = d3.groups(sat.units, (u) => u.layer, (u) => u.gate);
    const grid = el('div', 'saturation-grid');
    grid.id = 'saturation-grid';
    if (!sat.units.length) {
      this.root.replaceChildren(intro, el('p', 'empty-state', 'This cell has no gates.'));
      return;
    }
    const size = 220;
    const m = { top: 8, right: 14, bottom: 34, left: 58 };
    for (const [layer, gates] of groups) {
      for (const [gate, units] of gates) {
        const box = el('figure', 'saturation-plot');
        box.append(el('figcaption', '', `${this.ctx.model.layers > 1 ? `layer ${layer + 1} · ` : ''}${vectorLabel(gate)}`));
        const x = d3.scaleLinear().domain([0, 1]).range([m.left, size - m.right]);
        const y = d3.scaleLinear().domain([0, 1]).range([size - m.bottom, m.top]);
        const svg = d3.select(box).append('svg').attr('width', size).attr('height', size).attr('viewBox', `0 0 ${size} ${size}`)
          .attr('role', 'img').attr('aria-label', `${vectorLabel(gate)} saturation`);
        svg.append('path').attr('class', 'saturation-impossible')
          .attr('d', `M${x(0)},${y(1)} L${x(1)},${y(1)} L${x(1)},${y(0)} Z`);
        svg.append('line').attr('class', 'saturation-diagonal').attr('x1', x(0)).attr('y1', y(1)).attr('x2', x(1)).attr('y2', y(0));
        svg.append('g').attr('transform', `translate(0,${size - m.bottom})`).call(d3.axisBottom(x).ticks(4).tickFormat(d3.format('.0%')));
        svg.append('g').attr('transform', `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(4).tickFormat(d3.format('.0%')));
        svg.append('text').attr('class', 'axis-title').attr('x', (m.left + size - m.right) / 2).attr('y', size - 4)
          .attr('text-anchor', 'middle').text(`shut (< ${sat.low})`);
        svg.append('text').attr('class', 'axis-title').attr('transform', `translate(12,${(m.top + size - m.bottom) / 2}) rotate(-90)`)
          .attr('text-anchor', 'middle').text(`open (> ${sat.high})`);
        svg.append('g').selectAll('circle').data(units).join('circle').attr('class', 'saturation-dot')
          .attr('cx', (u) => x(u.leftSaturated)).attr('cy', (u) => y(u.rightSaturated)).attr('r', 4)
          .append('title').text((u) => `unit ${u.unit}: shut ${fmt(u.leftSaturated * 100, 0)}% · open ${fmt(u.rightSaturated * 100, 0)}% of the time`);
        grid.append(box);
      }
    }
    this.root.replaceChildren(intro, grid);
  }
}
