/**
 * Picking the models to compare. ModelPicker is a compared model's card: a coloured badge, a select of the models
 * (the best fits beside the other one first), what the picked one is and a link to its own page; it emits 'pick'
 * with the id chosen. The functions below order the models by how well they sit beside another; they are pure.
 */
import { Emitter } from './emitter.js';
import { SelectControl } from './controls.js';
import { cellLabel, taskLabel } from './chars.js';
import { el, link } from './dom.js';
import { modelFacts } from './model-header.js';

export class ModelPicker extends Emitter {
  /** name: 'A' or 'B'; key: the id suffix of its select (pick-key); color: its badge and top border. */
  constructor(card, { name, key, color }) {
    super();
    this.card = card;
    this.opts = { name, key, color };
    this.select = null;
  }

  /** choices: the models to offer; model: the one shown (null: none yet, or it could not be opened); error: why not. */
  render(choices, model, error = null) {
    const { name, key, color } = this.opts;
    const head = el('div', 'compare-card-head');
    const badge = el('span', 'compare-badge', name);
    badge.style.background = color;
    badge.setAttribute('aria-hidden', 'true');
    const picker = new SelectControl(head, {
      label: `Model ${name}`, name: `pick-${key}`,
      options: [...(model ? [] : [{ value: '', label: '— pick a model —' }]), ...choices.map((x) => ({ value: x.id, label: modelOption(x) }))],
    });
    head.prepend(badge);
    picker.value = model ? model.id : '';
    picker.on('change', (picked) => this.emit('pick', picked));
    this.select = picker.select;
    const parts = [head];
    if (model) {
      const open = link('open →', `/models/${encodeURIComponent(model.id)}`, 'compare-open');
      open.title = `The network view of ${model.id}`;
      head.append(open);
      parts.push(modelFacts(model, { className: 'facts compare-facts', test: 'test' }));
    }
    if (error) parts.push(el('p', 'compare-card-error', error));
    this.card.replaceChildren(...parts);
    this.card.style.borderTopColor = color;
    this.card.dataset.modelId = model ? model.id : '';
  }
}

/** "copy_machine · LSTM 2 × 20", "counter-ff26a452 · GRU 1 × 4 (training)"; the task only when the id does not start with it. */
export function modelOption(m) {
  const status = m.status === 'ready' ? '' : ` (${m.status})`;
  const task = m.task && !m.id.startsWith(m.task) ? ` · ${taskLabel(m.task)}` : (m.task ? '' : ' · no task');
  return `${m.id}${task} · ${cellLabel(m.cell)} ${m.layers} × ${m.hidden}${status}`;
}

/**
 * How well model b sits beside model a, lower first: the same task and cell, the same task, b reads every character
 * a reads, a reads every character b reads, anything else.
 */
export function relevance(a, b) {
  const covers = (x, y) => (x.vocab || []).every((ch) => (y.vocab || []).includes(ch));
  if (a.task && b.task === a.task) return b.cell === a.cell ? 0 : 1;
  if (covers(a, b)) return 2;
  if (covers(b, a)) return 3;
  return 4;
}

/** The models, the best fits beside a first (traceable before not, then in the order given). */
export function byRelevance(a, list) {
  return list.slice().sort((x, y) => relevance(a, x) - relevance(a, y) || Number(y.traceable) - Number(x.traceable));
}

/** What the picker beside `other` offers: the best fits first, then other itself; every model when there is no other. */
export function choicesBeside(other, models) {
  return other ? [...byRelevance(other, models.filter((x) => x.id !== other.id)), other] : models;
}

/** The default partner of a: the most relevant other model that has weights and reads every character a reads; null for none. */
export function partnerFor(a, models) {
  return byRelevance(a, models.filter((m) => m.id !== a.id && m.traceable)).find((m) => relevance(a, m) <= 2) || null;
}
