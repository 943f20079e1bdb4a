/**
 * Patching between two inputs: run the base with some units replaced, at one timestep, by their values in
 * a run over the source, and compare the three continuations; then the effect map, each unit of one vector
 * patched alone at each base timestep, as a heat map over the base's characters (blue: towards the source's
 * continuation, red: towards the base's).
 */
import { mechanismApi } from '../api.js';
import { displayChar, displayText } from '../chars.js';
import { button, el, fact, fmt, labelled, message, numberInput, select } from '../dom.js';
import { Panel } from './shared.js';

const d3 = window.d3;
const CELL = 22;

export class PatchPanel extends Panel {
  /** Its slice of the page URL: base, source, the patched vector and units ("all" or "5,7"), and the timesteps. */
  static url = {
    pbase: { type: 'string', default: '' }, psource: { type: 'string', default: '' },
    pvector: { type: 'string', default: 'state' }, punits: { type: 'string', default: 'all' }, player: { type: 'int', default: 0, min: 0 },
    pat: { type: 'int', default: -1, min: -1 }, psat: { type: 'int', default: -1, min: -1 },
  };

  constructor(root, ctx) {
    super(root, ctx);
    this.built = false;
  }

  open() {
    if (!this.built) this.build();
  }

  /** Opens the panel on one unit (from a unit card or the probes). */
  patchUnit(layer, vector, unit) {
    Object.assign(this.ctx.state, { player: layer, pvector: vector, punits: String(unit) });
    this.ctx.sync();
    if (this.built) this.syncControls();
  }

  build() {
    this.built = true;
    const s = this.ctx.state;
    const example = this.ctx.input.prefix();
    if (!s.pbase) s.pbase = example;
    if (!s.psource) s.psource = example;
    this.base = el('input', 'text-input');
    this.base.id = 'patch-base';
    this.source = el('input', 'text-input');
    this.source.id = 'patch-source';
    this.layer = numberInput(s.player, 0, this.ctx.model.layers - 1);
    const vectors = [...(this.ctx.model.vectors?.[0] ?? []), 'state'];
    this.vector = select(vectors.map((v) => ({ value: v, label: v === 'state' ? 'state (every state vector)' : v })), s.pvector);
    this.vector.id = 'patch-vector';
    this.units = el('input', 'text-input');
    this.units.id = 'patch-units';
    this.units.title = '"all", or unit numbers separated by commas';
    this.at = numberInput(s.pat, -1, 1000);
    this.at.title = 'base timestep (0 is the start token); −1: the last';
    this.sat = numberInput(s.psat, -1, 1000);
    this.sat.title = 'source timestep; −1: the last';
    this.syncControls();
    const run = button('Patch', 'button button-primary', () => this.run());
    run.id = 'patch-run';
    const map = button('Effect map', 'button', () => this.effects());
    map.id = 'patch-effects';
    const controls = el('div', 'analysis-controls');
    controls.append(labelled('Base', this.base), labelled('Source', this.source), labelled('Layer', this.layer),
      labelled('Vector', this.vector), labelled('Units', this.units), labelled('at', this.at), labelled('source at', this.sat), run, map);
    this.result = el('div', 'patch-result');
    this.result.id = 'patch-result';
    this.map = el('div', 'patch-map');
    this.map.id = 'patch-map';
    this.root.replaceChildren(el('p', 'hint', 'Both inputs are read after the start token ⏎ (timestep 0). After the base computes timestep “at”, '
      + 'the units take the values they have in the source run at “source at”; the base then reads the rest of its prefix and generates.'),
    controls, this.result, this.map);
  }

  syncControls() {
    const s = this.ctx.state;
    this.base.value = s.pbase;
    this.source.value = s.psource;
    this.layer.value = String(s.player);
    this.vector.value = s.pvector;
    this.units.value = s.punits;
    this.at.value = String(s.pat);
    this.sat.value = String(s.psat);
  }

  readControls() {
    Object.assign(this.ctx.state, {
      pbase: this.base.value, psource: this.source.value, player: Number(this.layer.value), pvector: this.vector.value,
      punits: this.units.value.trim() || 'all', pat: Number(this.at.value), psat: Number(this.sat.value),
    });
    this.ctx.sync();
    const s = this.ctx.state;
    const units = s.punits === 'all' ? 'all' : s.punits.split(',').map((u) => Number(u.trim()));
    const body = { base: s.pbase, source: s.psource, patches: [{ layer: s.player, vector: s.pvector, units }] };
    if (s.pat >= 0) body.at = s.pat;
    if (s.psat >= 0) body.sourceAt = s.psat;
    return body;
  }

  async run() {
    const body = this.readControls();
    this.result.replaceChildren(el('p', 'hint', 'Patching…'));
    try {
      const r = await mechanismApi.patch(this.ctx.model.id, body);
      const list = el('dl', 'facts');
      const show = (run) => `${displayText(run.text)}  (p ${run.probabilities.map((p) => fmt(p)).join(' ')})`;
      fact(list, `base ⏎${displayText(r.base)} continues`, show(r.baseRun));
      fact(list, `source ⏎${displayText(r.source)} continues`, show(r.sourceRun));
      fact(list, `patched base continues`, show(r.patchedRun));
      if (r.expectedBase !== null) fact(list, 'the task expects after the base', displayText(r.expectedBase));
      const verdict = r.patchedRun.text === r.sourceRun.text ? 'The patched base continues exactly as the source: the patched units carry the difference.'
        : r.patchedRun.text === r.baseRun.text ? 'The patched base continues as the base: the patched units do not carry what differs.'
          : 'The patched base continues as neither: the units carry part of the difference.';
      this.result.replaceChildren(list, el('p', 'claim', verdict));
      this.result.dataset.patched = r.patchedRun.text;
    } catch (err) {
      this.result.replaceChildren(el('p', 'analysis-error', `Could not patch: ${message(err)}`));
    }
  }

  async effects() {
    const body = this.readControls();
    const vector = body.patches[0].vector;
    this.map.replaceChildren(el('p', 'hint', 'Patching each unit alone at each timestep…'));
    try {
      const e = await mechanismApi.patchEffects(this.ctx.model.id, { base: body.base, source: body.source, layer: body.patches[0].layer, vector });
      this.drawMap(e);
    } catch (err) {
      this.map.replaceChildren(el('p', 'analysis-error', `Could not compute the effect map: ${message(err)}`));
    }
  }

  drawMap(e) {
    const steps = e.read.length, rows = e.units.length;
    const canvas = el('canvas', 'patch-heatmap');
    canvas.width = 70 + steps * CELL;
    canvas.height = 20 + rows * CELL;
    const g = canvas.getContext('2d');
    // effects relative to no patch, on a symmetric scale up to the full-state patch's
    const span = Math.max(1e-9, Math.abs(e.fullState - e.unpatched));
    const colour = d3.scaleSequential(d3.interpolateRdBu).domain([-span, span]);
    g.font = '12px monospace';
    g.fillStyle = '#333';
    e.read.forEach((ch, t) => g.fillText(displayChar(ch), 70 + t * CELL + 6, 14));
    e.units.forEach((u, r) => {
      g.fillStyle = '#333';
      g.fillText(`${e.vector} ${u}`, 2, 20 + r * CELL + 15);
      for (let t = 0; t < steps; t++) {
        const v = e.effects[r][t];
        g.fillStyle = v === null ? '#eee' : colour(v - e.unpatched);
        g.fillRect(70 + t * CELL, 20 + r * CELL, CELL - 1, CELL - 1);
      }
    });
    canvas.title = 'Hover for values';
    canvas.addEventListener('mousemove', (ev) => {
      const rect = canvas.getBoundingClientRect();
      const t = Math.floor((ev.clientX - rect.left - 70) / CELL), r = Math.floor((ev.clientY - rect.top - 20) / CELL);
      const v = e.effects[r]?.[t];
      canvas.title = v === undefined ? '' : v === null ? 'no source timestep here'
        : `${e.vector} ${e.units[r]} at timestep ${t} (source ${e.sourceAt[t]}): ${fmt(v)} (unpatched ${fmt(e.unpatched)})`;
    });
    this.map.replaceChildren(el('h3', 'panel-subtitle', `Effect of patching each ${e.vector} unit alone: log p(“${displayText(e.sourceContinuation)}”) − `
      + `log p(“${displayText(e.baseContinuation)}”)`), canvas,
    el('p', 'hint', `Unpatched ${fmt(e.unpatched)}; every state vector of every layer patched at the last step ${fmt(e.fullState)}. `
      + 'Blue moves the base towards the source’s continuation, red away; grey: no source timestep aligned there.'));
  }
}
