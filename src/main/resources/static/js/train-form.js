/**
 * Training settings form. Validates in the browser with the server's limits, read from /openapi.json (the server
 * validates again and its errors are shown too). Events: 'submit' config, 'stop', 'change' values (for the URL).
 */
import { Emitter } from './emitter.js';
import { cellLabel, taskLabel } from './chars.js';
import { button, el } from './dom.js';
import { helpText, numberError } from './number-field.js';

/**
 * name → {label, step, integer, help, range}. The ranges come from the server (setLimits); help ends with the
 * range where range is true.
 */
const NUMBERS = {
  hidden: { label: 'Hidden units', step: 1, integer: true, help: 'per layer', range: true },
  layers: { label: 'Layers', step: 1, integer: true, help: '', range: true },
  learningRate: { label: 'Learning rate', step: 'any', help: 'Adam', range: true },
  batch: { label: 'Batch size', step: 1, integer: true, help: 'sequences per step', range: true },
  seed: { label: 'Seed', step: 1, integer: true, help: 'same seed, same model', range: false },
  maxSeconds: { label: 'Time limit (s)', step: 1, integer: true, help: 'stops earlier once learned', range: true },
  afterLearned: { label: 'Steps after learned', step: 1, integer: true, help: 'trains on once learned (counters then count further)', range: true },
  trainMax: {
    label: 'Largest training size', step: 1, integer: true, range: true,
    help: 'trains on sizes 1 to this (n, L or K); other than the task\'s own, the data is generated from fixed seeds',
  },
  window: { label: 'Window', step: 1, integer: true, help: 'characters per training window (BPTT)', range: true },
};

/** A dataset model may be larger and train longer (its maxima come from the server too); it has no "learned". */
const DATASET_HELP = { hidden: 'per layer, for a dataset', maxSeconds: 'a dataset model trains for all of it' };
const DATASET_PREFIX = 'dataset:';

/** How training sizes are drawn (Suzgun et al. 2019): value → label. */
const LENGTHS = { uniform: 'Uniform', short: 'Biased to short', long: 'Biased to long' };

export const FORM_DEFAULTS = { learningRate: 0.01, batch: 32, seed: 1, maxSeconds: 60 };

export class TrainForm extends Emitter {
  constructor(container) {
    super();
    this.tasks = [];
    this.cells = [];
    this.ranges = {};
    this.datasetRanges = {};
    this.datasets = [];
    this.form = document.createElement('form');
    this.form.className = 'train-form';
    this.form.id = 'train-form';
    this.form.noValidate = true; // our messages, not the browser's bubbles

    this.task = this._select('task', 'Task');
    this.taskHelp = document.createElement('p');
    this.taskHelp.className = 'field-help task-help';
    this.task.field.append(this.taskHelp);
    this.cell = this._select('cell', 'Cell type');
    this.name = this._text('name', 'Name (optional)', 'shown instead of the id, e.g. “Ann’s counter”');
    /** Number fields the person typed in (or that came from the link): a task change leaves them alone. */
    this.touched = new Set();
    this.inputs = {};
    const grid = document.createElement('div');
    grid.className = 'field-grid';
    for (const [name, spec] of Object.entries(NUMBERS)) this.inputs[name] = this._number(grid, name, spec);
    this.form.append(grid);
    this.lengths = this._select('lengths', 'Training lengths');
    this.lengths.select.replaceChildren(...Object.entries(LENGTHS).map(([value, label]) => option(value, label)));
    this.lengths.select.addEventListener('change', () => this.emit('change', this.values()));

    const actions = el('div', 'form-actions');
    this.startButton = Object.assign(el('button', 'button button-primary button-large', '▶ Start training'), { type: 'submit', id: 'start-training' });
    this.stopButton = Object.assign(button('■ Stop', 'button button-large'), { id: 'stop-training', disabled: true });
    actions.append(this.startButton, this.stopButton);
    this.form.append(actions);
    container.append(this.form);

    this.task.select.addEventListener('change', () => {
      this._markChoice(this.task, '');
      this._applyTaskDefaults();
      this._describeTask();
      this.emit('change', this.values());
    });
    this.cell.select.addEventListener('change', () => {
      this._markChoice(this.cell, '');
      this.emit('change', this.values());
    });
    this.form.addEventListener('input', (e) => {
      if (e.target.name in this.inputs) {
        this.touched.add(e.target.name);
        this._check(e.target.name);
      }
      this.emit('change', this.values());
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (this.validate()) this.emit('submit', this.config());
    });
    this.stopButton.addEventListener('click', () => this.emit('stop'));
  }

  setOptions(tasks, cells, datasets = []) {
    this.tasks = tasks;
    this.cells = cells;
    this.datasets = datasets;
    this.task.select.replaceChildren(...tasks.map((t) => option(t.name, taskLabel(t.name))));
    if (datasets.length) {
      const group = el('optgroup');
      group.label = 'Datasets';
      group.append(...datasets.map((d) => option(DATASET_PREFIX + d.id, `${d.name} (${d.kind}, ${d.characters.toLocaleString('en')} characters)`)));
      this.task.select.append(group);
    }
    this.cell.select.replaceChildren(...cells.map((c) => option(c.name, cellLabel(c.name))));
    if (cells.some((c) => c.name === 'lstm')) this.cell.select.value = 'lstm';
  }

  /**
   * The server's ranges, name → {min, max, exclusiveMin} (limits.js), and those of a dataset model where they differ;
   * a field without one is only checked to be a number. nameLength: the longest name the server takes.
   */
  setLimits(ranges, datasetRanges, nameLength = null) {
    if (nameLength) this.name.input.maxLength = nameLength;
    this.ranges = ranges || {};
    this.datasetRanges = datasetRanges || {};
    this._showFields();
  }

  /**
   * values: partial {task, cell, name, hidden, ...} (from the link); missing ones get the task's defaults.
   * Returns the names of the values that were not usable, each marked on its field.
   */
  setValues(values) {
    const bad = [];
    if (values.task) {
      if (this.tasks.some((t) => t.name === values.task)) this.task.select.value = values.task;
      else bad.push('task');
    }
    if (values.dataset && this.datasets.some((d) => d.id === values.dataset)) this.task.select.value = DATASET_PREFIX + values.dataset;
    this._applyTaskDefaults();
    for (const [name, value] of Object.entries(FORM_DEFAULTS)) this.inputs[name].value = String(value);
    if (values.cell) {
      if (this.cells.some((c) => c.name === values.cell)) this.cell.select.value = values.cell;
      else bad.push('cell');
    }
    this.name.input.value = values.name || '';
    this.lengths.select.value = values.lengths in LENGTHS ? values.lengths : 'uniform';
    for (const name of Object.keys(NUMBERS)) {
      if (values[name] !== undefined && values[name] !== null && values[name] !== '') {
        this.inputs[name].value = String(values[name]);
        this.touched.add(name);
        if (!this._check(name)) bad.push(name);
      }
    }
    this._markChoice(this.task, bad.includes('task') ? `The link asked for the task “${values.task}”, which does not exist.` : '');
    this._markChoice(this.cell, bad.includes('cell') ? `The link asked for the cell type “${values.cell}”, which does not exist.` : '');
    this._describeTask();
    return bad;
  }

  /** The dataset picked instead of a task, or null. */
  dataset() {
    const value = this.task.select.value;
    return value.startsWith(DATASET_PREFIX) ? this.datasets.find((d) => d.id === value.slice(DATASET_PREFIX.length)) || null : null;
  }

  /** The fields that apply: no "after learned" or training sizes for a dataset, a window only for a text. */
  _fields() {
    const d = this.dataset();
    return Object.keys(NUMBERS).filter((name) => (!d || (name !== 'afterLearned' && name !== 'trainMax'))
      && (name !== 'window' || d?.kind === 'text'));
  }

  values() {
    const d = this.dataset();
    const values = {
      task: d ? '' : this.task.select.value, dataset: d ? d.id : '', cell: this.cell.select.value, name: this.name.input.value,
      lengths: d ? '' : this.lengths.select.value,
    };
    const fields = this._fields();
    for (const name of Object.keys(NUMBERS)) values[name] = fields.includes(name) ? this.inputs[name].value.trim() : '';
    return values;
  }

  config() {
    const v = this.values();
    const config = v.dataset ? { dataset: v.dataset, cell: v.cell } : { task: v.task, cell: v.cell, lengths: v.lengths };
    if (v.name.trim()) config.name = v.name.trim();
    for (const name of this._fields()) config[name] = Number(v[name]);
    return config;
  }

  validate() {
    let ok = true;
    for (const name of this._fields()) ok = this._check(name) && ok;
    if (!ok) this.form.querySelector('[aria-invalid="true"]')?.focus();
    return ok;
  }

  /** An error from the server about one field: shown under that field too. */
  showServerError(field, message) {
    if (field && field in this.inputs) {
      this._setError(field, message);
      this.inputs[field].focus();
    }
  }

  setRunning(running) {
    const hadFocus = this.form.contains(document.activeElement);
    this.startButton.disabled = running;
    this.stopButton.disabled = !running;
    for (const el of this.form.querySelectorAll('input, select')) el.disabled = running;
    this.form.classList.toggle('running', running);
    // the button pressed is now disabled: keep the keyboard on the one that matters next
    if (hadFocus || document.activeElement === document.body) (running ? this.stopButton : this.startButton).focus();
  }

  // ---- internal ----

  /** The task's sizes, in the fields the person has not typed in. */
  _applyTaskDefaults() {
    this._showFields();
    const d = this.dataset();
    const task = this.tasks.find((t) => t.name === this.task.select.value);
    if (!d && (!task || !task.defaultModel)) return;
    const defaults = d ? { hidden: 64, layers: 1, window: 100 }
      : { hidden: task.defaultModel.hidden, layers: task.defaultModel.layers, afterLearned: task.defaultModel.afterLearned ?? 0 };
    if (!d && task.trainRange) defaults.trainMax = task.trainRange.max;
    for (const [name, value] of Object.entries(defaults)) {
      if (this.touched.has(name)) continue;
      this.inputs[name].value = String(value);
      this._check(name);
    }
  }

  /** Each field shown only where it applies, with the range and help of a task or of a dataset model. */
  _showFields() {
    const fields = this._fields();
    for (const [name, input] of Object.entries(this.inputs)) {
      const range = this._range(name);
      if (range.min !== null && range.min !== undefined) input.min = String(range.min); else input.removeAttribute('min');
      if (range.max !== null && range.max !== undefined) input.max = String(range.max); else input.removeAttribute('max');
      input.closest('.field').hidden = !fields.includes(name);
      input.closest('.field').querySelector('.field-help').textContent = helpText(this._spec(name), range);
    }
    this.lengths.field.hidden = !!this.dataset();
  }

  /** A field's range: the tasks', or the larger one of a dataset model. */
  _range(name) {
    const range = this.ranges[name] || {};
    return this.dataset() && this.datasetRanges[name] ? { ...range, ...this.datasetRanges[name] } : range;
  }

  _spec(name) {
    return this.dataset() && DATASET_HELP[name] ? { ...NUMBERS[name], help: DATASET_HELP[name] } : NUMBERS[name];
  }

  _markChoice(choice, message) {
    choice.select.setAttribute('aria-invalid', String(!!message));
    choice.field.classList.toggle('has-error', !!message);
    let error = choice.field.querySelector('.field-error');
    if (!error) {
      error = document.createElement('span');
      error.className = 'field-error';
      choice.field.append(error);
    }
    error.textContent = message;
  }

  _describeTask() {
    const d = this.dataset();
    if (d) {
      this.taskHelp.textContent = `Your ${d.kind} dataset: ${d.splits.train.toLocaleString('en')} train and ${d.splits.test.toLocaleString('en')} `
        + `test ${d.splitUnit}, ${d.vocab.length} distinct characters. Measured in bits per character and next-character accuracy on the `
        + 'test split; it trains until the time limit or Stop.';
      return;
    }
    const task = this.tasks.find((t) => t.name === this.task.select.value);
    if (!task) { this.taskHelp.textContent = ''; return; }
    const examples = (task.examples || []).slice(0, 2).map((e) => e.replaceAll('\n', '⏎')).join('   ');
    this.taskHelp.textContent = `${task.description}${examples ? `  e.g. ${examples}` : ''}`;
  }

  _check(name) {
    const error = numberError(this.inputs[name].value, NUMBERS[name], this._range(name));
    this._setError(name, error);
    return !error;
  }

  _setError(name, error) {
    const input = this.inputs[name];
    input.setAttribute('aria-invalid', String(!!error));
    input.closest('.field').classList.toggle('has-error', !!error);
    const message = input.closest('.field').querySelector('.field-error');
    message.textContent = error;
  }

  _select(name, label) {
    const field = el('div', 'field');
    const l = el('label', '', label);
    l.htmlFor = `train-${name}`;
    const select = el('select');
    select.id = `train-${name}`;
    select.name = name;
    field.append(l, select);
    this.form.append(field);
    return { field, select };
  }

  _text(name, label, help) {
    const field = document.createElement('div');
    field.className = 'field';
    const l = document.createElement('label');
    l.htmlFor = `train-${name}`;
    l.textContent = label;
    const input = document.createElement('input');
    input.type = 'text';
    input.id = `train-${name}`;
    input.name = name;
    input.autocomplete = 'off';
    input.placeholder = help;
    field.append(l, input);
    this.form.append(field);
    return { field, input };
  }

  _number(grid, name, spec) {
    const field = el('div', 'field');
    const l = el('label', '', spec.label);
    l.htmlFor = `train-${name}`;
    const input = el('input');
    input.type = 'number';
    input.id = `train-${name}`;
    input.name = name;
    input.step = String(spec.step);
    input.inputMode = spec.integer ? 'numeric' : 'decimal';
    input.setAttribute('aria-describedby', `train-${name}-help`);
    const help = el('span', 'field-help', helpText(spec, null));
    help.id = `train-${name}-help`;
    const error = el('span', 'field-error');
    error.setAttribute('aria-live', 'polite');
    field.append(l, input, help, error);
    grid.append(field);
    return input;
  }
}

function option(value, label) {
  const o = el('option', '', label);
  o.value = value;
  return o;
}
