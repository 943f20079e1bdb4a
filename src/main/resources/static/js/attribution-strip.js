/**
 * Attribution under the playground: each character read coloured by how much it contributed to the output
 * at a selected position (integrated gradients from 64 Gauss–Legendre nodes, more where the path needs them,
 * baseline the all-zero input), on a diverging scale
 * with the value on hover; click a character to explain the prediction made after it. "Matrix" computes it
 * for every position: output step × input step, as in Distill's "Visualizing memorization in RNNs".
 * explain({ of, at }) explains a unit's value instead ({layer, vector, unit} of a state vector), as a unit card asks.
 */
import { mechanismApi } from './api.js';
import { displayChar } from './chars.js';
import { button, el, fmt, message } from './dom.js';

const d3 = window.d3;
const CELL = 16, MAX_MATRIX = 60;

export class AttributionStrip {
  /** onChange({ of, at }) hears what is explained whenever a click changes it (of null: the next character). */
  constructor(container, modelId, onChange = () => {}) {
    this.modelId = modelId;
    this.onChange = onChange;
    this.text = '';
    this.target = -1;
    this.of = null;
    this.ticket = 0;   // the latest request: an older answer arriving late is dropped
    this.root = el('div', 'attribution');
    this.root.id = 'attribution';
    const head = el('div', 'attribution-head');
    this.title = el('span', 'attribution-title', 'Attribution');
    this.matrixButton = button('Matrix', 'button button-small', () => this.matrix());
    this.matrixButton.id = 'attribution-matrix-button';
    this.outputButton = button('Explain the next character', 'button button-small button-quiet', () => this.explain({ of: null, at: -1 }, true));
    this.outputButton.id = 'attribution-output-button';
    this.outputButton.hidden = true;
    head.append(this.title, this.matrixButton, this.outputButton);
    this.strip = el('div', 'attribution-strip');
    this.strip.id = 'attribution-strip';
    this.note = el('p', 'hint');
    this.matrixBox = el('div', 'attribution-matrix');
    this.matrixBox.id = 'attribution-matrix';
    this.root.append(head, this.strip, this.note, this.matrixBox);
    this.root.hidden = true;
    container.append(this.root);
  }

  /** The playground's text (read after the start token); explains the last prediction unless a target was picked. */
  setInput(text) {
    if (text === this.text) return;
    this.text = text;
    this.target = -1;
    this.matrixBox.replaceChildren();
    this.draw();
  }

  /** Explains the value of unit `of` ({layer, vector, unit}; null: the next character) after timestep `at` (-1: the last). */
  explain({ of, at }, byUser = false) {
    this.of = of || null;
    this.target = at ?? -1;
    this.outputButton.hidden = !this.of;
    this.matrixButton.hidden = !!this.of;
    if (byUser) this.onChange({ of: this.of, at: this.target });
    this.draw();
  }

  async draw() {
    const text = this.text;
    // nothing to explain without a typed sequence: the strip stays out of the way
    this.root.hidden = !text;
    if (!text) {
      this.strip.replaceChildren();
      return;
    }
    // a unit's value is there after every timestep; the next character's probability until the last one read
    const last = this.of ? text.length : text.length - 1;
    const t = this.target >= 0 && this.target <= last ? this.target : last;
    const ticket = ++this.ticket;
    try {
      const a = await mechanismApi.attribution(this.modelId, this.of ? { input: text, target: t, of: this.of } : { input: text, target: t });
      if (ticket !== this.ticket) return;
      this.show(a);
    } catch (err) {
      this.note.textContent = `Could not compute the attribution: ${message(err)}`;
    }
  }

  show(a) {
    const span = Math.max(1e-9, ...a.attributions.map(Math.abs));
    const colour = d3.scaleSequential(d3.interpolateRdBu).domain([-span, span]);
    this.strip.replaceChildren();
    a.read.forEach((ch, k) => {
      const cell = el('span', 'attribution-char', displayChar(ch));
      const v = a.attributions[k];
      cell.style.background = k > a.target ? '#f3f3f3' : colour(v);
      cell.style.color = Math.abs(v) > 0.6 * span ? '#fff' : '#1b1b1b';
      cell.title = k > a.target ? 'after the explained position' : `timestep ${k}: ${fmt(v, 3)}`;
      cell.dataset.value = String(v);
      if (k === a.target) cell.classList.add('attribution-target');
      if (this.of || k < a.read.length - 1) cell.addEventListener('click', () => { this.target = k; this.onChange({ of: this.of, at: k }); this.draw(); });
      this.strip.append(cell);
    });
    this.title.textContent = `Attribution of ${a.of}`;
    this.note.textContent = `${completeness(a)} Blue raises it, red lowers it. `
      + (this.of ? 'Click a character to explain the unit’s value after it.' : 'Click a character to explain the prediction made after it.');
    this.note.classList.toggle('analysis-error', a.complete === false);
  }

  /** Output step × input step: every prediction's attribution to every earlier character. */
  async matrix() {
    const text = this.text.slice(0, MAX_MATRIX);
    if (!text) return;
    this.matrixBox.replaceChildren(el('p', 'hint', `Explaining each of ${text.length} predictions…`));
    try {
      const rows = [];
      for (let t = 0; t < text.length; t++) rows.push(await mechanismApi.attribution(this.modelId, { input: text, target: t }));
      const n = text.length + 1;
      const canvas = el('canvas', 'attribution-matrix-canvas');
      canvas.width = 30 + n * CELL;
      canvas.height = 30 + text.length * CELL;
      const g = canvas.getContext('2d');
      g.font = '11px monospace';
      const read = `\n${text}`;
      for (let k = 0; k < n; k++) g.fillText(displayChar(read[k]), 30 + k * CELL + 4, 12);
      rows.forEach((a, t) => {
        // each row on its own scale: which earlier characters this prediction leans on
        const span = Math.max(1e-9, ...a.attributions.map(Math.abs));
        const colour = d3.scaleSequential(d3.interpolateRdBu).domain([-span, span]);
        g.fillStyle = '#333';
        g.fillText(displayChar(read[t + 1]), 6, 30 + t * CELL + 12);
        for (let k = 0; k <= t; k++) {
          g.fillStyle = colour(a.attributions[k]);
          g.fillRect(30 + k * CELL, 18 + t * CELL, CELL - 1, CELL - 1);
        }
      });
      const incomplete = rows.filter((a) => a.complete === false).length;
      this.matrixBox.replaceChildren(el('h3', 'panel-subtitle', 'Each prediction (row: the character predicted) against each character read (column)'),
        canvas, el('p', 'hint', 'Each row on its own diverging scale (blue raises the prediction, red lowers it). '
          + 'For a counter, the last b’s lean on the a’s far back.'
          + (incomplete ? ` ${incomplete} of ${rows.length} rows are not complete within ${within(rows.find((a) => a.complete === false))} `
            + '(their attributions are only approximate).' : '')));
    } catch (err) {
      this.matrixBox.replaceChildren(el('p', 'analysis-error', `Could not compute the matrix: ${message(err)}`));
    }
  }
}

/**
 * What the answer says of its own accuracy: how it was computed, the sum against f(input) − f(zero input), and, when
 * integrated gradients did not reach the server's tolerance, that the attributions are only approximate.
 */
function completeness(a) {
  const change = fmt(a.value - a.baselineValue, 3);
  if (!a.rule) return `Gradient × input: the attributions sum to ${fmt(a.sum, 3)}, with no guarantee to match f(input) − f(zero input) = ${change}.`;
  const nodes = a.panels > 1 ? `${a.steps} Gauss–Legendre nodes over ${a.panels} pieces of the path (${a.stepsRequested} asked for, `
    + `${a.nodesEvaluated} evaluated)` : `${a.steps} Gauss–Legendre nodes`;
  const head = `Integrated gradients, ${nodes}: the attributions sum to ${fmt(a.sum, 3)}; f(input) − f(zero input) = ${change} `
    + `(completeness error ${fmt(100 * a.completenessError, 2)}%).`;
  return a.complete ? head : `${head} Not complete within ${within(a)} even with ${a.nodesEvaluated} nodes: these attributions are only approximate.`;
}

/** The completeness tolerance the server answered with, as a percentage. */
function within(a) {
  return Number.isFinite(a.tolerance) ? `${Number((100 * a.tolerance).toPrecision(3))}%` : 'the server’s tolerance';
}
