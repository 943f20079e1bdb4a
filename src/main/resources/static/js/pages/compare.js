/**
 * Compare view: two models read the same input. Each gets its own heat map (its own layer and vector, since cells
 * record different vectors) and next-character strip, one column per timestep in both, scrolled and hovered
 * together; Generate shows both continuations against the task's; the training curves are overlaid.
 * Everything the view shows is in the address: a, b, input, layerA/vectorA, layerB/vectorB, hide.
 */
import { api, followJob } from '../api.js';
import { pushState, readState, restoreOnHistory, writeState, toSearch } from '../url-state.js';
import { LineChart } from '../linechart.js';
import { TraceView } from '../trace-view.js';
import { SelectControl, ToggleControl } from '../controls.js';
import { Playground, generationLine } from '../playground.js';
import { Notice } from '../notice.js';
import { START_TOKEN, architecture, cellLabel, displayChar, outOfVocab, percent, placeholderFor, taskLabel, vectorLabel } from '../chars.js';
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

const state = readState(SCHEMA);
const notice = new Notice(document.getElementById('notice'));
const vocabNotice = new Notice(document.getElementById('vocab-notice'));
const generationBox = document.getElementById('compare-generation');
let models = [];
/** Both models can read something together: the input box takes the characters both know. */
let readable = false;
let defaultText = '';
let busy = 0;

const playground = new Playground(document.getElementById('playground-panel'), {
  placeholder: 'type a sequence both models read — empty uses the first test sequence',
  clearTitle: 'Back to the first test sequence of the task',
});
const charsControl = new ToggleControl(playground.root.querySelector('.playground-row'), { label: 'Characters', name: 'chars', checked: !state.hide });

/** One model's column of the page: its picker card above, its TraceView below. */
class Side {
  constructor(key) {
    this.key = key;
    this.model = null;
    this.card = document.getElementById(`model-${key}`);
    this.root = el('section', 'panel panel-heatmap compare-side');
    this.root.id = `side-${key}`;
    this.root.dataset.side = key;
    this.root.setAttribute('aria-label', `${key === 'a' ? 'First' : 'Second'} model's units`);
    document.getElementById('compare-sides').append(this.root);
    const N = NAMES[key];
    this.view = new TraceView(this.root, {
      name: N, prefer: ['hidden'],
      ids: { title: `title-${key}`, controls: `controls-${key}`, legend: `legend-${key}`, units: `heatmap-${key}`, unitCanvas: `heatmap-canvas-${key}`,
        probLegend: `prob-legend-${key}`, probs: `probs-${key}`, probCanvas: `probs-canvas-${key}`, layer: `layer-${key}`, vector: `vector-${key}` },
      hint: key === 'b' ? 'Both models read the same characters, one column per timestep: hover a square to see that timestep in both.' : '',
      units: { showChars: !state.hide, rowHeight: 16, maxHeight: 208, headerHeight: 0 },
      probs: { showChars: !state.hide },
      title: (v) => (v.matrix
        ? `${N} · ${v.model.id} — ${vectorLabel(v.vector)}${v.model.layers > 1 ? ` · layer ${v.layer + 1}` : ''} · ${v.matrix.rows} units × ${v.matrix.cols} timesteps`
        : (v.model ? `${N} · ${v.model.id}` : `Model ${N}`)),
    });
    this.view.title.classList.add('compare-title');
    this.view.on('layer', (layer) => { state[`layer${N}`] = layer; state[`vector${N}`] = this.view.vector; pushState(SCHEMA, state); });
    this.view.on('vector', (vector) => { state[`vector${N}`] = vector; pushState(SCHEMA, state); });
    this.view.on('busy', (on) => setBusy(on ? 1 : -1));
    this.view.on('shown', () => { alignScroll(this); markReady(); });
    this.view.on('error', (err) => {
      if (err.status === 422) playground.showError(`${this.model.id}: ${err.readable}`);
      else notice.error(err, `Could not trace ${this.model.id}`);
      this.view.empty('No trace: see the message above.');
    });
  }

  get maps() { return this.view.maps; }

  /** The picker card: which model, what it is, a link to its own page. */
  renderCard(error = null) {
    const m = this.model;
    const head = el('div', 'compare-card-head');
    const badge = el('span', 'compare-badge', NAMES[this.key]);
    badge.style.background = COLORS[this.key];
    badge.setAttribute('aria-hidden', 'true');
    // the models that fit best beside the other side's first: same task and cell, same task, reads its characters
    const other = sides[this.key === 'a' ? 'b' : 'a']?.model;
    const choices = other ? [...byRelevance(other, models.filter((x) => x.id !== other.id)), other] : models;
    const picker = new SelectControl(head, {
      label: `Model ${NAMES[this.key]}`, name: `pick-${this.key}`,
      options: [...(m ? [] : [{ value: '', label: '— pick a model —' }]), ...choices.map((x) => ({ value: x.id, label: modelOption(x) }))],
    });
    head.prepend(badge);
    picker.value = m ? m.id : '';
    this.picker = picker;
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

  /** The model to show, at the layer and vector the address asks for; it traces the text both models read. */
  setModel(model) {
    this.model = model;
    const N = NAMES[this.key];
    this.view.setModel(model, { layer: state[`layer${N}`], vector: state[`vector${N}`] });
    state[`layer${N}`] = this.view.layer;
    state[`vector${N}`] = this.view.vector;
    this.view.setSource({
      key: () => (model.traceable && readable ? currentText() : ''),
      fetch: async (layer, signal) => ({ traces: [await api.trace(model.id, `${START_TOKEN}${currentText()}`, { layer }, { signal })], fromInput: true }),
    });
  }

  get ready() { return this.view.matrix !== null && this.view.traces.length > 0; }

  empty(message) { this.view.empty(message); }

  load() { this.view.reload(); }
}

const sides = { a: new Side('a'), b: new Side('b') };
const allMaps = () => [...sides.a.maps, ...sides.b.maps];

// Every heat map scrolls and hovers with the others: column t is timestep t in all four.
for (const map of allMaps()) {
  map.on('scroll', (x) => { for (const other of allMaps()) if (other !== map && other.scrollLeft !== x) other.setScrollLeft(x); });
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
playground.on('validity', ({ valid }) => { for (const side of Object.values(sides)) side.view.setStale(valid ? null : 'the last input both read, not what is typed'); });

/** Typing replaces the history entry; picking a layer, vector or model adds one, and Back steps through them. */
function sync() { writeState(SCHEMA, state); }
restoreOnHistory();

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
  if (sides.a.ready && sides.b.ready) document.body.dataset.ready = 'true';
}

/** After a redraw, line the redrawn side up with the other's scroll position. */
function alignScroll(side) {
  const other = side === sides.a ? sides.b : sides.a;
  side.view.setScrollLeft(other.ready ? other.view.units.scrollLeft : 0);
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
  if (!state.b) state.b = partnerFor(models.find((m) => m.id === state.a))?.id || '';
  sync();
  if (!state.b) {
    // nothing else reads this model's characters: open on the picker, not on an error
    const a = await api.model(state.a).catch(() => null);
    sides.a.model = a;
    sides.a.renderCard();
    if (a) sides.a.setModel(a);
    sides.b.renderCard(`No other model reads every character ${state.a} reads (${vocabText(a?.vocab)}). Pick one to compare with: `
      + 'the list starts with the closest.');
    sides.b.picker.select.focus();
    document.getElementById('playground-panel').hidden = true;
    for (const side of Object.values(sides)) side.root.hidden = true;
    drawCurves([a, null]);
    document.body.dataset.ready = 'picker';
    return;
  }

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
    side.setModel(side.model);
  }
  sync();
  drawCurves(details);
  const inputPanel = document.getElementById('playground-panel');
  if (!details[0] || !details[1]) { inputPanel.hidden = true; return; }

  // Any two models compare on an input both can read: the characters their vocabularies share.
  const common = details[0].vocab.filter((ch) => details[1].vocab.includes(ch));
  readable = common.some((ch) => ch !== START_TOKEN);
  if (!readable) {
    vocabNotice.error(new Error(`These two models share no character, so no input can be fed to both: `
      + `${details[0].id} reads ${vocabText(details[0].vocab)}, ${details[1].id} reads ${vocabText(details[1].vocab)}. `
      + 'Pick another pair to compare their units; their training curves are compared below.'));
    vocabNotice.root.dataset.mismatch = 'true';
    // Nothing to line up: no input box, no heat maps; the curves below still compare.
    inputPanel.hidden = true;
    for (const side of Object.values(sides)) document.getElementById(`side-${side.key}`).hidden = true;
    return;
  }
  if (!sameCharacters(details[0].vocab, details[1].vocab)) {
    vocabNotice.info(`The two models read different characters: ${details[0].id} reads ${vocabText(details[0].vocab)}, `
      + `${details[1].id} reads ${vocabText(details[1].vocab)}. Both read ${vocabText(common)}; type an input made of those.`);
    vocabNotice.root.dataset.mismatch = 'partial';
  }
  playground.setVocab(common, { explain: (bad) => missingText(bad, details) });
  defaultText = await firstTestSequence(details, common);
  playground.setPlaceholder(placeholderFor(defaultText, 'empty uses a test sequence both can read'));
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

/**
 * How well model b sits beside model a, lower first: the same task and cell, the same task, b reads every character
 * a reads, a reads every character b reads, anything else.
 */
function relevance(a, b) {
  const covers = (x, y) => (x.vocab || []).every((ch) => (y.vocab || []).includes(ch));
  if (a.task && b.task === a.task) return b.cell === a.cell ? 0 : 1;
  if (covers(a, b)) return 2;
  if (covers(b, a)) return 3;
  return 4;
}

/** The models, the best fits beside a first (traceable before not, then the server's order). */
function byRelevance(a, list) {
  return list.slice().sort((x, y) => relevance(a, x) - relevance(a, y) || Number(y.traceable) - Number(x.traceable));
}

/** B by default: the most relevant other model that has weights and reads every character A reads; null for none. */
function partnerFor(a) {
  return byRelevance(a, models.filter((m) => m.id !== a.id && m.traceable)).find((m) => relevance(a, m) <= 2) || null;
}

/** The first test sequence of A's task, else of B's, that both models can read; '' for none. */
async function firstTestSequence(details, common) {
  for (const task of [...new Set(details.map((d) => d.task).filter(Boolean))]) {
    try {
      const { sequences } = await api.samples(task, { split: 'test', n: 1 });
      const first = sequences && sequences[0] ? sequences[0].replace(/\n+$/, '') : '';
      // The box is one line: a sequence with an inner newline cannot be typed back.
      if (first && !first.includes('\n') && outOfVocab(first, common).length === 0) return first;
    } catch (err) {
      if (err.status !== 404) notice.error(err, 'Could not fetch a test sequence to start with');
    }
  }
  return '';
}

/** "‘Y’ is not in counter's vocabulary — not sent": which model lacks which of the typed characters. */
function missingText(bad, details) {
  const parts = details.map((d) => {
    const lacks = bad.filter((ch) => !d.vocab.includes(ch));
    return lacks.length ? `${lacks.map((ch) => `‘${displayChar(ch)}’`).join(', ')} ${lacks.length === 1 ? 'is' : 'are'} not in ${d.id}'s vocabulary` : '';
  }).filter(Boolean);
  return `${parts.join('; ')} — not sent.`;
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
