/** Small form controls for toolbars: a labelled select and a labelled checkbox. Both emit 'change' with the value. */
import { Emitter } from './emitter.js';

let counter = 0;

export class SelectControl extends Emitter {
  constructor(container, { label, name, options = [], value } = {}) {
    super();
    this.root = document.createElement('label');
    this.root.className = 'control control-select';
    const text = document.createElement('span');
    text.className = 'control-label';
    text.textContent = label;
    if (!label) text.hidden = true;
    this.select = document.createElement('select');
    if (!label) this.select.setAttribute('aria-label', name);
    this.select.name = name || `select-${++counter}`;
    this.select.id = this.select.name;
    this.select.addEventListener('change', () => this.emit('change', this.value));
    this.root.append(text, this.select);
    container.append(this.root);
    this.setOptions(options, value);
  }

  /** options: [{value, label}] */
  setOptions(options, value) {
    this.select.replaceChildren(...options.map((o) => {
      const option = document.createElement('option');
      option.value = String(o.value);
      option.textContent = o.label;
      return option;
    }));
    if (value !== undefined) this.value = value;
  }

  get value() { return this.select.value; }
  set value(v) { this.select.value = String(v); }
  set disabled(d) { this.select.disabled = d; }
}

export class ToggleControl extends Emitter {
  constructor(container, { label, name, checked = false } = {}) {
    super();
    this.root = document.createElement('label');
    this.root.className = 'control control-toggle';
    this.input = document.createElement('input');
    this.input.type = 'checkbox';
    this.input.name = name || `toggle-${++counter}`;
    this.input.id = this.input.name;
    this.input.checked = checked;
    this.input.addEventListener('change', () => this.emit('change', this.input.checked));
    const text = document.createElement('span');
    text.textContent = label;
    this.root.append(this.input, text);
    container.append(this.root);
  }

  get checked() { return this.input.checked; }
  set checked(c) { this.input.checked = c; }
}

const SAMPLE_SIZES = [1, 3, 6, 10, 20];

/** The URL keys of the two selects below: which split, how many of its sequences (held to the server's limit once known). */
export const SAMPLE_SCHEMA = {
  sample: { type: 'string', default: 'test', values: ['test', 'generalization', 'train'] },
  n: { type: 'int', default: 6, min: 1 },
};

/** The sizes the count select offers: the usual ones, n and the most the server takes (once known), none above it. */
export function sampleSizes(n, max = Infinity) {
  return [...new Set([...SAMPLE_SIZES, n, ...(Number.isFinite(max) ? [max] : [])])].filter((k) => k <= max).sort((a, b) => a - b)
    .map((k) => ({ value: k, label: `${k} sequence${k === 1 ? '' : 's'}` }));
}

/** The two selects that pick which dataset sequences a page traces: the split and how many. */
export function sampleControls(container, { sample, n }) {
  const split = new SelectControl(container, {
    label: 'Sequences', name: 'sample',
    options: [{ value: 'test', label: 'test' }, { value: 'generalization', label: 'generalisation' }, { value: 'train', label: 'train' }],
    value: sample,
  });
  const count = new SelectControl(container, { label: '', name: 'n', options: sampleSizes(n), value: n });
  return { split, count };
}

/** Holds state.n to the server's limit on dataset sequences per trace, and the count select with it. */
export function limitSampleCount(count, state, max) {
  if (!max) return;
  state.n = Math.min(state.n, max);
  count.setOptions(sampleSizes(state.n, max), state.n);
}
