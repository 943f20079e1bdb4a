/** A row of toggle buttons, one pressed (like TF Playground's option pickers). Emits 'change' with the value. */
import { Emitter } from './emitter.js';

export class SegmentedControl extends Emitter {
  constructor(container, { label, name } = {}) {
    super();
    this.root = document.createElement('div');
    this.root.className = 'control control-segmented';
    this.root.setAttribute('role', 'group');
    const text = document.createElement('span');
    text.className = 'control-label';
    text.textContent = label;
    this.buttons = document.createElement('div');
    this.buttons.className = 'segmented';
    this.buttons.dataset.name = name || '';
    this.root.setAttribute('aria-label', label);
    this.root.append(text, this.buttons);
    container.append(this.root);
    this._value = null;
  }

  /** options: [{value, label, title, className}] */
  setOptions(options, value) {
    this.buttons.replaceChildren(...options.map((o) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `segment${o.className ? ` ${o.className}` : ''}`;
      button.dataset.value = o.value;
      button.textContent = o.label;
      if (o.title) button.title = o.title;
      button.addEventListener('click', () => {
        if (this._value === o.value) return;
        this.value = o.value;
        this.emit('change', o.value);
      });
      return button;
    }));
    this.value = value;
  }

  get value() { return this._value; }

  set value(v) {
    this._value = v;
    for (const button of this.buttons.children) {
      const on = button.dataset.value === v;
      button.classList.toggle('active', on);
      button.setAttribute('aria-pressed', String(on));
    }
  }
}
