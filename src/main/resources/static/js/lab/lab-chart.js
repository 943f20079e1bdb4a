/**
 * Accuracy against size, one line per run (colour: cell, dash: seed), the training range shaded. A
 * click on a point emits 'open' with the run: the page then opens that model at its first failing
 * sequence. The y domain is fixed to [0, 1] so charts compare.
 */
import { Emitter } from '../emitter.js';
import { cellLabel } from '../chars.js';

const d3 = window.d3;
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'];

export class LabChart extends Emitter {
  constructor(container, { height = 260 } = {}) {
    super();
    this.height = height;
    this.root = document.createElement('div');
    this.root.className = 'lab-chart';
    this.key = document.createElement('div');
    this.key.className = 'linechart-key';
    this.svg = d3.create('svg').attr('class', 'lab-chart-svg').attr('height', height);
    this.root.append(this.key, this.svg.node());
    container.append(this.root);
    this.lab = null;
    this.highlight = null;
    new ResizeObserver(() => this.draw()).observe(this.root);
  }

  setLab(lab) { this.lab = lab; this.draw(); }

  /** Emphasises one run's line (e.g. while its table row is hovered). */
  setHighlight(run) { this.highlight = run ? `${run.cell}|${run.seed}` : null; this.draw(); }

  draw() {
    const lab = this.lab;
    const width = Math.max(320, this.root.clientWidth || 640);
    this.svg.attr('width', width).selectAll('*').remove();
    if (!lab) return;
    const m = { top: 10, right: 16, bottom: 34, left: 44 };
    const runs = lab.runs.filter((r) => r.accuracy && r.accuracy.length);
    const maxSize = Math.max(lab.sweepSizes.max, ...runs.map((r) => r.accuracy[r.accuracy.length - 1][0]));
    const x = d3.scaleLinear().domain([1, maxSize]).range([m.left, width - m.right]);
    const y = d3.scaleLinear().domain([0, 1]).range([this.height - m.bottom, m.top]);
    const color = d3.scaleOrdinal(d3.schemeTableau10).domain(lab.cells);

    this.svg.append('rect').attr('class', 'lab-train-range')
      .attr('x', x(1)).attr('width', Math.max(0, x(lab.trainRange.max) - x(1)))
      .attr('y', m.top).attr('height', this.height - m.top - m.bottom);
    this.svg.append('text').attr('class', 'lab-train-range-label').attr('x', x(1) + 4).attr('y', m.top + 12)
      .text(`trained on ${lab.trainRange.min}–${lab.trainRange.max}`);
    this.svg.append('g').attr('transform', `translate(0,${this.height - m.bottom})`).call(d3.axisBottom(x).ticks(10, 'd'));
    this.svg.append('g').attr('transform', `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5, '.0%'));
    this.svg.append('text').attr('class', 'axis-label').attr('x', width - m.right).attr('y', this.height - 4).attr('text-anchor', 'end')
      .text(lab.sizeName);

    const line = d3.line().x((p) => x(p[0])).y((p) => y(p[1]));
    for (const run of runs) {
      const key = `${run.cell}|${run.seed}`;
      const g = this.svg.append('g').attr('class', 'lab-run').attr('data-cell', run.cell).attr('data-seed', run.seed)
        .classed('highlight', this.highlight === key).classed('dim', this.highlight !== null && this.highlight !== key);
      g.append('path').attr('d', line(run.accuracy)).attr('fill', 'none').attr('stroke', color(run.cell))
        .attr('stroke-width', this.highlight === key ? 3 : 1.5).attr('stroke-dasharray', DASHES[lab.seeds.indexOf(run.seed) % DASHES.length]);
      g.selectAll('circle').data(run.accuracy).join('circle')
        .attr('class', 'lab-point').attr('cx', (p) => x(p[0])).attr('cy', (p) => y(p[1])).attr('r', 3).attr('fill', color(run.cell))
        .attr('tabindex', 0).attr('role', 'button')
        .on('click', () => this.emit('open', run))
        .on('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); this.emit('open', run); } })
        .append('title').text((p) => `${cellLabel(run.cell)}, seed ${run.seed}: ${Math.round(p[1] * 100)}% at ${p[0]}`
          + (run.firstFailing ? ` · first fails at ${run.firstFailing}; click to open it` : ' · never fails; click to open the model'));
    }
    this.key.replaceChildren(...lab.cells.map((cell) => {
      const item = document.createElement('span');
      item.className = 'linechart-key-item';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = color(cell);
      item.append(swatch, document.createTextNode(cellLabel(cell)));
      return item;
    }), Object.assign(document.createElement('span'), { className: 'linechart-readout',
      textContent: `dashes tell the seeds apart (${lab.seeds.join(', ')})` }));
  }
}
