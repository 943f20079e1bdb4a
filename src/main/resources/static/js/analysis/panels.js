/**
 * "Find the neuron": the analysis panels under the network heat map, as tabs. The open tab and each panel's
 * settings live in the page's URL state. ctx comes from the page:
 *   {modelId, model, task, state, sync(), text(), exampleText(), defaultPrefix(), setInput(text, {generate}),
 *    heatmap, fromInput(), markUnits(units)}
 */
import { el } from '../dom.js';
import { ProbePanel } from './probes.js';
import { InterventionPanel } from './intervention.js';
import { SweepPanel } from './sweep.js';
import { SaturationPanel } from './saturation.js';
import { GradientPanel } from './gradient.js';
import { HypothesisPanel } from './hypothesis.js';
import { ReplayPanel } from './replay.js';

const TABS = [
  { id: 'probes', label: 'Probe leaderboard', make: (root, ctx) => new ProbePanel(root, ctx) },
  { id: 'intervene', label: 'Intervention', make: (root, ctx) => new InterventionPanel(root, ctx) },
  { id: 'sweep', label: 'Length sweep', make: (root, ctx) => new SweepPanel(root, ctx) },
  { id: 'saturation', label: 'Gate saturation', make: (root, ctx) => new SaturationPanel(root, ctx) },
  { id: 'gradient', label: 'Gradient flow', make: (root, ctx) => new GradientPanel(root, ctx) },
  { id: 'hypothesis', label: 'Select & match', make: (root, ctx) => new HypothesisPanel(root, ctx) },
  { id: 'replay', label: 'Training replay', make: (root, ctx) => new ReplayPanel(root, ctx) },
];
/** Tabs that need the model's task (its test set); gradient flow and replay work for any model. */
const NEED_TASK = new Set(['probes', 'intervene', 'sweep', 'saturation', 'hypothesis']);

export class AnalysisPanels {
  constructor(container, ctx) {
    this.ctx = ctx;
    ctx.clamp = (probe) => this.clamp(probe);
    this.panels = new Map();
    const head = el('div', 'panel-head');
    head.append(el('h2', 'panel-title', 'Find the neuron'));
    this.tabs = el('div', 'analysis-tabs');
    this.tabs.setAttribute('role', 'tablist');
    this.body = el('div', 'analysis-body');
    this.buttons = new Map();
    const available = TABS.filter((t) => ctx.model.task || !NEED_TASK.has(t.id));
    for (const tab of available) {
      const b = el('button', 'analysis-tab', tab.label);
      b.type = 'button';
      b.id = `tab-${tab.id}`;
      b.setAttribute('role', 'tab');
      b.addEventListener('click', () => this.show(tab.id === this.current ? '' : tab.id));
      this.buttons.set(tab.id, b);
      this.tabs.append(b);
    }
    container.append(head, this.tabs, this.body);
    if (!ctx.model.task) container.append(el('p', 'hint', 'This model has no task, so the analyses that need the task’s test data are left out.'));
    this.available = available;
    this.show(available.some((t) => t.id === ctx.state.tab) ? ctx.state.tab : '');
  }

  panel(id) {
    if (!this.panels.has(id)) {
      const root = el('div', 'analysis-panel');
      root.id = `analysis-${id}`;
      root.setAttribute('role', 'tabpanel');
      this.body.append(root);
      this.panels.set(id, { root, panel: TABS.find((t) => t.id === id).make(root, this.ctx) });
    }
    return this.panels.get(id);
  }

  /** Opens a tab ('' closes them all). */
  show(id) {
    this.current = id;
    this.ctx.state.tab = id;
    this.ctx.sync();
    for (const [tab, b] of this.buttons) {
      b.classList.toggle('active', tab === id);
      b.setAttribute('aria-selected', String(tab === id));
    }
    for (const [tab, { root, panel }] of this.panels) {
      root.hidden = tab !== id;
      if (tab !== id) panel.close?.();
    }
    if (!id) { this.ctx.markUnits([]); return; }
    this.panel(id).panel.open();
  }

  /** The one-click proof: clamp a unit to its mean from the start and watch the generation. */
  clamp(probe) {
    const { panel } = this.panel('intervene');
    this.show('intervene');
    panel.demo([{ layer: probe.layer, vector: probe.vector, unit: probe.unit, mode: 'mean', from: 0, value: 0 }], this.ctx.defaultPrefix());
  }

  inputChanged() {
    for (const [id, { panel }] of this.panels) if (id === this.current) panel.inputChanged?.();
  }

  viewChanged() {
    for (const [id, { panel }] of this.panels) if (id === this.current) panel.viewChanged?.();
  }
}
