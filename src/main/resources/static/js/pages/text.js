/**
 * The text view: one unit over a long text, coloured character by character. Without a pasted text it reads
 * the start of the model's test split; with no unit in the address it opens on the unit the probes rank best
 * for the line position or the indentation, and says so.
 */
import { api, analysisApi, datasetsApi } from '../api.js';
import { ModelHeader } from '../model-header.js';
import { Notice } from '../notice.js';
import { Legend } from '../legend.js';
import { TextHeat } from '../text-heat.js';
import { scaleFor } from '../colors.js';
import { CELL_SCALES, CELL_SCALE_OPTIONS, cellScales, openingCellScale } from '../cell-scale.js';
import { SegmentedControl } from '../segmented.js';
import { vectorLabel } from '../chars.js';
import { readState, writeState } from '../url-state.js';
import { labelled, link, numberInput, select } from '../dom.js';
import { serverLimits } from '../limits.js';

const modelId = document.body.dataset.modelId;
const notice = new Notice(document.getElementById('notice'));
const header = new ModelHeader(document.getElementById('model-header'));
const legend = new Legend(document.getElementById('text-legend'));
const heat = new TextHeat(document.getElementById('text-slot'));
const SCHEMA = { layer: { type: 'int', default: 0, min: 0 }, vector: { type: 'string', default: '' }, unit: { type: 'int', default: -1, min: -1 },
  cscale: { type: 'string', default: '' } };
const state = readState(SCHEMA);
// no cell colours in the address: the first view of a cell state chooses them (openingCellScale), and the choice goes into the address
if (!CELL_SCALES.includes(state.cscale)) state.cscale = '';
const controls = document.getElementById('text-controls');
const caption = document.getElementById('text-caption');
const pasted = document.getElementById('text-input');
serverLimits().then((limits) => {
  if (!limits?.textView) return;
  pasted.maxLength = limits.textView;
  document.getElementById('text-input-hint').textContent = `Paste up to ${limits.textView.toLocaleString('en')} characters `
    + '(for example from the playground); the model reads them after the start token.';
});
let model = null;
let input = null;
let request = null;
let shown = null; // the view drawn, redrawn when the cell colours change
let cellScale = null;

/** Variables whose best unit the view opens on, in order of preference. */
const OPENING_VARIABLES = ['line_position', 'indent', 'bracket_depth', 'in_string'];

async function init() {
  try {
    model = await api.model(modelId);
  } catch (err) {
    notice.error(err, `Could not open the model “${modelId}”`);
    return;
  }
  document.title = `${model.id} · text view · LSTM Explorer`;
  header.set(model, null, 'text view');
  if (state.unit < 0) await openOnBestUnit();
  if (state.unit < 0) state.unit = 0;
  state.layer = Math.min(state.layer, model.layers - 1);
  state.unit = Math.min(state.unit, model.hidden - 1);
  const vectors = model.vectors[state.layer] || [];
  if (!vectors.includes(state.vector)) state.vector = vectors.includes('cell') ? 'cell' : 'hidden';
  sync(); // the unit opened on goes into the address, so a shared link shows the same
  buildControls();
  load();
}

async function openOnBestUnit() {
  try {
    const board = await analysisApi.probes(modelId, 1);
    const best = OPENING_VARIABLES.map((v) => board.best.find((p) => p.variable === v)).find(Boolean);
    if (!best) return;
    state.layer = best.layer;
    state.vector = best.vector;
    state.unit = best.unit;
    caption.textContent = `Opened on the unit the probes rank first for ${best.variable.replaceAll('_', ' ')}: ${best.sentence}.`;
  } catch { /* a model without a task or dataset: start at unit 0 */ }
}

function buildControls() {
  const layer = select(Array.from({ length: model.layers }, (_, l) => ({ value: l, label: `layer ${l + 1}` })), state.layer);
  layer.id = 'text-layer';
  const vector = select((model.vectors[state.layer] || []).map((v) => ({ value: v, label: vectorLabel(v) })), state.vector);
  vector.id = 'text-vector';
  const unit = numberInput(state.unit, 0, model.hidden - 1);
  unit.id = 'text-unit';
  layer.addEventListener('change', () => { state.layer = Number(layer.value); sync(); load(); });
  vector.addEventListener('change', () => { state.vector = vector.value; cellScale.root.hidden = state.vector !== 'cell'; sync(); load(); });
  unit.addEventListener('change', () => {
    const u = Number(unit.value);
    if (Number.isInteger(u) && u >= 0 && u < model.hidden) { state.unit = u; caption.textContent = ''; sync(); load(); }
  });
  const neuron = link('Neuron view', '#', 'button button-small');
  neuron.id = 'text-neuron-link';
  const update = () => { neuron.href = `/models/${encodeURIComponent(modelId)}/layers/${state.layer}/units/${state.unit}`; };
  update();
  unit.addEventListener('change', update);
  layer.addEventListener('change', update);
  controls.replaceChildren(labelled('Layer', layer), labelled('Vector', vector), labelled('Unit', unit), neuron);
  // a cell state far beyond ±1 is one colour on the fixed scale: tanh(c) or the unit's own scale show its course
  cellScale = new SegmentedControl(controls, { label: 'Cell colours', name: 'text-cell-scale' });
  cellScale.setOptions(CELL_SCALE_OPTIONS, state.cscale);
  cellScale.root.hidden = state.vector !== 'cell';
  cellScale.on('change', (mode) => { state.cscale = mode; sync(); if (shown) draw(shown); });

  document.getElementById('text-read').addEventListener('click', () => {
    input = pasted.value ? pasted.value.replace(/\r\n?/g, '\n') : null;
    load();
  });
  document.getElementById('text-reset').addEventListener('click', () => { input = null; pasted.value = ''; load(); });
}

async function load() {
  request?.abort();
  const controller = new AbortController();
  request = controller;
  const started = performance.now();
  try {
    const view = await datasetsApi.textView(modelId, { input, layer: state.layer, vector: state.vector, unit: state.unit },
      { signal: controller.signal });
    shown = view;
    if (!state.cscale && view.vector === 'cell') openCellScale(view);
    draw(view);
    const where = view.source === 'test' ? 'the start of the test split' : 'your text';
    document.getElementById('text-summary').textContent = `${view.text.length.toLocaleString('en')} characters of ${where}, read as one stream; `
      + `values from ${view.min.toFixed(2)} to ${view.max.toFixed(2)} (${Math.round(performance.now() - started)} ms).`;
    notice.clear();
  } catch (err) {
    if (err.name === 'AbortError') return;
    notice.error(err, 'Could not read the text');
  }
}

/** Picks the cell colours for the first view, and says why when they are not the fixed scale. */
function openCellScale(view) {
  state.cscale = openingCellScale(view.vector, view.min, view.max);
  cellScale.value = state.cscale;
  sync();
  if (state.cscale === 'fixed') return;
  const why = document.createElement('span');
  why.id = 'text-scale-note';
  why.textContent = ` Its cell state runs from ${view.min.toFixed(2)} to ${view.max.toFixed(2)}, beyond the fixed [−1, 1] scale, so the view `
    + 'opens on the unit’s own scale; [−1, 1] compares it with other units.';
  caption.append(why);
}

/** Colours the text by the unit's values; the cell state on the chosen cell colours (one row of values). */
function draw(view) {
  const { scales, legend: key } = view.vector === 'cell'
    ? cellScales(state.cscale, { rows: 1, cols: view.values.length, values: view.values })
    : { scales: scaleFor(view.vector), legend: scaleFor(view.vector) };
  heat.setData({ text: view.text, values: view.values, scale: Array.isArray(scales) ? scales[0] : scales });
  legend.setScale(key, `${vectorLabel(view.vector)}, unit ${view.unit}`);
}

function sync() { writeState(SCHEMA, state); }

init();
