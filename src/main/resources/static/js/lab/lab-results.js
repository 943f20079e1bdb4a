/**
 * The lab's results: one row per cell (seeds learned, median and range of the first failing size) and
 * one row per run with links that open its model at its first failing sequence, in the playground and
 * in the neuron view of its best counting unit. Text only, via textContent. Events: 'select' run.
 */
import { Emitter } from '../emitter.js';
import { cellLabel, displayText, percent } from '../chars.js';
import { link } from '../dom.js';

export class LabResults extends Emitter {
  constructor(container) {
    super();
    this.root = document.createElement('div');
    this.root.className = 'lab-results';
    container.append(this.root);
    this.lab = null;
  }

  setLab(lab) {
    this.lab = lab;
    this.draw();
  }

  draw() {
    const lab = this.lab;
    if (!lab) { this.root.replaceChildren(); return; }
    const beyond = `> ${lab.sweepSizes.max}`;
    const summary = table('lab-summary', ['Cell', 'Seeds learned', 'First failing size (median)', 'Range', 'Never failed'],
      lab.summary.map((s) => [
        cellLabel(s.cell),
        `${s.seedsLearned} / ${s.finished}${s.finished < s.runs ? ` (${s.runs - s.finished} to go)` : ''}`,
        s.finished === 0 ? '—' : s.firstFailingMedian === null ? beyond : fmt(s.firstFailingMedian),
        s.finished === 0 ? '—' : `${s.firstFailingMin ?? beyond} – ${s.firstFailingMax ?? beyond}`,
        s.finished === 0 ? '—' : String(s.neverFailed),
      ]));
    summary.id = 'lab-summary';
    for (const [k, row] of [...summary.tBodies[0].rows].entries()) row.dataset.cell = lab.summary[k].cell;

    const runs = table('lab-runs', ['Cell', 'Seed', 'Status', 'Test accuracy', 'First failing', 'First five failing', 'Best counting unit', 'Open'], []);
    runs.id = 'lab-runs';
    for (const run of lab.runs) {
      const row = runs.tBodies[0].insertRow();
      row.dataset.cell = run.cell;
      row.dataset.seed = String(run.seed);
      const status = run.status === 'failed' || run.status === 'cancelled' ? `${run.status}${run.error ? `: ${run.error}` : ''}` : run.status;
      for (const text of [cellLabel(run.cell), String(run.seed), status,
        run.testAccuracy === null || run.testAccuracy === undefined ? '—' : `${percent(run.testAccuracy)}${run.learned ? ' (learned)' : ''}`,
        run.status !== 'done' && run.status !== 'cancelled' ? '—' : run.firstFailing === null ? `none up to ${lastSize(run)}` : String(run.firstFailing),
        (run.failing || []).join(', ') || '—',
        run.countingUnit ? `${run.countingUnit.sentence}` : '—']) row.insertCell().textContent = text;
      const open = row.insertCell();
      if (run.modelId && (run.status === 'done' || run.status === 'cancelled')) {
        open.append(link(run.playgroundInput ? `playground at ${displayText(run.playgroundInput)}` : 'playground', playgroundUrl(run), 'lab-open-playground'));
        if (run.countingUnit) open.append(' · ', link(`neuron ${run.countingUnit.unit}`, neuronUrl(run), 'lab-open-neuron'));
      }
      row.addEventListener('mouseenter', () => this.emit('select', run));
    }
    this.root.replaceChildren(summary, runs);
  }
}

/** The model's page, the playground holding its first failing sequence up to its delimiter, the sweep tab open. */
export function playgroundUrl(run) {
  const params = new URLSearchParams();
  if (run.playgroundInput) params.set('input', run.playgroundInput);
  params.set('tab', 'sweep');
  return `/models/${encodeURIComponent(run.modelId)}?${params}`;
}

/** The neuron view of the run's best counting unit, reading its first failing sequence. */
export function neuronUrl(run) {
  const u = run.countingUnit;
  const params = new URLSearchParams();
  params.set('vector', u.vector);
  if (run.playgroundInput) params.set('input', run.playgroundInput);
  return `/models/${encodeURIComponent(run.modelId)}/layers/${u.layer}/units/${u.unit}?${params}`;
}

function lastSize(run) { return run.accuracy && run.accuracy.length ? run.accuracy[run.accuracy.length - 1][0] : '—'; }

function fmt(v) { return Number.isInteger(v) ? String(v) : v.toFixed(1); }

function table(className, headers, rows) {
  const t = document.createElement('table');
  t.className = `data-table ${className}`;
  const head = t.createTHead().insertRow();
  for (const h of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.append(th);
  }
  const body = t.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    for (const text of r) row.insertCell().textContent = text;
  }
  return t;
}
