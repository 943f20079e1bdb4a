/**
 * Length generalisation sweep: sequence accuracy against size with the training range shaded. Clicking a
 * point puts that size's example (through the delimiter) in the playground and generates from it.
 */
import { analysisApi } from '../api.js';
import { displayText, percent } from '../chars.js';
import { el } from '../dom.js';
import { LoadOncePanel, throughDelimiter } from './shared.js';

const d3 = window.d3;

export class SweepPanel extends LoadOncePanel {
  constructor(root, ctx) {
    super(root, ctx, 'Scoring sequences of every size…', 'Could not run the sweep');
  }

  fetch() { return analysisApi.lengthSweep(this.ctx.model.id, { perSize: 20, seed: 1 }); }

  render(sweep) {
    const delimiter = this.ctx.task?.delimiter;
    const points = sweep.points;
    const firstFail = points.find((p) => p.accuracy < 1);
    const intro = el('p', 'analysis-intro',
      `Accuracy on up to 20 random sequences of each size ${sweep.sizeName ? `(${sweep.sizeName})` : ''}; the shaded band is the range `
      + `trained on (${sweep.trainRange.min}–${sweep.trainRange.max}). Click a point to open its example in the playground.`);
    const chart = el('div', 'sweep-chart');
    chart.id = 'sweep-chart';
    const width = Math.max(480, Math.min(1180, this.root.clientWidth || 900));
    const height = 260;
    const m = { top: 12, right: 16, bottom: 36, left: 48 };
    const x = d3.scaleLinear().domain([sweep.sizes.min - 0.5, sweep.sizes.max + 0.5]).range([m.left, width - m.right]);
    const y = d3.scaleLinear().domain([0, 1]).range([height - m.bottom, m.top]);
    const svg = d3.select(chart).append('svg').attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('role', 'img').attr('aria-label', 'Accuracy against sequence size');
    svg.append('rect').attr('class', 'sweep-train').attr('x', x(sweep.trainRange.min - 0.5)).attr('y', m.top)
      .attr('width', x(sweep.trainRange.max + 0.5) - x(sweep.trainRange.min - 0.5)).attr('height', height - m.top - m.bottom);
    svg.append('text').attr('class', 'sweep-train-label').attr('x', x((sweep.trainRange.min + sweep.trainRange.max) / 2))
      .attr('y', m.top + 14).attr('text-anchor', 'middle').text('trained on');
    svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(d3.axisBottom(x).ticks(Math.min(20, points.length)).tickFormat(d3.format('d')));
    svg.append('g').attr('transform', `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
    svg.append('text').attr('class', 'axis-title').attr('x', (m.left + width - m.right) / 2).attr('y', height - 4)
      .attr('text-anchor', 'middle').text(sweep.sizeName || 'size');
    svg.append('path').datum(points).attr('class', 'sweep-line')
      .attr('d', d3.line().x((p) => x(p.size)).y((p) => y(p.accuracy)));
    const dots = svg.append('g').selectAll('circle').data(points).join('circle')
      .attr('class', (p) => `sweep-point ${p.accuracy < 1 ? 'fails' : ''}`)
      .attr('cx', (p) => x(p.size)).attr('cy', (p) => y(p.accuracy)).attr('r', 5)
      .attr('tabindex', 0).attr('data-size', (p) => p.size)
      .on('click', (event, p) => this.openExample(p, delimiter))
      .on('keydown', (event, p) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); this.openExample(p, delimiter); } });
    dots.append('title').text((p) => `size ${p.size}: ${percent(p.accuracy)} of ${p.sequences} · example ${displayText(p.example)}`
      + (p.exampleCorrect ? '' : ` — predicted ${displayText(p.examplePredicted)} instead of ${displayText(p.exampleExpected)}`)
      + ' · click to open it in the playground');
    const parts = [intro, chart];
    if (firstFail) {
      const note = el('p', 'sweep-note');
      note.append(`First size it gets wrong: ${firstFail.size} (${percent(firstFail.accuracy)} right). Its example reads `,
        el('code', '', displayText(throughDelimiter(firstFail.example, delimiter))), ' and the model writes ',
        el('code', 'bad', displayText(firstFail.examplePredicted)), ' instead of ', el('code', '', displayText(firstFail.exampleExpected)), '. ');
      const open = el('button', 'button button-small', `Open size ${firstFail.size} in the playground`);
      open.type = 'button';
      open.id = 'sweep-open-failure';
      open.addEventListener('click', () => this.openExample(firstFail, delimiter));
      note.append(open);
      parts.push(note);
    } else {
      parts.push(el('p', 'sweep-note', 'The model gets every size right, far past what it was trained on.'));
    }
    this.root.replaceChildren(...parts);
  }

  openExample(point, delimiter) {
    this.ctx.input.set(throughDelimiter(point.example, delimiter), { generate: true });
  }
}
