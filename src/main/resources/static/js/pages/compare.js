/**
 * Compare view: two models read the same input. Each gets its own heat map (its own layer and vector, since cells
 * record different vectors) and next-character strip, one column per timestep in both, scrolled and hovered
 * together; Generate shows both continuations against the task's; the training curves are overlaid.
 * Everything the view shows is in the address: a, b, input, layerA/vectorA, layerB/vectorB, hide.
 */
import { api, followJob } from '../api.js';
import { mergeSchemas, pushState, readState, restoreOnHistory, writeState, toSearch } from '../url-state.js';
import { TraceView } from '../trace-view.js';
import { ToggleControl } from '../controls.js';
import { Playground } from '../playground.js';
import { GenerationComparison } from '../generation.js';
import { CurveOverlay } from '../curve-overlay.js';
import { ModelPicker, choicesBeside, partnerFor } from '../model-picker.js';
import { Notice } from '../notice.js';
import { START_TOKEN, missingText, outOfVocab, placeholderFor, sameCharacters, vectorLabel, vocabText } from '../chars.js';
import { el } from '../dom.js';

const KEYS = ['a', 'b'];
const NAMES = { a: 'A', b: 'B' };
const COLORS = { a: '#f59322', b: '#0877bd' };
/** Each side's slice of the address: its model, and the layer and vector its heat map shows. */
const sideSchema = (key) => ({
  [key]: { type: 'string', default: '' },
  [`layer${NAMES[key]}`]: { type: 'int', default: 0, min: 0 },
  [`vector${NAMES[key]}`]: { type: 'string', default: 'hidden' },
});
const SCHEMA = mergeSchemas(...KEYS.map(sideSchema), { input: { type: 'string', default: '' }, hide: { type: 'bool', default: false } });

const state = readState(SCHEMA);
const notice = new Notice(document.getElementById('notice'));
const vocabNotice = new Notice(document.getElementById('vocab-notice'));
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
const generation = new GenerationComparison(document.getElementById('compare-generation'));

/** One model's column of the page: its picker card above, its TraceView below. */
class Side {
  constructor(key) {
    const N = NAMES[key];
    Object.assign(this, { key, label: N, layerKey: `layer${N}`, vectorKey: `vector${N}`, model: null });
    this.picker = new ModelPicker(document.getElementById(`model-${key}`), { name: N, key, color: COLORS[key] });
    // a new model is a new comparison: its own layers, vectors and curves; the input stays
    this.picker.on('pick', (id) => window.location.assign(`/compare${toSearch(SCHEMA, { ...state, [key]: id, [this.layerKey]: 0, [this.vectorKey]: 'hidden' })}`));
    this.root = el('section', 'panel panel-heatmap compare-side');
    this.root.id = `side-${key}`;
    this.root.dataset.side = key;
    this.root.setAttribute('aria-label', `${key === 'a' ? 'First' : 'Second'} model's units`);
    document.getElementById('compare-sides').append(this.root);
    const ids = Object.fromEntries(['title', 'controls', 'legend', 'layer', 'vector'].map((part) => [part, `${part}-${key}`]));
    this.view = new TraceView(this.root, {
      name: N, prefer: ['hidden'],
      ids: { ...ids, units: `heatmap-${key}`, unitCanvas: `heatmap-canvas-${key}`, probLegend: `prob-legend-${key}`, probs: `probs-${key}`, probCanvas: `probs-canvas-${key}` },
      hint: key === 'b' ? 'Both models read the same characters, one column per timestep: hover a square to see that timestep in both.' : '',
      units: { showChars: !state.hide, rowHeight: 16, maxHeight: 208, headerHeight: 0 },
      probs: { showChars: !state.hide },
      title: (v) => (v.matrix
        ? `${N} · ${v.model.id} — ${vectorLabel(v.vector)}${v.model.layers > 1 ? ` · layer ${v.layer + 1}` : ''} · ${v.matrix.rows} units × ${v.matrix.cols} timesteps`
        : (v.model ? `${N} · ${v.model.id}` : `Model ${N}`)),
    });
    this.view.title.classList.add('compare-title');
    this.view.on('layer', (layer) => { state[this.layerKey] = layer; state[this.vectorKey] = this.view.vector; pushState(SCHEMA, state); });
    this.view.on('vector', (vector) => { state[this.vectorKey] = vector; pushState(SCHEMA, state); });
    this.view.on('busy', (on) => setBusy(on ? 1 : -1));
    this.view.on('shown', () => { this.view.setScrollLeft(this.other.ready ? this.other.view.units.scrollLeft : 0); markReady(); });
    this.view.on('error', (err) => {
      if (err.status === 422) playground.showError(`${this.model.id}: ${err.readable}`);
      else notice.error(err, `Could not trace ${this.model.id}`);
      this.view.empty('No trace: see the message above.');
    });
  }

  get other() { return sides[this.key === 'a' ? 'b' : 'a']; }

  get ready() { return this.view.matrix !== null && this.view.traces.length > 0; }

  /** "A · counter": how the page names this side's model. */
  get runLabel() { return `${this.label} · ${this.model ? this.model.id : state[this.key]}`; }

  /** The picker card, offering the models that fit best beside the other side's first. */
  renderCard(error = null) { this.picker.render(choicesBeside(this.other.model, models), this.model, error); }

  /** The model to show, at the layer and vector the address asks for; it traces the text both models read. */
  setModel(model) {
    this.model = model;
    this.renderCard();
    if (!model) return;
    this.view.setModel(model, { layer: state[this.layerKey], vector: state[this.vectorKey] });
    state[this.layerKey] = this.view.layer;
    state[this.vectorKey] = this.view.vector;
    this.view.setSource({
      key: () => (model.traceable && readable ? currentText() : ''),
      fetch: async (layer, signal) => ({ traces: [await api.trace(model.id, `${START_TOKEN}${currentText()}`, { layer }, { signal })], fromInput: true }),
    });
  }

  /** Nothing to trace while the model trains or when it has no weights; a training model reloads the page when done. */
  waitForWeights() {
    const m = this.model;
    this.view.empty(m.status === 'training' ? 'Still training: the heat map appears when it is done.'
      : `This model is ${m.status}${m.error ? ` (${m.error})` : ''}: there is nothing to trace.`);
    if (m.status === 'training' && m.jobId) followJob(m.jobId, { end: () => window.location.reload(), error: (message) => notice.error(new Error(message)) });
  }
}

const sides = { a: new Side('a'), b: new Side('b') };
const each = (f) => KEYS.forEach((key) => f(sides[key]));
const allMaps = () => KEYS.flatMap((key) => sides[key].view.maps);

// Every heat map scrolls and hovers with the others: column t is timestep t in all four.
for (const map of allMaps()) {
  map.on('scroll', (x) => { for (const other of allMaps()) if (other !== map && other.scrollLeft !== x) other.setScrollLeft(x); });
  map.on('hover', ({ col }) => { for (const other of allMaps()) if (other !== map) other.setHoverColumn(col); });
}
charsControl.on('change', (checked) => { state.hide = !checked; for (const map of allMaps()) map.setShowChars(checked); sync(); });
playground.on('change', ({ text }) => {
  // An emptied box stays empty while the user types; the heat maps fall back to the task's first test sequence.
  state.input = text;
  sync();
  generation.hide();
  each((side) => side.view.reload());
});
playground.on('generate', ({ text }) => generate(text));
playground.on('validity', ({ valid }) => each((side) => side.view.setStale(valid ? null : 'the last input both read, not what is typed')));

/** Typing replaces the history entry; picking a layer, vector or model adds one, and Back steps through them. */
function sync() { writeState(SCHEMA, state); }
restoreOnHistory();

/** What both models read (without the start token): the typed text, else the task's first test sequence. */
function currentText() { return state.input ? (playground.valid ? state.input : '') : defaultText; }

function setBusy(delta) { busy += delta; playground.setBusy(busy > 0); }

function markReady() { if (sides.a.ready && sides.b.ready) document.body.dataset.ready = 'true'; }

/** Hides the input and both heat maps: there is nothing the two can read together (the cards and curves stay). */
function hideInput() {
  document.getElementById('playground-panel').hidden = true;
  each((side) => { side.root.hidden = true; });
}

// ---- start ----
async function init() {
  try {
    models = await api.models();
  } catch (err) {
    notice.error(err, 'Could not list the models');
    each((side) => side.view.empty('No models: see the message above.'));
    return;
  }
  if (!models.length) { notice.info('There are no models yet. Train one first.'); return; }
  const missing = KEYS.filter((key) => state[key] && !models.some((m) => m.id === state[key])).map((key) => state[key]);
  for (const key of KEYS) if (missing.includes(state[key])) state[key] = '';
  if (missing.length) notice.error(new Error(`There is no model ${missing.map((id) => `“${id}”`).join(' or ')}; showing another one instead.`));
  if (!state.a) state.a = models[0].id;
  if (!state.b) state.b = partnerFor(models.find((m) => m.id === state.a), models)?.id || '';
  sync();
  if (!state.b) {
    // nothing else reads this model's characters: open on the picker, not on an error
    sides.a.setModel(await api.model(state.a).catch(() => null));
    sides.b.renderCard(`No other model reads every character ${state.a} reads (${vocabText(sides.a.model?.vocab)}). Pick one to compare with: `
      + 'the list starts with the closest.');
    sides.b.picker.select.focus();
    hideInput();
    showCurves();
    document.body.dataset.ready = 'picker';
    return;
  }

  const details = await Promise.all(KEYS.map((key) => api.model(state[key]).catch((err) => {
    sides[key].renderCard(`Could not open ${state[key]}: ${err.readable || err.message}`);
    sides[key].view.empty('This model could not be opened.');
    return null;
  })));
  KEYS.forEach((key, i) => { sides[key].model = details[i]; });
  document.title = `${state.a} vs ${state.b} · LSTM Explorer`;
  each((side) => { if (side.model) side.setModel(side.model); });
  sync();
  showCurves();
  if (!details[0] || !details[1]) { document.getElementById('playground-panel').hidden = true; return; }
  if (await startInput(details)) each((side) => (side.model.traceable ? side.view.reload() : side.waitForWeights()));
}

/**
 * Any two models compare on an input both can read: the characters their vocabularies share. Says when they
 * read different characters, or none in common (false: there is nothing to trace together).
 */
async function startInput(details) {
  const [a, b] = details;
  const common = a.vocab.filter((ch) => b.vocab.includes(ch));
  readable = common.some((ch) => ch !== START_TOKEN);
  const both = `${a.id} reads ${vocabText(a.vocab)}, ${b.id} reads ${vocabText(b.vocab)}`;
  if (!readable) {
    vocabNotice.error(new Error(`These two models share no character, so no input can be fed to both: ${both}. `
      + 'Pick another pair to compare their units; their training curves are compared below.'));
    vocabNotice.root.dataset.mismatch = 'true';
    hideInput();
    return false;
  }
  if (!sameCharacters(a.vocab, b.vocab)) {
    vocabNotice.info(`The two models read different characters: ${both}. Both read ${vocabText(common)}; type an input made of those.`);
    vocabNotice.root.dataset.mismatch = 'partial';
  }
  playground.setVocab(common, { explain: (bad) => missingText(bad, details) });
  defaultText = await firstTestSequence(details, common);
  playground.setPlaceholder(placeholderFor(defaultText, 'empty uses a test sequence both can read'));
  playground.setValue(state.input || defaultText);
  if (!currentText()) each((side) => side.view.empty(state.input ? 'The input has characters outside the vocabulary: see above.' : 'Type a sequence above.'));
  return true;
}

function showCurves() {
  new CurveOverlay(document.getElementById('loss-chart'), document.getElementById('accuracy-chart'), document.getElementById('curves-note'))
    .show(KEYS.map((key) => ({ key, label: sides[key].runLabel, color: COLORS[key], model: sides[key].model })));
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

async function generate(text) {
  if (!KEYS.every((key) => sides[key].model?.traceable)) return;
  setBusy(1);
  try {
    const results = await Promise.allSettled(KEYS.map((key) => api.generate(sides[key].model.id, text, 200)));
    generation.show(KEYS.map((key) => ({ key, label: sides[key].runLabel, color: COLORS[key] })), results);
  } finally {
    setBusy(-1);
  }
}

init();
