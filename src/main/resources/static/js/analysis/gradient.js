/**
 * Gradient flow through time: for the playground sequence and a target position t (click a column),
 * ‖∂loss_t/∂c_k‖ and ‖∂loss_t/∂h_k‖ for every k ≤ t, one strip per layer and state, on a log colour scale.
 */
import { analysisApi } from '../api.js';
import { START_TOKEN, displayChar } from '../chars.js';
import { el, fmt, message, status } from '../dom.js';
import { Panel } from './shared.js';

const d3 = window.d3;
const CELL_W = 18, ROW_H = 20, LABEL_W = 150;

export class GradientPanel extends Panel {
  /** Its slice of the page URL: the target position (−1: the last). */
  static url = { gt: { type: 'int', default: -1, min: -1 } };

  constructor(root, ctx) {
    super(root, ctx);
    this.key = null;
    this.request = null;
  }

  open() { this.refresh(); }

  inputChanged() { this.ctx.state.gt = -1; this.refresh(); }

  sequence() {
    const text = this.ctx.input.text() || this.ctx.input.example();
    return text.endsWith(START_TOKEN) ? text : `${text}${START_TOKEN}`;
  }

  async refresh() {
    const sequence = this.sequence();
    let t = this.ctx.state.gt;
    if (!(t >= 0 && t < sequence.length)) t = sequence.length - 1;
    const key = `${sequence}|${t}`;
    if (key === this.key) return;
    this.key = key;
    this.request?.abort();
    const controller = new AbortController();
    this.request = controller;
    if (!this.root.firstChild) status(this.root, 'loading', 'Back-propagating the loss at one position…');
    try {
      const flow = await analysisApi.gradientFlow(this.ctx.model.id, sequence, t, { signal: controller.signal });
      if (this.request !== controller) return;
      this.render(flow);
    } catch (err) {
      if (err.name === 'AbortError') return;
      this.key = null;
      status(this.root, 'error', `Could not compute the gradients: ${message(err)}`);
    }
  }

  render(flow) {
    const sequence = flow.sequence;
    const read = `${START_TOKEN}${sequence}`.slice(0, sequence.length);
    const t = flow.target;
    const rows = [];
    for (const layer of flow.layers) {
      for (const s of layer.states) {
        const name = s.vector === 'cell' ? 'c' : s.vector === 'hidden' ? 'h' : s.vector;
        rows.push({ label: `${this.ctx.model.layers > 1 ? `layer ${layer.layer + 1} ` : ''}‖∂loss/∂${name}ₖ‖`, norms: s.norms });
      }
    }
    const positive = rows.flatMap((r) => r.norms).filter((v) => v > 0);
    const lo = positive.length ? Math.max(d3.min(positive), d3.max(positive) * 1e-8) : 1e-6;
    const hi = positive.length ? d3.max(positive) : 1;
    const colour = d3.scaleSequentialLog(d3.interpolateYlOrRd).domain([lo, Math.max(hi, lo * 10)]).clamp(true);

    const intro = el('p', 'analysis-intro',
      `Loss at position t = ${t} (predicting ‘${displayChar(flow.expected)}’ after reading ‘${displayChar(read[t])}’): `
      + `${fmt(flow.loss, 4)}. Each square is the size of its gradient with respect to the state after timestep k — how much `
      + 'that step can still change the loss at t. Faint to the left means the gradient vanishes on the way back. '
      + 'Click a column to move t. The sequence is the playground’s (or a task example) with its final ⏎.');
    const width = LABEL_W + read.length * CELL_W + 10;
    const height = 20 + rows.length * ROW_H + 4;
    const holder = el('div', 'gradient-scroll');
    const svg = d3.select(holder).append('svg').attr('id', 'gradient-strip').attr('width', width).attr('height', height)
      .attr('role', 'img').attr('aria-label', 'Gradient norms by timestep');
    const cols = svg.append('g').selectAll('g').data(Array.from(read)).join('g')
      .attr('class', (_, k) => `gradient-col ${k === t ? 'target' : ''}`)
      .attr('transform', (_, k) => `translate(${LABEL_W + k * CELL_W},0)`)
      .on('click', (event) => { this.ctx.state.gt = Number(event.currentTarget.dataset.k); this.ctx.sync(); this.refresh(); })
      .attr('data-k', (_, k) => k);
    cols.append('rect').attr('class', 'gradient-hit').attr('width', CELL_W).attr('height', height);
    cols.append('text').attr('class', 'gradient-char').attr('x', CELL_W / 2).attr('y', 14).attr('text-anchor', 'middle').text((ch) => displayChar(ch));
    rows.forEach((row, r) => {
      const y = 20 + r * ROW_H;
      svg.append('text').attr('class', 'gradient-label').attr('x', LABEL_W - 6).attr('y', y + 14).attr('text-anchor', 'end').text(row.label);
      svg.append('g').selectAll('rect').data(row.norms).join('rect').attr('class', 'gradient-cell')
        .attr('x', (_, k) => LABEL_W + k * CELL_W + 1).attr('y', y + 1).attr('width', CELL_W - 2).attr('height', ROW_H - 2)
        .style('fill', (v) => (v > 0 ? colour(v) : '#e4e4e4'))
        .style('pointer-events', 'none')
        .append('title').text((v, k) => `k = ${k}: ${v > 0 ? v.toExponential(2) : '0'}`);
    });
    svg.append('rect').attr('class', 'gradient-target').attr('x', LABEL_W + t * CELL_W).attr('y', 0).attr('width', CELL_W).attr('height', height - 2);

    const legend = el('div', 'gradient-legend');
    const bar = el('canvas', 'legend-gradient');
    bar.width = 256;
    bar.height = 1;
    const c = bar.getContext('2d');
    for (let i = 0; i < 256; i++) { c.fillStyle = d3.interpolateYlOrRd(i / 255); c.fillRect(i, 0, 1, 1); }
    legend.append(el('span', 'legend-title', 'gradient norm, log scale'), el('span', 'legend-tick', lo.toExponential(0)), bar,
      el('span', 'legend-tick', colour.domain()[1].toExponential(0)), el('span', 'legend-note', 'grey = exactly 0 (e.g. c at k = t reaches the loss only through h)'));
    this.root.replaceChildren(intro, legend, holder);
  }
}
