/**
 * The row controls of a unit heat map, for models of hundreds of units: the order (unit number, variance over
 * the shown sequences, or a probe's |r| for a chosen variable), how many to show (the top k), and a search box
 * that finds a unit ("317", "unit 317"). It only reads and reports choices; the page computes the order.
 *
 * Events: 'change' {order, variable, top} when the order, variable or k changes; 'find' unit (a number) when the
 * search box names a unit, 'notfound' text when it does not.
 */
import { Emitter } from './emitter.js';
import { el, labelled } from './dom.js';
import { ROW_ORDERS, parseUnit } from './row-order.js';

export class UnitRows extends Emitter {
  constructor(container, { order = 'unit', variable = '', top = 0 } = {}) {
    super();
    this.units = 0;
    this.orderSelect = el('select');
    this.orderSelect.name = 'rows';
    this.orderSelect.id = 'rows-order';
    for (const o of ROW_ORDERS) this.orderSelect.append(option(o.value, o.label));
    this.orderSelect.value = order;
    this.variableSelect = el('select');
    this.variableSelect.name = 'rows-variable';
    this.variableSelect.id = 'rows-variable';
    this.variableSelect.dataset.wanted = variable;
    this.topInput = el('input');
    Object.assign(this.topInput, { type: 'number', min: '1', step: '1', name: 'top', id: 'rows-top', placeholder: 'all' });
    this.topInput.className = 'control-number';
    if (top > 0) this.topInput.value = String(top);
    this.findInput = el('input');
    Object.assign(this.findInput, { type: 'search', name: 'find-unit', id: 'find-unit', placeholder: 'unit number' });
    this.findInput.className = 'control-search';

    this.variableLabel = labelled('for', this.variableSelect);
    container.append(labelled('Rows by', this.orderSelect), this.variableLabel, labelled('Top', this.topInput),
      labelled('Find', this.findInput));

    const changed = () => { this._syncVisibility(); this.emit('change', this.value); };
    this.orderSelect.addEventListener('change', changed);
    this.variableSelect.addEventListener('change', changed);
    this.topInput.addEventListener('change', changed);
    this.findInput.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      const unit = parseUnit(this.findInput.value, this.units);
      if (unit === null) this.emit('notfound', this.findInput.value);
      else this.emit('find', unit);
    });
    this._syncVisibility();
  }

  /** How many units the layer has (bounds the top k and the search). */
  setUnits(units) {
    this.units = units;
    this.topInput.max = String(units);
    this.findInput.title = `a unit from 0 to ${units - 1}`;
    // the example is a unit this layer has: "unit 317" on a layer of ten would name none
    this.findInput.placeholder = `unit ${units - 1}`;
  }

  /** The variables a probe can rank by (the model's task's); none: probe ordering is not offered. */
  setVariables(names) {
    const wanted = this.variableSelect.value || this.variableSelect.dataset.wanted;
    this.variableSelect.replaceChildren(...names.map((n) => option(n, n.replace(/_/g, ' '))));
    if (names.includes(wanted)) this.variableSelect.value = wanted;
    const probe = this.orderSelect.querySelector('option[value="probe"]');
    probe.disabled = names.length === 0;
    if (!names.length && this.orderSelect.value === 'probe') this.orderSelect.value = 'unit';
    this._syncVisibility();
  }

  get value() {
    const top = Number.parseInt(this.topInput.value, 10);
    return { order: this.orderSelect.value, variable: this.variableSelect.value, top: top > 0 ? top : 0 };
  }

  _syncVisibility() { this.variableLabel.hidden = this.orderSelect.value !== 'probe'; }
}

function option(value, label) {
  const o = el('option', '', label);
  o.value = value;
  return o;
}
