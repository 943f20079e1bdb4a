/**
 * Several models' training curves overlaid: loss and test accuracy against sequences seen, hovered together,
 * with a sentence per model on when it first reached 100% (or why there is no curve).
 */
import { LineChart } from './linechart.js';

const d3 = window.d3;

export class CurveOverlay {
  constructor(lossSlot, accuracySlot, note) {
    this.slots = { lossSlot, accuracySlot };
    this.note = note;
  }

  /** runs: [{key, label, color, model}], model null when it could not be opened. */
  show(runs) {
    const series = runs.map(({ key, label, color }) => ({ key, label, color }));
    const common = { height: 190, series, xLabel: 'sequences seen', xMin: 0, emptyXDomain: [0, 1000], readoutLabel: (x) => `${d3.format(',')(Math.round(x))} sequences` };
    const loss = new LineChart(this.slots.lossSlot, { ...common, yInclude: [0], yFormat: d3.format('.2f'), emptyYDomain: [0, 1.5] });
    const accuracy = new LineChart(this.slots.accuracySlot, { ...common, yDomain: [0, 1], yFormat: d3.format('.0%') });
    const lossData = {};
    const accData = {};
    const notes = [];
    for (const { key, label, model: m } of runs) {
      const curve = m && m.training && Array.isArray(m.training.curve) ? m.training.curve : [];
      lossData[key] = curve.filter((p) => Number.isFinite(p.loss)).map((p) => ({ x: p.sequences, y: p.loss }));
      accData[key] = curve.filter((p) => Number.isFinite(p.testAccuracy)).map((p) => ({ x: p.sequences, y: p.testAccuracy }));
      if (!m) continue;
      if (!curve.length) notes.push(`${m.id} has no training curve (${m.source === 'imported' ? 'it was imported' : 'no record of its training'}).`);
      else if (m.training.sequencesToLearn !== null && m.training.sequencesToLearn !== undefined) {
        notes.push(`${label} first reached 100% after ${m.training.sequencesToLearn.toLocaleString('en')} sequences.`);
      } else notes.push(`${label} never reached 100% test accuracy (stopped: ${m.training.stopReason || 'unknown'}).`);
    }
    loss.setData(lossData);
    accuracy.setData(accData);
    for (const chart of [loss, accuracy]) {
      chart.on('hover', (x) => { for (const other of [loss, accuracy]) if (other !== chart) other.setHoverX(x); });
    }
    this.note.textContent = notes.join(' ');
  }
}
