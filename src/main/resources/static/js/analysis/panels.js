/**
 * "Find the neuron": the analysis panels under the network heat map, as tabs.
 *
 * Each panel class may declare `static url`, its slice of the page's URL schema (keys it alone reads and writes in
 * ctx.state); AnalysisPanels.schema merges them with the open tab's key, and the page merges that into its own.
 * A panel is built as new Panel(root, ctx) with ctx = {model, task, view, input, state, sync, panels}:
 *   view   the page's TraceView (layer, vector, units heat map, fromInput, setRowMarks)
 *   input  the playground: text(), example() (a task example when it is empty), prefix(), set(text, {generate})
 *   state, sync(chosen)  the page's URL state and the call that writes it back (chosen: a deliberate choice, which
 *          adds a step to the history that Back returns from; else the current entry is replaced)
 *   panels this AnalysisPanels (clamp(probe) opens the intervention tab on a probe's unit)
 * and may implement open(), close(), inputChanged() and viewChanged().
 */
import { el } from '../dom.js';
import { mergeSchemas } from '../url-state.js';
import { ProbePanel } from './probes.js';
import { InterventionPanel } from './intervention.js';
import { SweepPanel } from './sweep.js';
import { SaturationPanel } from './saturation.js';
import { GradientPanel } from './gradient.js';
import { HypothesisPanel } from './hypothesis.js';
import { ReplayPanel } from './replay.js';
import { DynamicsPanel } from './dynamics.js';
import { PatchPanel } from './patch.js';

const TABS = [
  { id: 'probes', label: 'Probe leaderboard', Panel: ProbePanel },
  { id: 'intervene', label: 'Intervention', Panel: InterventionPanel },
  { id: 'sweep', label: 'Length sweep', Panel: SweepPanel },
  { id: 'saturation', label: 'Gate saturation', Panel: SaturationPanel },
  { id: 'gradient', label: 'Gradient flow', Panel: GradientPanel },
  { id: 'hypothesis', label: 'Select & match', Panel: HypothesisPanel },
  { id: 'replay', label: 'Training replay', Panel: ReplayPanel },
  { id: 'dynamics', label: 'Dynamics', Panel: DynamicsPanel },
  { id: 'patch', label: 'Patching', Panel: PatchPanel },
];
/** Tabs that need the model's task (its test set); gradient flow, replay and patching work for any model. */
const NEED_TASK = new Set(['probes', 'intervene', 'sweep', 'saturation', 'hypothesis', 'dynamics']);

export class AnalysisPanels {
  /** The URL keys of the open tab and of every panel's slice. */
  static schema = mergeSchemas({ tab: { type: 'string', default: 'probes' } }, ...TABS.map((t) => t.Panel.url || {}));

  /** page: {model, task, view, input, state, sync}, as the panels' ctx describes. */
  constructor(container, page) {
    const ctx = { ...page, panels: this };
    this.ctx = ctx;
    this.panels = new Map();
    const head = el('div', 'panel-head');
    head.append(el('h2', 'panel-title', 'Find the neuron'));
    this.tabs = el('div', 'analysis-tabs');
    this.tabs.setAttribute('role', 'tablist');
    this.body = el('div', 'analysis-body');
    this.buttons = new Map();
    // a dataset has no sequence sizes, so there is no length sweep for its models
    const available = TABS.filter((t) => (ctx.model.task || !NEED_TASK.has(t.id)) && !(t.id === 'sweep' && ctx.model.datasetKind));
    this.tabs.setAttribute('aria-label', 'Find the neuron');
    for (const tab of available) {
      const b = el('button', 'analysis-tab', tab.label);
      b.type = 'button';
      b.id = `tab-${tab.id}`;
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-controls', `analysis-${tab.id}`);
      // the open tab stays open when clicked again: one panel is always shown
      b.addEventListener('click', () => { if (tab.id !== this.current) this.show(tab.id, true); });
      this.buttons.set(tab.id, b);
      this.tabs.append(b);
    }
    // the WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs and open them
    this.tabs.addEventListener('keydown', (event) => {
      const ids = available.map((t) => t.id);
      const at = ids.indexOf(this.current);
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      const next = ids[(to + ids.length) % ids.length];
      this.show(next, true);
      this.buttons.get(next).focus();
    });
    container.append(head, this.tabs, this.body);
    if (!ctx.model.task) container.append(el('p', 'hint', 'This model has no task, so the analyses that need the task’s test data are left out.'));
    if (ctx.model.datasetKind) {
      const why = el('p', 'hint', 'There is no length sweep for a dataset model: a dataset has no sequence sizes to sweep, its '
        + 'sequences being windows of its text or its own lines.');
      why.id = 'sweep-hidden';
      container.append(why);
    }
    this.available = available;
    // the tab in the address, else the probe leaderboard (else the first this model has)
    this.show(available.some((t) => t.id === ctx.state.tab) ? ctx.state.tab : available[0]?.id || '');
  }

  panel(id) {
    if (!this.panels.has(id)) {
      const root = el('div', 'analysis-panel');
      root.id = `analysis-${id}`;
      root.setAttribute('role', 'tabpanel');
      root.setAttribute('aria-labelledby', `tab-${id}`);
      this.body.append(root);
      this.panels.set(id, { root, panel: new (TABS.find((t) => t.id === id).Panel)(root, this.ctx) });
    }
    return this.panels.get(id);
  }

  /** Opens a tab; chosen: the person picked it, which is a step Back returns from. */
  show(id, chosen = false) {
    this.current = id;
    this.ctx.state.tab = id;
    this.ctx.sync(chosen);
    for (const [tab, b] of this.buttons) {
      b.classList.toggle('active', tab === id);
      b.setAttribute('aria-selected', String(tab === id));
      b.tabIndex = tab === id ? 0 : -1;
    }
    for (const [tab, { root, panel }] of this.panels) {
      root.hidden = tab !== id;
      if (tab !== id) panel.close?.();
    }
    if (!id) { this.ctx.view.setRowMarks([]); return; }
    this.panel(id).panel.open();
  }

  /** The one-click proof: clamp a unit to its mean from the start and watch the generation. */
  clamp(probe) {
    const { panel } = this.panel('intervene');
    this.show('intervene', true);
    panel.demo([{ layer: probe.layer, vector: probe.vector, unit: probe.unit, mode: 'mean', from: 0, value: 0 }], this.ctx.input.prefix());
  }

  inputChanged() {
    for (const [id, { panel }] of this.panels) if (id === this.current) panel.inputChanged?.();
  }

  viewChanged() {
    for (const [id, { panel }] of this.panels) if (id === this.current) panel.viewChanged?.();
  }
}
