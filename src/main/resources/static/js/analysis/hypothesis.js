/**
 * Hypothesis select and match (as in LSTMVis): pick a timestep range of the playground input (drag across the
 * heat map, or set from / to) and a threshold; the units on throughout it and off around it are selected, and
 * the places in the test set where that unit set switches on are listed, ranked by overlap.
 */
import { analysisApi, api } from '../api.js';
import { START_TOKEN, displayText, isGate, vectorLabel } from '../chars.js';
import { layerOf } from '../trace-data.js';
import { button, el, fmt, labelled, link, message, numberInput, status } from '../dom.js';
import { Panel } from './shared.js';

export class HypothesisPanel extends Panel {
  /** Its slice of the page URL: the timestep range and the threshold. */
  static url = {
    hf: { type: 'int', default: -1, min: -1 },
    ht: { type: 'int', default: -1, min: -1 },
    thr: { type: 'string', default: '0.5' },
  };

  constructor(root, ctx) {
    super(root, ctx);
    this.built = false;
    this.drag = null;
    this.dragged = false;
    this.active = false;
  }

  open() {
    this.active = true;
    if (!this.built) this.build();
    this.syncLimits();
    if (this.ctx.state.hf >= 0) this.run();
    else this.startFromTheModel();
  }

  /**
   * With no range in the address, the first selection comes from the model: the longest run at or above the
   * threshold, with the unit off just before and after, of the probes' top unit of the shown vector (else of any
   * unit) in the input; so the panel opens on units that do switch on.
   */
  async startFromTheModel() {
    const s = this.ctx.state;
    const threshold = Number(this.threshold.value);
    try {
      const [trace, board] = await Promise.all([
        api.trace(this.ctx.model.id, this.input(), { layer: s.layer, vectors: s.vector }),
        analysisApi.probes(this.ctx.model.id, 10).catch(() => null),
      ]);
      const values = layerOf(trace, s.layer)?.vectors?.[s.vector];
      if (!values || !values.length || this.ctx.state.hf >= 0) return;
      const top = (board?.best || []).find((p) => p.layer === s.layer && p.vector === s.vector);
      const run = (top && longestRun(values, top.unit, threshold)) || bestRun(values, threshold);
      if (!run) return;
      this.setRange(run.from, run.to);
      this.run();
    } catch (err) {
      status(this.output, 'error', `Could not pick a first selection: ${message(err)}`);
    }
  }

  close() { this.active = false; }

  input() { return `${START_TOKEN}${this.ctx.input.text() || this.ctx.input.example()}`; }

  build() {
    this.built = true;
    const s = this.ctx.state;
    this.from = numberInput(s.hf >= 0 ? s.hf : 1, 0, 1000);
    this.to = numberInput(s.ht >= 0 ? s.ht : 3, 0, 1000);
    this.threshold = el('input', 'threshold-slider');
    this.threshold.type = 'range';
    this.threshold.id = 'hypothesis-threshold';
    this.threshold.step = '0.05';
    this.thresholdValue = el('span', 'threshold-value');
    this.setThresholdRange();
    this.threshold.value = String(Number.isFinite(Number(s.thr)) ? Number(s.thr) : 0.5);
    this.thresholdValue.textContent = fmt(Number(this.threshold.value));
    this.threshold.addEventListener('input', () => { this.thresholdValue.textContent = fmt(Number(this.threshold.value)); });
    this.threshold.addEventListener('change', () => this.run());
    const find = button('Find units and matches', 'button button-primary', () => this.run());
    find.id = 'hypothesis-run';
    const controls = el('div', 'hypothesis-controls');
    const thr = labelled('threshold', this.threshold, 'control control-inline');
    thr.append(this.thresholdValue);
    controls.append(labelled('from t', this.from, 'control control-inline'), labelled('to t', this.to, 'control control-inline'), thr, find);
    this.output = el('div', 'hypothesis-result');
    this.output.id = 'hypothesis-result';
    this.root.replaceChildren(el('p', 'analysis-intro',
      'Drag across the heat map above (with your own sequence in the playground) or set the timesteps, then the threshold. '
      + 'Selected: the units of the shown vector that are at or above it throughout the range and below it just before and after. '
      + 'Then every place in the test set where all of them switch on together, best overlap first.'), controls, this.output);
    this.attachBrush();
  }

  setThresholdRange() {
    const gate = isGate(this.ctx.view.vector);
    this.threshold.min = gate ? '0' : '-1';
    this.threshold.max = '1';
  }

  syncLimits() {
    const max = this.input().length - 1;
    this.from.max = String(max);
    this.to.max = String(max);
    this.setThresholdRange();
  }

  /** Dragging across the network heat map picks the range; a drag does not open the neuron view. */
  attachBrush() {
    const heatmap = this.ctx.view.units;
    heatmap.canvas.addEventListener('mousedown', (event) => {
      if (!this.active || !this.ctx.view.fromInput) return;
      const hit = heatmap.hitTest(event);
      if (hit.col < 0) return;
      this.drag = { start: hit.col, x: event.clientX };
      this.dragged = false;
    });
    window.addEventListener('mousemove', (event) => {
      if (!this.drag) return;
      if (Math.abs(event.clientX - this.drag.x) > 4) this.dragged = true;
      const hit = heatmap.hitTest(event);
      if (hit.col >= 0) this.setRange(this.drag.start, hit.col);
    });
    window.addEventListener('mouseup', () => {
      if (!this.drag) return;
      const dragged = this.dragged;
      this.drag = null;
      if (dragged) this.run();
    });
    heatmap.track.addEventListener('click', (event) => {
      if (this.dragged) { event.stopPropagation(); this.dragged = false; }
    }, true);
  }

  setRange(a, b) {
    this.from.value = String(Math.min(a, b));
    this.to.value = String(Math.max(a, b));
  }

  inputChanged() { if (this.built) this.syncLimits(); }

  viewChanged() { if (this.built) { this.setThresholdRange(); if (this.active && this.ctx.state.hf >= 0) this.run(); } }

  async run() {
    const s = this.ctx.state;
    s.hf = Number(this.from.value);
    s.ht = Number(this.to.value);
    s.thr = this.threshold.value;
    this.ctx.sync();
    const input = this.input();
    const body = { input, layer: this.ctx.view.layer, vector: this.ctx.view.vector, from: s.hf, to: s.ht, threshold: Number(s.thr), limit: 20 };
    status(this.output, 'loading', 'Selecting units and searching the test set…');
    try {
      this.render(await analysisApi.hypothesis(this.ctx.model.id, body));
    } catch (err) {
      status(this.output, 'error', `Could not test the hypothesis: ${message(err)}`);
    }
  }

  render(h) {
    const sel = h.selection;
    this.ctx.view.setRowMarks(sel.units);
    const head = el('p', 'hypothesis-selection');
    head.append(`${vectorLabel(sel.vector)} ≥ ${fmt(sel.threshold)} throughout t ${sel.from}–${sel.to} (`,
      el('code', '', displayText(sel.text)), ') and below it around: ');
    if (!sel.units.length) {
      head.append(el('strong', '', 'no unit. '), 'Try a lower threshold or another range.');
      this.output.replaceChildren(head);
      return;
    }
    sel.units.forEach((u, i) => {
      if (i) head.append(', ');
      head.append(link(`unit ${u}`, `/models/${encodeURIComponent(this.ctx.model.id)}/layers/${sel.layer}/units/${u}?vector=${encodeURIComponent(sel.vector)}`));
    });
    head.append(` — marked ● in the heat map. ${h.totalMatches} place${h.totalMatches === 1 ? '' : 's'} in the test set switch them on together.`);
    const table = el('table', 'analysis-table match-table');
    table.id = 'match-table';
    const hr = el('tr');
    for (const t of ['#', 'test sequence', 'where', 'overlap', 'units on']) hr.append(el('th', '', t));
    table.append(el('thead'));
    table.firstChild.append(hr);
    const body = el('tbody');
    h.matches.forEach((m, i) => {
      const tr = el('tr');
      const context = el('td', 'match-context');
      context.append(el('span', 'faint', displayText(m.before)), el('mark', '', displayText(m.text)), el('span', 'faint', displayText(m.after)));
      tr.append(el('td', 'num', i + 1), el('td', 'num', `#${m.sequence + 1}`), context, el('td', 'num', `${Math.round(m.jaccard * 100)}%`),
        el('td', 'num', m.unitsOn));
      body.append(tr);
    });
    table.append(body);
    this.output.replaceChildren(head, table);
  }
}

/** The longest run of timesteps where the unit is at or above the threshold, below it just before and after. */
function longestRun(values, unit, threshold) {
  let best = null;
  for (let t = 1; t < values.length - 1; t++) {
    if (!(values[t][unit] >= threshold) || values[t - 1][unit] >= threshold) continue;
    let end = t;
    while (end + 1 < values.length && values[end + 1][unit] >= threshold) end++;
    if (end + 1 < values.length && (!best || end - t > best.to - best.from)) best = { unit, from: t, to: end };
    t = end;
  }
  return best;
}

/** The longest such run of any unit. */
function bestRun(values, threshold) {
  let best = null;
  for (let u = 0; u < values[0].length; u++) {
    const run = longestRun(values, u, threshold);
    if (run && (!best || run.to - run.from > best.to - best.from)) best = run;
  }
  return best;
}
