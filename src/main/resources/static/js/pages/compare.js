/**
 * Compare view: two models read the same input. Each gets its own heat map (its own layer and vector, since cells
 * record different vectors) and next-character strip, one column per timestep in both, scrolled and hovered
 * together; Generate shows both continuations against the task's; the training curves are overlaid.
 * Everything the view shows is in the address: a, b, input, layerA/vectorA, layerB/vectorB, hide.
 */
import { api, followJob } from '../api.js';
import { readState, writeState, toSearch } from '../url-state.js';
import { Heatmap, formatValue } from '../heatmap.js';
import { Legend } from '../legend.js';
import { LineChart } from '../linechart.js';
import { PROBABILITY, scaleFor } from '../colors.js';
import { SegmentedControl } from '../segmented.js';
import { SelectControl, ToggleControl } from '../controls.js';
import { Playground, generationLine } from '../playground.js';
import { Notice } from '../notice.js';
import { START_TOKEN, architecture, cellLabel, displayChar, isGate, percent, shortVectorLabel, taskLabel, vectorLabel } from '../chars.js';
import { probabilityMatrix, unitMatrix } from '../trace-data.js';
import { el, fact } from '../dom.js';

const d3 = window.d3;
const SCHEMA = {
  a: { type: 'string', default: '' },
  b: { type: 'string', default: '' },
  input: { type: 'string', default: '' },
  layerA: { type: 'int', default: 0, min: 0 },
  vectorA: { type: 'string', default: 'hidden' },
  layerB: { type: 'int', default: 0, min: 0 },
  vectorB: { type: 'string', default: 'hidden' },
  hide: { type: 'bool', default: false },
};
const COLORS = { a: '#f59322', b: '#0877bd' };
const NAMES = { a: 'A', b: 'B' };
const EMPTY = { rows: 0, cols: 0, values: new Float32Array(0), rowLabels: [], chars: [], starts: [] };

const state = readState(SCHEMA);
const notice = new Notice(document.getElementById('notice'));
const vocabNotice = new Notice(document.getElementById('vocab-notice'));
const generationBox = document.getElementById('compare-generation');
let models = [];
let sameVocab = false;
let defaultText = '';
let busy = 0;

const playground = new Playground(document.getElementById('playground-panel'), {
  placeholder: 'type a sequence both models read — empty uses the first test sequence',
  clearTitle: 'Back to the first test sequence of the task',
});
const charsControl = new ToggleControl(playground.root.querySelector('.playground-row'), { label: 'Characters', name: 'chars', checked: !state.hide });

/** One model's column of the page: picker card, heat map, probability strip. */
class Side {
  constructor(key) {
    this.key = key;
    this.model = null;
    this.trace = null;
    this.matrix = null;
    this.probs = null;
    this.cache = new Map();
    this.request = null;
    this.card = document.getElementById(`model-${key}`);
    this.title = document.getElementById(`title-${key}`);
    const controls = document.getElementById(`controls-${key}`);
    this.layerControl = new SelectControl(controls, { label: 'Layer', name: `layer-${key}` });
    this.vectorControl = new SegmentedControl(controls, { label: 'Vector', name: `vector-${key}` });
    this.legend = new Legend(document.getElementById(`legend-${key}`));
    new Legend(document.getElementById(`prob-legend-${key}`)).setScale(PROBABILITY, 'P(next character) · dot = what came next');
    this.heatmap = new Heatmap(document.getElementById(`heatmap-${key}`), {
      showChars: !state.hide, rowHeight: 16, maxHeight: 208, headerHeight: 0, label: `Model ${NAMES[key]}: units by timestep`,
      tooltip: (row, col, value) => this.unitTooltip(row, col, value),
    });
    this.heatmap.canvas.id = `heatmap-canvas-${key}`;
    this.probMap = new Heatmap(document.getElementById(`probs-${key}`), {
      cellText: 'none', showChars: !state.hide, rowHeight: 12, maxHeight: 120, headerHeight: 0,
      label: `Model ${NAMES[key]}: next-character probabilities`, tooltip: (row, col, value) => this.probTooltip(row, col, value),
    });
    this.probMap.canvas.id = `probs-canvas-${key}`;
    this.layerControl.on('change', (value) => {
      this.layer = Number(value);
      if (!this.vectors().includes(this.vector)) this.vector = defaultVector(this.vectors());
      this.renderVectorPicker();
      sync();
      this.load();
    });
    this.vectorControl.on('change', (value) => { this.vector = value; sync(); this.show(); });
  }

  get layer() { return state[`layer${NAMES[this.key]}`]; }
  set layer(v) { state[`layer${NAMES[this.key]}`] = v; }
  get vector() { return state[`vector${NAMES[this.key]}`]; }
  set vector(v) { state[`vector${NAMES[this.key]}`] = v; }
  get maps() { return [this.heatmap, this.probMap]; }

  vectors() {
    const m = this.model;
    return m && Array.isArray(m.vectors) && m.vectors[this.layer] ? m.vectors[this.layer] : [];
  }

  /** The picker card: which model, what it is, a link to its own page. */
  renderCard(error = null) {
    const m = this.model;
    const head = el('div', 'compare-card-head');
    const badge = el('span', 'compare-badge', NAMES[this.key]);
    badge.style.background = COLORS[this.key];
    badge.setAttribute('aria-hidden', 'true');
    const picker = new SelectControl(head, {
      label: `Model ${NAMES[this.key]}`, name: `pick-${this.key}`,
      options: models.map((x) => ({ value: x.id, label: modelOption(x) })),
    });
    head.prepend(badge);
    picker.value = m ? m.id : state[this.key];
    picker.on('change', (id) => {
      // A new model is a new comparison: its own layers, vectors and curves. Keep the input.
      const next = { ...state, [this.key]: id, [`layer${NAMES[this.key]}`]: 0, [`vector${NAMES[this.key]}`]: 'hidden' };
      window.location.assign(`/compare${toSearch(SCHEMA, next)}`);
    });
    const parts = [head];
    if (m) {
      const facts = el('dl', 'facts compare-facts');
      fact(facts, 'task', m.task ? taskLabel(m.task) : '—');
      fact(facts, 'network', architecture(m));
      if (m.parameters) fact(facts, 'parameters', m.parameters.toLocaleString('en'));
      fact(facts, 'test', percent(m.testAccuracy));
      fact(facts, 'generalisation', percent(m.generalizationAccuracy));
      const open = el('a', 'compare-open', 'open →');
      open.href = `/models/${encodeURIComponent(m.id)}`;
      open.title = `The network view of ${m.id}`;
      head.append(open);
      parts.push(facts);
    }
    if (error) parts.push(el('p', 'compare-card-error', error));
    this.card.replaceChildren(...parts);
    this.card.style.borderTopColor = COLORS[this.key];
    this.card.dataset.modelId = m ? m.id : '';
  }

  setupControls() {
    const m = this.model;
    this.layerControl.setOptions(Array.from({ length: m.layers }, (_, l) => ({ value: l, label: `${l + 1} of ${m.layers}` })));
    this.layer = Math.min(this.layer, m.layers - 1);
    this.layerControl.value = this.layer;
    this.layerControl.disabled = m.layers < 2;
    if (!this.vectors().includes(this.vector)) this.vector = defaultVector(this.vectors());
    this.renderVectorPicker();
  }

  renderVectorPicker() {
    this.vectorControl.setOptions(this.vectors().map((v) => ({
      value: v, label: shortVectorLabel(v), className: isGate(v) ? 'segment-gate' : 'segment-state',
      title: isGate(v) ? `${vectorLabel(v)}: 0 … 1` : `${vectorLabel(v)}: −1 … 1`,
    })), this.vector);
  }

  /** Shows a sentence instead of squares (why there is nothing to draw). */
  empty(message) {
    this.trace = null;
    this.matrix = null;
    this.heatmap.setData({ ...EMPTY, scales: scaleFor('hidden'), message });
    this.probMap.setData({ ...EMPTY, scales: PROBABILITY, message: ' ' });
    this.title.textContent = this.model ? `${NAMES[this.key]} · ${this.model.id}` : `Model ${NAMES[this.key]}`;
  }

  async load() {
    const text = currentText();
    if (!this.model || !this.model.traceable || !sameVocab || !text) return;
    const key = `${this.layer}|${text}`;
    this.request?.abort();
    const controller = new AbortController();
    this.request = controller;
    setBusy(1);
    try {
      let trace = this.cache.get(key);
      if (!trace) {
        trace = await api.trace(this.model.id, `${START_TOKEN}${text}`, { layer: this.layer }, { signal: controller.signal });
        this.cache.set(key, trace);
        if (this.cache.size > 16) this.cache.delete(this.cache.keys().next().value);
      }
      if (this.request !== controller) return;
      this.trace = trace;
      this.show();
      markReady();
    } catch (err) {
      if (err.name === 'AbortError') return;
      if (err.status === 422) playground.showError(`${this.model.id}: ${err.readable}`);
      else notice.error(err, `Could not trace ${this.model.id}`);
      this.empty('No trace: see the message above.');
    } finally {
      if (this.request === controller) this.request = null;
      setBusy(-1);
    }
  }

  show() {
    if (!this.trace) return;
    const m = this.model;
    const vector = this.vector;
    this.matrix = unitMatrix([this.trace], this.layer, vector);
    const scale = scaleFor(vector);
    this.heatmap.setData({ ...this.matrix, scales: scale });
    this.legend.setScale(scale, vectorLabel(vector));
    this.probs = probabilityMatrix([this.trace], m.vocab || [], () => null);
    this.probMap.setData({ ...this.probs, scales: PROBABILITY, rowLabels: (m.vocab || []).map((ch) => `next ${displayChar(ch)}`) });
    const layers = m.layers > 1 ? ` · layer ${this.layer + 1}` : '';
    this.title.textContent = `${NAMES[this.key]} · ${m.id} — ${vectorLabel(vector)}${layers} · ${this.matrix.rows} units × ${this.matrix.cols} timesteps`;
    alignScroll(this);
  }

  unitTooltip(row, col, value) {
    const lines = [`${NAMES[this.key]} · unit ${row} · read ‘${displayChar(this.matrix.chars[col])}’`, `${vectorLabel(this.vector)} ${formatValue(value)}`, `t ${col}`];
    if (Math.abs(value) > 1 && !isGate(this.vector)) lines.push('beyond ±1: drawn at full colour');
    return lines;
  }

  probTooltip(row, col, value) {
    const vocab = this.model.vocab || [];
    const lines = [`${NAMES[this.key]} · P(next = ‘${displayChar(vocab[row])}’) = ${formatValue(value)}`,
      `after reading ‘${displayChar(this.probs.chars[col])}’ (t ${col})`];
    const marker = this.probs.markers[col];
    if (marker >= 0) lines.push(`what came next: ‘${displayChar(vocab[marker])}’`);
    return lines;
  }
}

const sides = { a: new Side('a'), b: new Side('b') };
const allMaps = () => [...sides.a.maps, ...sides.b.maps];

// Every heat map scrolls and hovers with the others: column t is timestep t in all four.
for (const map of allMaps()) {
  map.on('scroll', (x) => { for (const other of allMaps()) if (other !== map && other.scroller.scrollLeft !== x) other.setScrollLeft(x); });
  map.on('hover', ({ col }) => { for (const other of allMaps()) if (other !== map) other.setHoverColumn(col); });
}

charsControl.on('change', (checked) => {
  state.hide = !checked;
  for (const map of allMaps()) map.setShowChars(checked);
  sync();
});
playground.on('change', ({ text }) => {
  // An emptied box stays empty while the user types; the heat maps fall back to the task's first test sequence.
  state.input = text;
  sync();
  hideGeneration();
  loadBoth();
});
playground.on('generate', ({ text }) => generate(text));

function sync() { writeState(SCHEMA, state); }

/** What both models read (without the start token): the typed text, else the task's first test sequence. */
function currentText() {
  if (state.input) return playground.valid ? state.input : '';
  return defaultText;
}

function loadBoth() { sides.a.load(); sides.b.load(); }

function setBusy(delta) {
  busy += delta;
  playground.setBusy(busy > 0);
}

function markReady() {
  if (sides.a.trace && sides.b.trace) document.body.dataset.ready = 'true';
}

/** After a redraw, line the redrawn side up with the other's scroll position. */
function alignScroll(side) {
  const other = side === sides.a ? sides.b : sides.a;
  const x = other.trace ? other.heatmap.scroller.scrollLeft : 0;
  for (const map of side.maps) map.setScrollLeft(x);
}

function defaultVector(vectors) {
  if (vectors.includes('hidden')) return 'hidden';
  return vectors[vectors.length - 1] || 'hidden';
}

// ---- start ----
async function init() {
  try {
    models = await api.models();
  } catch (err) {
    notice.error(err, 'Could not list the models');
    for (const side of Object.values(sides)) side.empty('No models: see the message above.');
    return;
  }
  if (!models.length) {
    notice.info('There are no models yet. Train one first.');
    return;
  }
  const missing = [];
  for (const key of ['a', 'b']) {
    if (state[key] && !models.some((m) => m.id === state[key])) { missing.push(state[key]); state[key] = ''; }
  }
  if (missing.length) notice.error(new Error(`There is no model ${missing.map((id) => `“${id}”`).join(' or ')}; showing another one instead.`));
  if (!state.a) state.a = models[0].id;
  if (!state.b) state.b = partnerFor(models.find((m) => m.id === state.a)).id;
  sync();

  const details = await Promise.all(['a', 'b'].map(async (key) => {
    try {
      return await api.model(state[key]);
    } catch (err) {
      sides[key].renderCard(`Could not open ${state[key]}: ${err.readable || err.message}`);
      sides[key].empty('This model could not be opened.');
      return null;
    }
  }));
  sides.a.model = details[0];
  sides.b.model = details[1];
  document.title = `${state.a} vs ${state.b} · LSTM Explorer`;
  for (const side of Object.values(sides)) {
    if (!side.model) continue;
    side.renderCard();
    side.setupControls();
  }
  sync();
  drawCurves(details);
  const inputPanel = document.getElementById('playground-panel');
  if (!details[0] || !details[1]) { inputPanel.hidden = true; return; }

  sameVocab = sameCharacters(details[0].vocab, details[1].vocab);
  if (!sameVocab) {
    vocabNotice.error(new Error(`These two models do not share a vocabulary, so the same input cannot be fed to both: `
      + `${details[0].id} reads ${vocabText(details[0].vocab)}, ${details[1].id} reads ${vocabText(details[1].vocab)}. `
      + 'Pick two models of the same task to compare their units; their training curves are compared below.'));
    vocabNotice.root.dataset.mismatch = 'true';
    // Nothing to line up: no input box, no heat maps; the curves below still compare.
    inputPanel.hidden = true;
    for (const side of Object.values(sides)) document.getElementById(`side-${side.key}`).hidden = true;
    return;
  }
  playground.setVocab(details[0].vocab);
  defaultText = await firstTestSequence(details);
  playground.setValue(state.input || defaultText);
  if (!currentText()) {
    const why = state.input ? 'The input has characters outside the vocabulary: see above.' : 'Type a sequence above.';
    for (const side of Object.values(sides)) side.empty(why);
  }

  for (const side of Object.values(sides)) {
    if (side.model.traceable) continue;
    side.empty(side.model.status === 'training'
      ? 'Still training: the heat map appears when it is done.'
      : `This model is ${side.model.status}${side.model.error ? ` (${side.model.error})` : ''}: there is nothing to trace.`);
    if (side.model.status === 'training' && side.model.jobId) {
      followJob(side.model.jobId, { end: () => window.location.reload(), error: (message) => notice.error(new Error(message)) });
    }
  }
  loadBoth();
}

/** B by default: another model of A's task, preferably another cell type, else any other model. */
function partnerFor(a) {
  const others = models.filter((m) => m.id !== a.id);
  if (!others.length) return a;
  return others.find((m) => m.task === a.task && m.cell !== a.cell && m.traceable)
    || others.find((m) => m.task === a.task && m.traceable)
    || others.find((m) => sameCharacters(m.vocab, a.vocab))
    || others[0];
}

async function firstTestSequence(details) {
  const task = details[0].task || details[1].task;
  if (!task) return '';
  try {
    const { sequences } = await api.samples(task, { split: 'test', n: 1 });
    const first = sequences && sequences[0] ? sequences[0].replace(/\n+$/, '') : '';
    // The box is one line: a sequence with an inner newline cannot be typed back.
    return first.includes('\n') ? '' : first;
  } catch (err) {
    notice.error(err, 'Could not fetch a test sequence to start with');
    return '';
  }
}

// ---- generation ----
async function generate(text) {
  const { a, b } = sides;
  if (!a.model?.traceable || !b.model?.traceable) return;
  setBusy(1);
  try {
    const results = await Promise.allSettled([api.generate(a.model.id, text, 200), api.generate(b.model.id, text, 200)]);
    showGeneration(results);
  } finally {
    setBusy(-1);
  }
}

function showGeneration(results) {
  const rows = [];
  const verdicts = [];
  let expected = null;
  let prefix = '';
  ['a', 'b'].forEach((key, i) => {
    const r = results[i];
    const id = sides[key].model.id;
    if (r.status === 'rejected') {
      const err = r.reason;
      verdicts.push(el('div', 'generation-verdict bad', `${NAMES[key]} · ${id}: ${err.readable || err.message}`));
      return;
    }
    const g = r.value;
    prefix = g.prefix ?? '';
    if (typeof g.expected === 'string') expected = g.expected;
    const wrong = Number.isInteger(g.firstWrong) ? g.firstWrong : -1;
    const line = generationLine(`${NAMES[key]} · ${id}`, prefix, g.continuation ?? '', wrong, 'model');
    line.dataset.side = key;
    const title = line.querySelector('.generation-title');
    title.style.borderLeftColor = COLORS[key];
    title.title = `${NAMES[key]} · ${id}`;
    rows.push(line);
    verdicts.push(verdict(key, id, g));
  });
  if (expected !== null) rows.push(generationLine('Correct', prefix, expected, -1, 'expected'));
  const box = [el('h2', 'panel-title', 'Greedy continuations'), ...rows, ...verdicts];
  if (expected === null && results.some((r) => r.status === 'fulfilled')) {
    box.push(el('div', 'generation-note', 'The task fixes no continuation for this input yet: end it with the delimiter (e.g. X) to check the answers.'));
  }
  generationBox.replaceChildren(...box);
  generationBox.hidden = false;
}

function verdict(key, id, g) {
  const box = el('div', 'generation-verdict');
  box.dataset.side = key;
  const continuation = g.continuation ?? '';
  if (typeof g.expected !== 'string') {
    box.textContent = `${NAMES[key]} · ${id}: ${continuation.length} characters, ${g.stoppedBecause === 'cap' ? 'stopped at the cap' : 'then ⏎'}.`;
  } else if (!Number.isInteger(g.firstWrong)) {
    box.classList.add('ok');
    box.textContent = `✓ ${NAMES[key]} · ${id} continues exactly as the task requires.`;
  } else {
    box.classList.add('bad');
    const w = g.firstWrong;
    const got = continuation[w] === undefined ? 'stopped' : `wrote ‘${displayChar(continuation[w])}’`;
    const want = g.expected[w] === undefined ? 'stop' : `‘${displayChar(g.expected[w])}’`;
    box.textContent = `✗ ${NAMES[key]} · ${id} diverges at continuation character ${w + 1}: it ${got}, the task wants ${want}.`;
  }
  return box;
}

function hideGeneration() {
  generationBox.hidden = true;
  generationBox.replaceChildren();
}

// ---- training curves ----
function drawCurves(details) {
  const series = ['a', 'b'].map((key, i) => ({ key, label: `${NAMES[key]} · ${details[i] ? details[i].id : state[key]}`, color: COLORS[key] }));
  const common = { height: 190, series, xLabel: 'sequences seen', xMin: 0, emptyXDomain: [0, 1000], readoutLabel: (x) => `${d3.format(',')(Math.round(x))} sequences` };
  const loss = new LineChart(document.getElementById('loss-chart'), { ...common, yInclude: [0], yFormat: d3.format('.2f'), emptyYDomain: [0, 1.5] });
  const accuracy = new LineChart(document.getElementById('accuracy-chart'), { ...common, yDomain: [0, 1], yFormat: d3.format('.0%') });
  const lossData = {};
  const accData = {};
  const notes = [];
  ['a', 'b'].forEach((key, i) => {
    const m = details[i];
    const curve = m && m.training && Array.isArray(m.training.curve) ? m.training.curve : [];
    lossData[key] = curve.filter((p) => Number.isFinite(p.loss)).map((p) => ({ x: p.sequences, y: p.loss }));
    accData[key] = curve.filter((p) => Number.isFinite(p.testAccuracy)).map((p) => ({ x: p.sequences, y: p.testAccuracy }));
    if (!m) return;
    if (!curve.length) notes.push(`${m.id} has no training curve (${m.source === 'imported' ? 'it was imported' : 'no record of its training'}).`);
    else if (m.training.sequencesToLearn !== null && m.training.sequencesToLearn !== undefined) {
      notes.push(`${NAMES[key]} · ${m.id} first reached 100% after ${m.training.sequencesToLearn.toLocaleString('en')} sequences.`);
    } else notes.push(`${NAMES[key]} · ${m.id} never reached 100% test accuracy (stopped: ${m.training.stopReason || 'unknown'}).`);
  });
  loss.setData(lossData);
  accuracy.setData(accData);
  for (const chart of [loss, accuracy]) {
    chart.on('hover', (x) => { for (const other of [loss, accuracy]) if (other !== chart) other.setHoverX(x); });
  }
  document.getElementById('curves-note').textContent = notes.join(' ');
}

// ---- helpers ----
/** "copy_machine · LSTM 2 × 20", "counter-ff26a452 · GRU 1 × 4 (training)"; the task only when the id does not start with it. */
function modelOption(m) {
  const status = m.status === 'ready' ? '' : ` (${m.status})`;
  const task = m.task && !m.id.startsWith(m.task) ? ` · ${taskLabel(m.task)}` : (m.task ? '' : ' · no task');
  return `${m.id}${task} · ${cellLabel(m.cell)} ${m.layers} × ${m.hidden}${status}`;
}

function sameCharacters(x = [], y = []) {
  const a = new Set(x);
  const b = new Set(y);
  return a.size === b.size && [...a].every((ch) => b.has(ch));
}

function vocabText(vocab = []) {
  return vocab.map(displayChar).join(' ');
}

init();
