/**
 * A unit's card: its 10 highest and 10 lowest test contexts (±15 characters, the value's character marked),
 * a histogram of its values, the task variable that explains it best with a held-out simulation score,
 * what holding it at 0 or at its mean costs, and links to patch it and to attribute it.
 */
import { mechanismApi } from './api.js';
import { displayChar, displayText } from './chars.js';
import { el, fact, fmt, link, message, select } from './dom.js';

const d3 = window.d3;

export class UnitCard {
  constructor(container) {
    this.root = el('section', 'panel unit-card');
    this.root.id = 'unit-card';
    this.root.setAttribute('aria-label', 'Unit card');
    container.append(this.root);
    this.request = 0;
  }

  /** Shows the card of (layer, vector, unit) of a model; vectors are the cell's, for the vector picker. */
  async show(modelId, layer, unit, vector, vectors, onVector) {
    const ticket = ++this.request;
    const head = el('div', 'panel-head');
    head.append(el('h2', 'panel-title', `Unit card: layer ${layer + 1}, unit ${unit}`));
    const picker = select(vectors.map((v) => ({ value: v, label: v })), vector);
    picker.id = 'unit-card-vector';
    picker.addEventListener('change', () => onVector(picker.value));
    head.append(picker);
    this.root.replaceChildren(head, el('p', 'hint', 'Reading the test data…'));
    let card;
    try {
      card = await mechanismApi.card(modelId, layer, unit, vector);
    } catch (err) {
      if (ticket === this.request) this.root.replaceChildren(head, el('p', 'analysis-error', `No card for this unit: ${message(err)}`));
      return;
    }
    if (ticket !== this.request) return;
    const body = el('div', 'unit-card-body');
    body.append(this.explanation(card), this.contexts('Highest', card.top), this.contexts('Lowest', card.bottom),
      this.histogram(card), this.ablation(card), this.links(modelId, card));
    this.root.replaceChildren(head, body);
  }

  explanation(card) {
    const box = el('div', 'unit-card-explanation');
    const e = card.explanation;
    if (!e) {
      box.append(el('p', 'claim claim-fails', 'No task variable varies over the test data, so there is nothing to explain this unit with.'));
      return box;
    }
    const good = e.simulationScore >= 0.5;
    box.append(el('p', good ? 'claim claim-holds' : 'claim claim-fails',
      `${e.sentence}. Simulation score ${fmt(e.simulationScore)}: the line ${card.vector} ≈ ${fmt(e.slope)} · ${e.variable} ${e.intercept < 0 ? '−' : '+'} ${fmt(Math.abs(e.intercept))}, `
      + `fitted on ${e.fitSequences} test sequences, explains ${fmt(100 * Math.max(0, e.simulationScore), 0)}% of the unit’s variance on the other `
      + `${e.scoredSequences}${good ? '' : ' — too little to call it the explanation'}.`));
    box.append(el('p', 'hint', `${e.variable}: ${e.description}`));
    return box;
  }

  contexts(title, list) {
    const box = el('div', 'unit-card-contexts');
    box.append(el('h3', 'panel-subtitle', `${title} ${list.length} values`));
    const ol = el('ol', 'contexts');
    for (const c of list) {
      const li = el('li', 'context');
      li.append(el('span', 'context-before', displayText(c.before)), el('mark', 'context-char', displayChar(c.ch)),
        el('span', 'context-after', displayText(c.after)), el('span', 'context-value', fmt(c.value, 3)));
      li.title = `test sequence ${c.sequence}, timestep ${c.t}`;
      ol.append(li);
    }
    box.append(ol);
    return box;
  }

  histogram(card) {
    const h = card.histogram;
    const canvas = el('canvas', 'unit-card-histogram');
    canvas.id = 'unit-card-histogram';
    canvas.width = 300;
    canvas.height = 110;
    const g = canvas.getContext('2d');
    const most = Math.max(1, ...h.counts);
    const w = 300 / h.counts.length;
    g.fillStyle = '#4a7fb5';
    h.counts.forEach((n, k) => { const bar = (90 * n) / most; g.fillRect(k * w + 1, 92 - bar, w - 2, bar); });
    g.fillStyle = '#333';
    g.font = '11px sans-serif';
    g.fillText(fmt(h.min), 0, 106);
    g.fillText(fmt(h.max), 270, 106);
    canvas.title = h.counts.map((n, k) => `${fmt(h.min + k * h.width)}…${fmt(h.min + (k + 1) * h.width)}: ${n}`).join('\n');
    const box = el('div', 'unit-card-histogram-box');
    box.append(el('h3', 'panel-subtitle', `Values over ${card.samples} test timesteps (mean ${fmt(card.mean)})`), canvas);
    return box;
  }

  ablation(card) {
    const a = card.ablation;
    const list = el('dl', 'facts unit-card-ablation');
    const pct = (x) => `${fmt(100 * x, 1)}%`;
    fact(list, 'test accuracy as it is', `${pct(a.accuracy)} of sequences, ${pct(a.nextCharacterAccuracy)} of characters`);
    fact(list, 'held at 0', `${pct(a.zeroAccuracy)} of sequences, ${pct(a.zeroNextCharacterAccuracy)} of characters`);
    fact(list, `held at its mean ${fmt(a.meanValue)}`, `${pct(a.meanAccuracy)} of sequences, ${pct(a.meanNextCharacterAccuracy)} of characters`);
    const box = el('div');
    box.append(el('h3', 'panel-subtitle', 'Ablation'), list);
    return box;
  }

  links(modelId, card) {
    const box = el('p', 'unit-card-links');
    const base = `/models/${encodeURIComponent(modelId)}`;
    const patch = link('Patch this unit', `${base}?tab=patch&player=${card.layer}&pvector=${encodeURIComponent(card.vector)}&punits=${card.unit}`, 'button');
    patch.id = 'unit-card-patch';
    const attribute = link('Its attribution', attributionHref(base, card), 'button button-quiet');
    attribute.id = 'unit-card-attribution';
    box.append(patch, attribute);
    return box;
  }
}

/**
 * The network view with the attribution strip on this unit: over the card's highest context, read from the start of
 * its sequence when the context reaches it, what made the unit's value after the centre character. A card of a gate
 * (not carried from step to step) explains the prediction there instead.
 */
export function attributionHref(base, card) {
  const top = card.top[0];
  if (!top) return `${base}?layer=${card.layer}`;
  const fromStart = top.t <= top.before.length;   // the context begins with the start token
  const input = (fromStart ? top.before.slice(1) : top.before) + top.ch;
  const at = fromStart ? top.t : input.length;
  const state = ['cell', 'hidden'].includes(card.vector);
  const query = new URLSearchParams({ layer: String(card.layer), vector: card.vector, input });
  if (state) {
    query.set('aof', `${card.layer}:${card.vector}:${card.unit}`);
    query.set('at', String(at));
  }
  return `${base}?${query}`;
}

/** A search box that ranks units for a variable or a word, from the probes. */
export class UnitSearchBox {
  constructor(container, modelId) {
    this.modelId = modelId;
    this.root = el('form', 'unit-search');
    this.root.id = 'unit-search';
    this.input = el('input', 'text-input');
    this.input.id = 'unit-search-input';
    this.input.type = 'search';
    this.input.placeholder = 'find units: count, state, A…';
    this.input.setAttribute('aria-label', 'Find units for a variable or a word');
    this.results = el('ol', 'unit-search-results');
    this.results.id = 'unit-search-results';
    this.root.append(this.input, this.results);
    this.root.addEventListener('submit', (e) => { e.preventDefault(); this.search(); });
    container.append(this.root);
  }

  async search() {
    const q = this.input.value.trim();
    if (!q) return;
    try {
      const r = await mechanismApi.searchUnits(this.modelId, q);
      this.results.replaceChildren();
      if (!r.units.length) {
        this.results.append(el('li', 'hint', `No variable mentions “${q}”; the variables are ${r.known.join(', ')}.`));
        return;
      }
      for (const p of r.units) {
        const li = el('li');
        li.append(link(p.sentence, `/models/${encodeURIComponent(this.modelId)}/layers/${p.layer}/units/${p.unit}?vector=${encodeURIComponent(p.vector)}`));
        this.results.append(li);
      }
    } catch (err) {
      this.results.replaceChildren(el('li', 'analysis-error', message(err)));
    }
  }
}
