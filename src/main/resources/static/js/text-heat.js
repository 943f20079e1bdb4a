/**
 * A long text with every character coloured by one unit's value (Karpathy, Johnson & Fei-Fei 2015, fig. 2):
 * red for negative, blue for positive, on the unit's vector's fixed scale, so colours compare across units
 * and models. Hovering a character shows its value. Characters are plain text nodes (textContent), drawn in
 * one pass into a fragment, so 20,000 of them appear without a stall.
 * Events: 'hover' {index, char, value} (null when the pointer leaves).
 */
import { Emitter } from './emitter.js';
import { displayChar } from './chars.js';
import { formatValue } from './heatmap.js';
import { el } from './dom.js';

export class TextHeat extends Emitter {
  constructor(container) {
    super();
    this.root = el('div', 'text-heat');
    this.body = Object.assign(el('div', 'text-heat-body'), { id: 'text-heat' });
    this.tip = Object.assign(el('div', 'text-heat-tip'), { id: 'text-heat-tip', hidden: true });
    this.root.append(this.body, this.tip);
    container.append(this.root);
    this.data = null;
    this.body.addEventListener('mouseover', (e) => this._hover(e.target));
    this.body.addEventListener('mouseleave', () => { this.tip.hidden = true; this.emit('hover', null); });
  }

  /** data: {text, values (one per character), scale (a ColorScale)}. */
  setData(data) {
    this.data = data;
    this.draw();
  }

  draw() {
    const d = this.data;
    if (!d) { this.body.replaceChildren(); return; }
    const fragment = document.createDocumentFragment();
    const { text, values, scale } = d;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      const span = document.createElement('span');
      span.className = ch === '\n' ? 'ch ch-newline' : 'ch';
      span.dataset.i = String(i);
      span.style.background = scale.fill(values[i]);
      span.style.color = scale.ink(values[i]);
      span.textContent = ch === '\n' ? '⏎' : ch;
      fragment.append(span);
      if (ch === '\n') fragment.append(document.createElement('br'));
    }
    this.body.replaceChildren(fragment);
  }

  _hover(target) {
    const i = target?.dataset?.i;
    if (i === undefined || !this.data) return;
    const index = Number(i);
    const value = this.data.values[index];
    const ch = this.data.text[index];
    this.tip.textContent = `${displayChar(ch)} · character ${index} · ${formatValue(value)}`;
    this.tip.hidden = false;
    const box = target.getBoundingClientRect(), root = this.root.getBoundingClientRect();
    this.tip.style.left = `${box.left - root.left}px`;
    this.tip.style.top = `${box.bottom - root.top + 4}px`;
    this.emit('hover', { index, char: ch, value });
  }
}
