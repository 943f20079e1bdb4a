/**
 * Dynamics: the state space of the network along its top two principal components, with the test
 * trajectories coloured by a task variable or by character, and the fixed points of the one-step map under
 * each input character (filled: stable; hollow: saddle or unstable). Selecting a fixed point, or a trajectory
 * point (which also opens that timestep in the playground), draws its Jacobian's eigenvalues against the unit
 * circle and lists the units of its slowest modes. The sentences above the plot are computed from the answer.
 */
import { mechanismApi } from '../api.js';
import { displayChar, displayText } from '../chars.js';
import { el, fact, fmt, labelled, message, select, status } from '../dom.js';
import { inputSentence, integratorClaim, memoryClaim, name } from './dynamics-claims.js';
import { ProgressBar } from '../progress.js';
import { pin, planeDomain } from './plane.js';
import { Panel } from './shared.js';

const d3 = window.d3;
const SIZE = 440, PAD = 28, EIG = 200, POLL_MS = 400;

/** What a dynamics job is doing, e.g. "searching: starts settled 212 of 320 (45%)". */
function progressCaption(job) {
  if (job.status === 'queued') return 'waiting for the search to start';
  const count = job.total > 0 ? ` ${job.done} of ${job.total}` : '';
  return `${job.stage}${count} (${Math.round(100 * job.fraction)}%)`;
}

export class DynamicsPanel extends Panel {
  /** Its slice of the page URL: what colours the trajectories, and the selected point (fixed point "x:k" or trajectory "SEQ:T"). */
  static url = { dcolor: { type: 'string', default: '' }, dpoint: { type: 'string', default: '' } };

  constructor(root, ctx) {
    super(root, ctx);
    this.data = null;
  }

  async open() {
    if (this.data || this.job) return;
    const searching = 'Finding the fixed points of the one-step map under each input (64 starts each)';
    this.root.replaceChildren();
    const progress = new ProgressBar(this.root);
    progress.root.id = 'dynamics-progress';
    progress.set(0, `${searching}…`);
    const id = this.ctx.model.id;
    const run = {};
    this.job = run;
    try {
      // the search takes seconds on a larger model: it runs as a job, polled for how far it has got
      let job = await mechanismApi.startDynamics(id, { layer: this.ctx.view.layer });
      run.id = job.id;
      while (job.status === 'queued' || job.status === 'running') {
        progress.set(job.fraction, `${searching}: ${progressCaption(job)}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (run.closed) return;
        job = await mechanismApi.dynamicsJob(id, job.id);
      }
      if (job.status !== 'done') throw new Error(job.error ?? `the search was ${job.status}`);
      progress.set(1, `${searching}: done in ${fmt(job.elapsedSeconds, 1)} s`, 'done');
      this.data = job.result;
      this.probes = await this.countingProbe();
      if (!run.closed) this.render();
    } catch (err) {
      this.data = null;
      if (!run.closed) status(this.root, 'error', `Could not compute the dynamics: ${message(err)}`);
    } finally {
      if (this.job === run) this.job = null;
    }
  }

  /** Leaving the tab lets a search still running go: the server stops it unless someone else waits for it too. */
  close() {
    const run = this.job;
    if (!run) return;
    run.closed = true;
    this.job = null;
    if (run.id) mechanismApi.cancelDynamics(this.ctx.model.id, run.id).catch(() => {});
  }

  /** The probes' best unit of the first variable, to test the integrator claim against; null without probes. */
  async countingProbe() {
    try {
      const board = await mechanismApi.probes(this.ctx.model.id);
      return board.best?.[0] ?? null;
    } catch {
      return null;
    }
  }

  render() {
    const d = this.data;
    this.root.replaceChildren();
    const claims = el('div', 'dynamics-claims');
    claims.id = 'dynamics-claims';
    const memory = memoryClaim(d);
    claims.append(el('p', memory.holds ? 'claim claim-holds' : 'claim claim-fails', memory.text));
    for (const input of d.inputs) claims.append(el('p', 'claim-detail', inputSentence(input)));
    for (const note of d.notes) claims.append(el('p', 'hint', note));

    const variables = Object.keys(d.trajectories[0]?.points.find((p) => Object.keys(p.variables).length)?.variables ?? {});
    const options = [{ value: 'char', label: 'character' }, ...variables.map((v) => ({ value: v, label: v.replaceAll('_', ' ') }))];
    if (!options.some((o) => o.value === this.ctx.state.dcolor)) this.ctx.state.dcolor = options[1]?.value ?? 'char';
    const colour = select(options, this.ctx.state.dcolor);
    colour.id = 'dynamics-colour';
    colour.addEventListener('change', () => { this.ctx.state.dcolor = colour.value; this.ctx.sync(); this.draw(); });
    const controls = el('div', 'analysis-controls');
    controls.append(labelled('Colour trajectories by', colour));
    const explained = d.pca.explained.map((e, k) => `PC${k + 1} ${fmt(100 * e, 0)}%`).join(', ');
    controls.append(el('span', 'hint', `Explained variance: ${explained}. State: ${d.stateSize} numbers (${d.vectors.join(' + ')} of layer ${d.layer + 1} shown).`));

    const row = el('div', 'dynamics-row');
    this.canvas = el('canvas', 'dynamics-plane');
    this.canvas.id = 'dynamics-plane';
    this.canvas.width = SIZE;
    this.canvas.height = SIZE;
    this.canvas.setAttribute('aria-label', 'State space along the first two principal components');
    this.canvas.addEventListener('click', (e) => this.click(e));
    this.detail = el('div', 'dynamics-detail');
    this.detail.id = 'dynamics-detail';
    row.append(this.canvas, this.detail);
    this.legend = el('div', 'dynamics-legend');
    this.root.append(claims, controls, row, this.legend);
    this.draw();
    this.restoreSelection();
  }

  /**
   * Plot coordinates: the trajectories set the axes, so a far fixed point cannot squash them; such a
   * point is drawn pinned to the edge (plane.js), and where() says which are.
   */
  scales() {
    const domain = planeDomain(this.data.trajectories.flatMap((tr) => tr.points.map((p) => p.xy)),
      this.data.inputs.flatMap((input) => input.points.map((p) => p.projection)));
    const x = d3.scaleLinear().domain(domain.x).nice().range([PAD, SIZE - PAD]);
    const y = d3.scaleLinear().domain(domain.y).nice().range([SIZE - PAD, PAD]);
    const shown = { x: x.domain(), y: y.domain() };
    const where = (projection) => {
      const at = pin(shown, projection);
      return { cx: x(at.xy[0]), cy: y(at.xy[1]), outside: at.outside };
    };
    return { x, y, where };
  }

  draw() {
    const g = this.canvas.getContext('2d');
    const { x, y, where } = this.scales();
    this.xy = { x, y, where };
    g.clearRect(0, 0, SIZE, SIZE);
    g.strokeStyle = '#ddd';
    g.strokeRect(PAD, PAD, SIZE - 2 * PAD, SIZE - 2 * PAD);
    g.fillStyle = '#555';
    g.font = '11px sans-serif';
    g.fillText('PC1 →', SIZE - PAD - 34, SIZE - 8);
    g.fillText('PC2 ↑', 4, PAD - 8);
    const by = this.ctx.state.dcolor;
    const chars = [...new Set(this.data.trajectories.flatMap((t) => t.points.map((p) => p.ch)))];
    const charColour = d3.scaleOrdinal(chars, d3.schemeTableau10);
    const values = this.data.trajectories.flatMap((t) => t.points.map((p) => p.variables[by])).filter((v) => Number.isFinite(v));
    const extent = values.length ? d3.extent(values) : [0, 1];
    const varColour = d3.scaleSequential(d3.interpolateViridis).domain(extent[0] === extent[1] ? [extent[0] - 1, extent[1] + 1] : extent);
    const colourOf = (p) => (by === 'char' ? charColour(p.ch) : Number.isFinite(p.variables[by]) ? varColour(p.variables[by]) : '#bbb');
    for (const tr of this.data.trajectories) {
      g.strokeStyle = 'rgba(0,0,0,0.12)';
      g.beginPath();
      tr.points.forEach((p, k) => (k ? g.lineTo(x(p.xy[0]), y(p.xy[1] ?? 0)) : g.moveTo(x(p.xy[0]), y(p.xy[1] ?? 0))));
      g.stroke();
      for (const p of tr.points) {
        g.fillStyle = colourOf(p);
        g.beginPath();
        g.arc(x(p.xy[0]), y(p.xy[1] ?? 0), 2.5, 0, 2 * Math.PI);
        g.fill();
      }
    }
    const inputColour = d3.scaleOrdinal(this.data.inputs.map((i) => i.input), d3.schemeCategory10);
    let outside = 0;
    for (const input of this.data.inputs) {
      for (const p of input.points) {
        const at = where(p.projection);
        g.lineWidth = 2;
        g.strokeStyle = inputColour(input.input);
        g.fillStyle = inputColour(input.input);
        g.beginPath();
        if (at.outside) { // beyond the trajectories: a diamond at the edge, towards where it lies
          outside++;
          g.moveTo(at.cx, at.cy - 7);
          g.lineTo(at.cx + 7, at.cy);
          g.lineTo(at.cx, at.cy + 7);
          g.lineTo(at.cx - 7, at.cy);
          g.closePath();
        } else {
          g.arc(at.cx, at.cy, 6, 0, 2 * Math.PI);
        }
        if (p.stability === 'stable') g.fill();
        g.stroke();
        g.lineWidth = 1;
      }
    }
    this.canvas.dataset.outside = String(outside);
    this.legend.replaceChildren();
    for (const input of this.data.inputs) {
      const item = el('span', 'legend-item');
      const swatch = el('span', 'legend-swatch');
      swatch.style.background = inputColour(input.input);
      item.append(swatch, el('span', '', `fixed points under ${displayChar(input.input)}`));
      this.legend.append(item);
    }
    this.legend.append(el('span', 'hint', ` Filled: stable; hollow: saddle or unstable. Trajectories coloured by `
      + `${by === 'char' ? 'the character read' : `${by.replaceAll('_', ' ')} (${fmt(extent[0])} dark to ${fmt(extent[1])} light)`}.`
      + (outside ? ` The axes span the trajectories: ${outside === 1 ? 'one fixed point lies' : `${outside} fixed points lie`} beyond them, `
        + 'drawn as a diamond at the edge in its direction.' : '')));
  }

  click(e) {
    const rect = this.canvas.getBoundingClientRect();
    const px = (e.clientX - rect.left) * (SIZE / rect.width), py = (e.clientY - rect.top) * (SIZE / rect.height);
    const { x, y, where } = this.xy;
    let best = null, bestD = 9;
    this.data.inputs.forEach((input, i) => input.points.forEach((p, k) => {
      const at = where(p.projection);
      const dd = Math.hypot(at.cx - px, at.cy - py);
      if (dd < bestD) { bestD = dd; best = { kind: 'fixed', key: `${i}:${k}` }; }
    }));
    if (!best) {
      bestD = 6;
      for (const tr of this.data.trajectories) for (const p of tr.points) {
        const dd = Math.hypot(x(p.xy[0]) - px, y(p.xy[1] ?? 0) - py);
        if (dd < bestD) { bestD = dd; best = { kind: 'trajectory', key: `${tr.sequence}:${p.t}`, tr, p }; }
      }
    }
    if (!best) return;
    this.ctx.state.dpoint = `${best.kind === 'fixed' ? 'f' : 't'}${best.key}`;
    this.ctx.sync();
    if (best.kind === 'trajectory') {
      // the playground reads "\n" + text: open the trajectory's text up to this timestep
      const text = best.tr.text.slice(0, best.p.t);
      this.ctx.input.set(text);
    }
    this.restoreSelection();
  }

  async restoreSelection() {
    const sel = this.ctx.state.dpoint;
    if (!sel) { this.detail.replaceChildren(el('p', 'hint', 'Click a fixed point, or a trajectory point, for its eigenvalues and slowest modes.')); return; }
    if (sel.startsWith('f')) {
      const [i, k] = sel.slice(1).split(':').map(Number);
      const p = this.data.inputs[i]?.points[k];
      if (p) this.showModes(`${p.kind} point under ${displayChar(p.input)}: q = ${p.q.toExponential(1)}, ${p.stability}`, p);
      return;
    }
    const [seq, t] = sel.slice(1).split(':').map(Number);
    this.detail.replaceChildren(el('p', 'hint', 'Linearising at that timestep…'));
    try {
      const at = await mechanismApi.dynamics(this.ctx.model.id, { layer: this.data.layer, point: `${seq}:${t}` });
      const p = at.point;
      this.showModes(`timestep ${p.t} of test sequence ${p.sequence} (“${displayText(p.context)}”) under ${displayChar(p.input)}: `
        + `q = ${p.q.toExponential(1)}, ${p.stability}`, p, integratorClaim(p, this.probes));
    } catch (err) {
      this.detail.replaceChildren(el('p', 'analysis-error', `Could not linearise there: ${message(err)}`));
    }
  }

  /** The eigenvalues against the unit circle and the leading units of the slowest modes. */
  showModes(title, p, claim = null) {
    this.detail.replaceChildren(el('h3', 'panel-subtitle', title));
    if (claim) this.detail.append(el('p', claim.holds ? 'claim claim-holds' : 'claim claim-fails', claim.text));
    const c = el('canvas', 'dynamics-eigen');
    c.id = 'dynamics-eigen';
    c.width = EIG;
    c.height = EIG;
    const g = c.getContext('2d');
    const r = Math.max(1.1, ...p.eigenvalues.map((e) => e.modulus)) * 1.05;
    const s = d3.scaleLinear().domain([-r, r]).range([8, EIG - 8]);
    const sy = d3.scaleLinear().domain([-r, r]).range([EIG - 8, 8]);
    g.strokeStyle = '#bbb';
    g.beginPath(); g.moveTo(s(-r), sy(0)); g.lineTo(s(r), sy(0)); g.moveTo(s(0), sy(-r)); g.lineTo(s(0), sy(r)); g.stroke();
    g.strokeStyle = '#333';
    g.beginPath(); g.arc(s(0), sy(0), s(1) - s(0), 0, 2 * Math.PI); g.stroke();
    for (const e of p.eigenvalues) {
      g.fillStyle = e.modulus < 1 ? '#2166ac' : '#b2182b';
      g.beginPath(); g.arc(s(e.re), sy(e.im), 3, 0, 2 * Math.PI); g.fill();
    }
    this.detail.append(c, el('p', 'hint', `${p.eigenvalues.length} eigenvalues of ∂F/∂S; the circle is |λ| = 1 (blue inside, red outside).`));
    const list = el('dl', 'facts');
    for (const m of p.modes) {
      const lead = m.units.slice(0, 3).map((u) => `${name(u)} (${fmt(u.weight)}${u.sign < 0 ? ', opposite' : ''})`).join(', ');
      fact(list, `λ = ${fmt(m.eigenvalue.re, 3)}${m.eigenvalue.im ? ` ± ${fmt(Math.abs(m.eigenvalue.im), 3)}i` : ''} (|λ| ${fmt(m.eigenvalue.modulus, 3)})`, lead);
    }
    this.detail.append(list);
  }
}
