/**
 * Intervention: hold units (cell, hidden or a gate) from a timestep on and compare with the unchanged run:
 * greedy generation, test accuracy, and the two runs' heat maps and probability strips side by side.
 * The list of changes is kept in the URL as iv (see changes.js) and the prefix as ivp.
 */
import { analysisApi } from '../api.js';
import { TraceView } from '../trace-view.js';
import { isGate, percent, vectorLabel } from '../chars.js';
import { generationLine } from '../generation.js';
import { button, el, fmt, labelled, message, numberInput, select, status } from '../dom.js';
import { decodeChanges, encodeChanges } from './changes.js';
import { Panel } from './shared.js';

const MODES = [
  { value: 'zero', label: 'zero' },
  { value: 'mean', label: 'clamp to its mean' },
  { value: 'value', label: 'clamp to…' },
  { value: 'shut', label: 'force gate shut (0)' },
  { value: 'open', label: 'force gate open (1)' },
];

export class InterventionPanel extends Panel {
  /** Its slice of the page URL: the changes (see changes.js) and the prefix. */
  static url = {
    iv: { type: 'string', default: '' },
    ivp: { type: 'string', default: '' },
  };

  constructor(root, ctx) {
    super(root, ctx);
    this.changes = decodeChanges(ctx.state.iv);
    if (!this.changes.length) this.changes = [{ layer: 0, vector: 'cell', unit: 0, mode: 'mean', from: 0, value: 0 }];
    this.built = false;
    this.request = null;
  }

  open() {
    if (!this.built) this.build();
    if (this.ctx.state.iv && !this.result) this.run();
  }

  /** Replaces the changes with these and runs at once (the probe table's one-click demo). */
  demo(changes, prefix) {
    this.changes = changes;
    if (!this.built) this.build();
    if (prefix !== undefined) this.prefixInput.value = prefix;
    this.renderRows();
    this.run();
  }

  build() {
    this.built = true;
    const intro = el('p', 'analysis-intro',
      'Hold a unit’s value from a timestep on — timestep 0 reads the start token ⏎, so prefix character i is timestep i + 1 — '
      + 'and compare the run with the untouched one. The same changes are applied to every test sequence to score accuracy.');
    this.prefixInput = el('input', 'text-input');
    this.prefixInput.type = 'text';
    this.prefixInput.id = 'intervention-prefix';
    this.prefixInput.spellcheck = false;
    this.prefixInput.value = this.ctx.state.ivp || this.ctx.input.prefix();
    this.rows = el('div', 'intervention-rows');
    this.rows.id = 'intervention-rows';
    const add = button('+ add a change', 'button button-small', () => {
      const last = this.changes[this.changes.length - 1] || { layer: 0, vector: 'cell', unit: -1, mode: 'zero', from: 0 };
      this.changes.push({ ...last, unit: Math.min(this.ctx.model.hidden - 1, last.unit + 1) });
      this.renderRows();
    });
    this.runButton = button('Run both', 'button button-primary', () => this.run());
    this.runButton.id = 'intervention-run';
    const form = el('div', 'intervention-form');
    form.append(labelled('Prefix ⏎ +', this.prefixInput), this.rows, el('div', 'intervention-buttons'));
    form.lastChild.append(add, this.runButton);
    this.output = el('div', 'intervention-result');
    this.output.id = 'intervention-result';
    this.root.replaceChildren(intro, form, this.output);
    this.renderRows();
  }

  renderRows() {
    const model = this.ctx.model;
    this.rows.replaceChildren(...this.changes.map((c, i) => {
      const row = el('div', 'intervention-row');
      const layer = select(Array.from({ length: model.layers }, (_, l) => ({ value: l, label: `layer ${l + 1}` })), c.layer);
      layer.disabled = model.layers < 2;
      const vectors = (model.vectors?.[c.layer] || ['cell', 'hidden']).filter((v) => v !== 'candidate');
      const vector = select(vectors.map((v) => ({ value: v, label: vectorLabel(v) })), c.vector);
      const unit = numberInput(c.unit, 0, model.hidden - 1);
      const modes = MODES.filter((m) => (m.value === 'shut' || m.value === 'open' ? isGate(c.vector) : true));
      if (!modes.some((m) => m.value === c.mode)) c.mode = 'zero';
      const mode = select(modes, c.mode);
      const value = numberInput(c.value ?? 0, isGate(c.vector) ? 0 : -100, isGate(c.vector) ? 1 : 100, 0.05);
      value.hidden = c.mode !== 'value';
      const from = numberInput(c.from, 0, 1500);
      const remove = button('×', 'button button-small button-quiet', () => { this.changes.splice(i, 1); this.renderRows(); });
      remove.setAttribute('aria-label', 'Remove this change');
      remove.disabled = this.changes.length < 2;
      layer.addEventListener('change', () => { c.layer = Number(layer.value); this.renderRows(); });
      vector.addEventListener('change', () => { c.vector = vector.value; this.renderRows(); });
      unit.addEventListener('change', () => { c.unit = Number(unit.value); });
      mode.addEventListener('change', () => { c.mode = mode.value; value.hidden = c.mode !== 'value'; });
      value.addEventListener('change', () => { c.value = Number(value.value); });
      from.addEventListener('change', () => { c.from = Number(from.value); });
      row.append(layer, vector, labelled('unit', unit, 'control control-inline'), mode, value, labelled('from t', from, 'control control-inline'), remove);
      return row;
    }));
  }

  async run() {
    if (!this.built) this.build();
    const prefix = this.prefixInput.value;
    this.ctx.state.iv = encodeChanges(this.changes);
    this.ctx.state.ivp = prefix;
    this.ctx.sync();
    const body = {
      prefix,
      interventions: this.changes.map((c) => ({
        layer: c.layer, vector: c.vector, unit: c.unit, mode: c.mode, from: c.from, ...(c.mode === 'value' ? { value: c.value } : {}),
      })),
    };
    this.request?.abort();
    const controller = new AbortController();
    this.request = controller;
    this.runButton.disabled = true;
    status(this.output, 'loading', 'Running the model with and without the changes, and scoring the test set…');
    try {
      const result = await analysisApi.intervene(this.ctx.model.id, body, { signal: controller.signal });
      if (this.request !== controller) return;
      this.result = result;
      this.render(result);
    } catch (err) {
      if (err.name === 'AbortError') return;
      status(this.output, 'error', `The intervention failed: ${message(err)}`);
    } finally {
      if (this.request === controller) { this.request = null; this.runButton.disabled = false; }
    }
  }

  render(r) {
    const model = this.ctx.model;
    const changed = r.interventions.map((i) => `${vectorLabel(i.vector)} unit ${i.unit}${model.layers > 1 ? ` (layer ${i.layer + 1})` : ''} `
      + `held at ${fmt(i.value, 3)} from t ${i.from}`).join('; ');
    const points = Math.round(r.testAccuracyChange * 1000) / 10;
    const summary = el('div', 'intervention-summary');
    summary.append(
      el('div', 'intervention-changed', changed),
      el('div', `intervention-accuracy ${points < -0.05 ? 'worse' : points > 0.05 ? 'better' : 'same'}`,
        `Test accuracy ${percent(r.originalTestAccuracy)} → ${percent(r.intervenedTestAccuracy)} `
        + `(${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} points) · generalisation `
        + `${percent(r.originalGeneralizationAccuracy)} → ${percent(r.intervenedGeneralizationAccuracy)}`));
    const wrong = (text) => {
      if (typeof r.expected !== 'string') return -1;
      for (let i = 0; i < Math.max(text.length, r.expected.length); i++) if (text[i] !== r.expected[i]) return i;
      return -1;
    };
    const generations = el('div', 'generation intervention-generations');
    const same = r.originalGenerated === r.intervenedGenerated;
    generations.append(
      generationLine('Original', r.prefix, r.originalGenerated, wrong(r.originalGenerated), 'model'),
      generationLine('Intervened', r.prefix, r.intervenedGenerated, wrong(r.intervenedGenerated), 'intervened'));
    if (typeof r.expected === 'string') generations.append(generationLine('Correct', r.prefix, r.expected, -1, 'expected'));
    generations.append(el('div', `generation-verdict ${same ? '' : 'bad'}`,
      same ? 'The generation did not change.' : 'The changed unit changes what the model writes.'));
    generations.lastChild.id = 'intervention-verdict';

    const first = r.interventions[0];
    const vectors = model.vectors?.[first.layer] || ['hidden'];
    this.shownVector = this.shownVector && vectors.includes(this.shownVector) ? this.shownVector : first.vector;
    const vectorPick = select(vectors.map((v) => ({ value: v, label: vectorLabel(v) })), this.shownVector);
    const sideBySide = el('div', 'side-by-side');
    const runs = [['Original', r.original], ['Intervened', r.intervened]].map(([title, trace]) => {
      const view = new TraceView(sideBySide.appendChild(el('div', 'side')), {
        compact: true, title: () => title,
        units: { label: `${title}: units`, maxHeight: 240, labelWidth: 70 },
        probs: { label: `${title}: probabilities`, maxHeight: 100, labelWidth: 70 },
      });
      view.setModel(model, { layer: first.layer, vector: this.shownVector });
      view.setTraces([trace]);
      return view;
    });
    /** Both runs show the picked vector, the units held in it marked ●. */
    const show = () => {
      const held = r.interventions.filter((i) => i.layer === first.layer && i.vector === this.shownVector).map((i) => i.unit);
      for (const view of runs) { view.setRowMarks(held); view.setVector(this.shownVector); }
    };
    vectorPick.addEventListener('change', () => { this.shownVector = vectorPick.value; show(); });
    const head = el('div', 'panel-head panel-head-sub');
    head.append(el('h3', 'panel-subtitle', `Layer ${first.layer + 1}, both runs`), labelled('Vector', vectorPick));
    this.output.replaceChildren(summary, generations, head, sideBySide);
    show();
  }
}
