/**
 * The counting lab's settings: a task, several cell types, seeds 1–5, the training range and its
 * distribution, a time limit per run and the Dyck threshold. The ranges are the server's, read from /openapi.json
 * (setLimits), and it checks again.
 * Events: 'submit' request, 'stop', 'change' values (for the URL).
 */
import { Emitter } from '../emitter.js';
import { cellLabel, taskLabel } from '../chars.js';
import { el } from '../dom.js';
import { helpText, numberError, rangeText } from '../number-field.js';

const SEEDS = [1, 2, 3, 4, 5];
const LENGTHS = { uniform: 'Uniform', short: 'Biased to short', long: 'Biased to long' };
/** name → {label, integer, help, range}: help ends with the server's range once it is known. */
const NUMBERS = {
  trainMax: { label: 'Largest training size', integer: true, help: 'n, L or K from 1 to this', range: true },
  maxSeconds: { label: 'Time limit per run (s)', integer: true, help: 'a run stops earlier once learned', range: true },
  threshold: { label: 'Deemed possible at', integer: false, help: 'probability; scores dyck1 and dyck2', range: true },
};

export class LabForm extends Emitter {
  constructor(container) {
    super();
    this.tasks = [];
    this.ranges = {};
    this.form = el('form', 'train-form lab-form'); // the train page's field styles
    this.form.id = 'lab-form';
    this.form.noValidate = true;

    this.task = el('select');
    this.task.id = 'lab-task';
    this.task.name = 'task';
    this.taskHelp = el('p', 'field-help task-help');
    this.form.append(field('Task', this.task, this.taskHelp));

    this.cellBox = el('fieldset', 'lab-choices');
    this.cellBox.id = 'lab-cells';
    this.cellLegend = el('legend', '', 'Cells');
    this.cellBox.append(this.cellLegend);
    this.seedBox = el('fieldset', 'lab-choices');
    this.seedBox.id = 'lab-seeds';
    this.seedBox.append(el('legend', '', 'Seeds'));
    for (const seed of SEEDS) this.seedBox.append(check('seed', String(seed), String(seed)));
    this.form.append(this.cellBox, this.seedBox);

    const grid = el('div', 'field-grid');
    this.inputs = {};
    for (const [name, spec] of Object.entries(NUMBERS)) {
      const input = el('input');
      input.type = 'number';
      input.id = `lab-${name}`;
      input.name = name;
      input.step = spec.integer ? '1' : 'any';
      this.inputs[name] = input;
      grid.append(field(spec.label, input, el('span', 'field-help', helpText(spec, null)), el('span', 'field-error')));
    }
    this.lengths = el('select');
    this.lengths.id = 'lab-lengths';
    this.lengths.name = 'lengths';
    this.lengths.replaceChildren(...Object.entries(LENGTHS).map(([v, l]) => option(v, l)));
    grid.append(field('Training lengths', this.lengths, el('span', 'field-help', 'as in Suzgun et al. 2019')));
    this.form.append(grid);

    this.error = el('p', 'field-error lab-form-error');
    this.error.setAttribute('aria-live', 'polite');
    this.start = el('button', 'button button-primary button-large', '▶ Run the lab');
    this.start.type = 'submit';
    this.start.id = 'lab-start';
    this.stop = el('button', 'button button-large', '■ Stop');
    this.stop.type = 'button';
    this.stop.id = 'lab-stop';
    this.stop.disabled = true;
    const actions = el('div', 'form-actions');
    actions.append(this.start, this.stop);
    this.form.append(this.error, actions);
    container.append(this.form);

    this.task.addEventListener('change', () => { this._taskDefaults(); this._describe(); this.emit('change', this.values()); });
    this.form.addEventListener('input', () => { this._validate(); this.emit('change', this.values()); });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this._validate()) this.emit('submit', this.request());
    });
    this.stop.addEventListener('click', () => this.emit('stop'));
  }

  setOptions(tasks, cells) {
    this.tasks = tasks;
    this.task.replaceChildren(...tasks.map((t) => option(t.name, taskLabel(t.name))));
    for (const c of cells) this.cellBox.append(check('cell', c.name, cellLabel(c.name)));
  }

  /** The server's ranges (limits.js's lab), and how many cells a lab may compare ({min, max}). */
  setLimits(ranges, cells) {
    this.ranges = ranges || {};
    for (const [name, spec] of Object.entries(NUMBERS)) {
      const range = this.ranges[name];
      const input = this.inputs[name];
      if (range?.min !== null && range?.min !== undefined) input.min = String(range.min);
      if (range?.max !== null && range?.max !== undefined) input.max = String(range.max);
      input.closest('.field').querySelector('.field-help').textContent = helpText(spec, range);
    }
    if (cells) this.cellLegend.textContent = `Cells (${rangeText(cells)})`;
  }

  /** values: {task, cells: [], seeds: [], trainMax, lengths, maxSeconds, threshold}, any missing. */
  setValues(v) {
    if (v.task && this.tasks.some((t) => t.name === v.task)) this.task.value = v.task;
    this._taskDefaults();
    const cells = v.cells && v.cells.length ? v.cells : ['lstm', 'gru'];
    for (const box of this._boxes('cell')) box.checked = cells.includes(box.value);
    const seeds = v.seeds && v.seeds.length ? v.seeds.map(String) : ['1', '2', '3'];
    for (const box of this._boxes('seed')) box.checked = seeds.includes(box.value);
    if (v.trainMax) this.inputs.trainMax.value = String(v.trainMax);
    this.inputs.maxSeconds.value = String(v.maxSeconds || 60);
    this.inputs.threshold.value = String(v.threshold || 0.05);
    this.lengths.value = v.lengths in LENGTHS ? v.lengths : 'uniform';
    this._describe();
    this._validate();
  }

  values() {
    return {
      task: this.task.value,
      cells: this._boxes('cell').filter((b) => b.checked).map((b) => b.value),
      seeds: this._boxes('seed').filter((b) => b.checked).map((b) => Number(b.value)),
      trainMax: this.inputs.trainMax.value.trim(),
      lengths: this.lengths.value,
      maxSeconds: this.inputs.maxSeconds.value.trim(),
      threshold: this.inputs.threshold.value.trim(),
    };
  }

  /** The body of POST /api/labs. */
  request() {
    const v = this.values();
    return { task: v.task, cells: v.cells, seeds: v.seeds, trainMax: Number(v.trainMax), lengths: v.lengths,
      maxSeconds: Number(v.maxSeconds), threshold: Number(v.threshold) };
  }

  setRunning(running) {
    this.start.disabled = running;
    this.stop.disabled = !running;
    for (const input of this.form.querySelectorAll('input, select')) input.disabled = running;
  }

  showError(message) { this.error.textContent = message; }

  _boxes(name) { return [...this.form.querySelectorAll(`input[name="${name}"]`)]; }

  _taskDefaults() {
    const task = this.tasks.find((t) => t.name === this.task.value);
    if (task && task.trainRange) this.inputs.trainMax.value = String(task.trainRange.max);
  }

  _describe() {
    const task = this.tasks.find((t) => t.name === this.task.value);
    this.taskHelp.textContent = task ? task.description : '';
  }

  _validate() {
    let ok = true;
    for (const [name, spec] of Object.entries(NUMBERS)) {
      const input = this.inputs[name];
      const error = numberError(input.value, spec, this.ranges[name]);
      input.setAttribute('aria-invalid', String(!!error));
      input.closest('.field').querySelector('.field-error').textContent = error;
      ok = ok && !error;
    }
    const v = this.values();
    let message = '';
    if (!v.cells.length) message = 'Pick at least one cell.';
    else if (!v.seeds.length) message = 'Pick at least one seed.';
    this.error.textContent = message;
    return ok && !message;
  }
}

function field(label, control, ...rest) {
  const f = el('div', 'field');
  const l = el('label', '', label);
  l.htmlFor = control.id;
  f.append(l, control, ...rest);
  return f;
}

function check(name, value, label) {
  const l = el('label', 'lab-choice');
  const box = el('input');
  box.type = 'checkbox';
  box.name = name;
  box.value = value;
  box.id = `lab-${name}-${value}`;
  l.append(box, ` ${label}`);
  return l;
}

function option(value, label) {
  const o = el('option', '', label);
  o.value = value;
  return o;
}
