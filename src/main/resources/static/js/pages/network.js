/**
 * Network view: one layer, one vector; each unit a row of coloured characters over several test sequences or
 * the playground input, with the next-character probabilities underneath. Click a unit for its neuron view.
 */
import { analysisApi, api, followJob } from '../api.js';
import { mergeSchemas, pushState, readState, restoreOnHistory, writeState, toSearch } from '../url-state.js';
import { TraceView } from '../trace-view.js';
import { CELL_SCALES } from '../cell-scale.js';
import { SAMPLE_SCHEMA, ToggleControl, limitSampleCount, sampleControls } from '../controls.js';
import { Playground } from '../playground.js';
import { serverLimits } from '../limits.js';
import { ModelHeader } from '../model-header.js';
import { Notice } from '../notice.js';
import { START_TOKEN, capitalise, exampleInput, modelTitle, placeholderFor, vectorLabel } from '../chars.js';
import { AnalysisPanels } from '../analysis/panels.js';
import { UnitRows } from '../unit-rows.js';
import { orderRows, probeScores, rowVariances } from '../row-order.js';
import { throughDelimiter } from '../analysis/shared.js';
import { AttributionStrip } from '../attribution-strip.js';
import { UnitSearchBox } from '../unit-card.js';

const SCHEMA = mergeSchemas(
  { layer: { type: 'int', default: 0, min: 0 }, vector: { type: 'string', default: '' } },
  SAMPLE_SCHEMA,
  { input: { type: 'string', default: '' }, hide: { type: 'bool', default: false }, unit: { type: 'int', default: -1, min: -1 } },
  TraceView.url,   // how the heat map colours the cell state
  // the unit rows: order (unit, variance, probe), the probe's variable, the top k (0: all)
  { rows: { type: 'string', default: 'unit' }, pv: { type: 'string', default: '' }, top: { type: 'int', default: 0, min: 0 } },
  // the attribution strip: the unit it explains (LAYER:VECTOR:UNIT; '' for the next character) and after which timestep (-1: the last)
  { aof: { type: 'string', default: '' }, at: { type: 'int', default: -1, min: -1 } },
  AnalysisPanels.schema,   // the open tab and each analysis panel's own keys
);

const modelId = document.body.dataset.modelId || decodeURIComponent(window.location.pathname.split('/')[2] || '');
const state = readState(SCHEMA);
const notice = new Notice(document.getElementById('notice'));
const header = new ModelHeader(document.getElementById('model-header'));

let model = null;
let taskOf = null;
let analysis = null;

// ---- widgets ----
const toolbar = document.getElementById('toolbar');
const view = new TraceView(document.getElementById('trace-view'), {
  controls: toolbar, prefer: ['cell', 'hidden'], cacheSize: 24, endOnInput: true, cellScale: CELL_SCALES.includes(state.cscale) ? state.cscale : 'fixed',
  ids: { title: 'heatmap-title', legend: 'heatmap-legend', units: 'heatmap', unitCanvas: 'unit-heatmap', probLegend: 'prob-legend', probs: 'probabilities', probCanvas: 'probability-heatmap' },
  hint: 'Hover a square for its value. Click a unit (or press ↑ ↓ then Enter) to open its neuron view.',
  units: { clickableRows: true, showChars: !state.hide, label: 'Units by timestep', viewHeight: 560 },
  probs: { showChars: !state.hide, rowHeight: 16, maxHeight: 160 },
  title: (v) => (v.matrix ? `${capitalise(vectorLabel(v.vector))} · layer ${v.layer + 1} · ${v.matrix.rows} units × ${v.matrix.cols} timesteps · ${sourceLabel(v)}` : 'Units'),
});
const { split: sampleControl, count: countControl } = sampleControls(toolbar, state);
const charsControl = new ToggleControl(toolbar, { label: 'Characters', name: 'chars', checked: !state.hide });
const rowControls = new UnitRows(toolbar, { order: state.rows, variable: state.pv, top: state.top });

const playground = new Playground(document.getElementById('playground-panel'));
const attribution = new AttributionStrip(document.getElementById('playground-panel'), modelId, ({ of, at }) => {
  Object.assign(state, { aof: of ? `${of.layer}:${of.vector}:${of.unit}` : '', at });
  choose();
});

// ---- wiring ----
view.on('layer', (layer) => { state.layer = layer; state.vector = view.vector; choose(); analysis?.viewChanged(); });
view.on('vector', (vector) => { state.vector = vector; choose(); analysis?.viewChanged(); });
view.on('cellscale', (mode) => { state.cscale = mode; choose(); });
view.on('select', ({ row }) => openNeuron(row));
view.on('busy', (busy) => playground.setBusy(busy));
view.on('loaded', (result) => {
  notice.clear();
  // a model without a task example (a dataset's) suggests the start of its own data
  if (!exampleInput(taskOf) && !result.fromInput && result.traces[0]) playground.setPlaceholder(placeholderFor(exampleInput(null, result.traces[0].input)));
});
view.on('missing', (vector) => notice.error(new Error(`This layer has no ${vectorLabel(vector)}.`)));
view.on('shown', () => { applyRows(); document.body.dataset.ready = 'true'; });
rowControls.on('change', ({ order, variable, top }) => {
  Object.assign(state, { rows: order, pv: order === 'probe' ? variable : '', top });
  sync();
  applyRows();
});
rowControls.on('find', (unit) => {
  if (state.top && !view.units.shownRows.includes(unit)) { state.top = 0; rowControls.topInput.value = ''; sync(); applyRows(); }
  selectUnit(unit);
  view.revealUnit(unit);
  notice.clear();
});
rowControls.on('notfound', (text) => notice.error(new Error(`No unit “${text}” in this layer: its units are 0 to ${(view.matrix?.rows || 1) - 1}.`)));
view.on('error', (err) => {
  if (err.status === 422) { playground.showError(err.readable); return; }
  notice.error(err, 'Could not trace the model');
  if (!view.matrix) view.empty('No trace: see the message above.');
});
sampleControl.on('change', (value) => { state.sample = value; choose(); if (!typedText()) view.reload(); });
countControl.on('change', (value) => { state.n = Number(value); choose(); if (!typedText()) view.reload(); });
charsControl.on('change', (checked) => {
  state.hide = !checked;
  view.setShowChars(checked);
  sync();
});
playground.on('change', ({ text }) => inputChanged(text));
playground.on('generate', ({ text }) => generate(text));
playground.on('validity', ({ valid }) => view.setStale(valid ? null : 'the last valid input, not what is typed'));

document.addEventListener('keydown', (event) => {
  if (!view.matrix || event.altKey || event.ctrlKey || event.metaKey) return;
  const tag = event.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    // through the rows as shown: sorted, filtered
    const shown = view.units.shownRows;
    if (!shown.length) return;
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const at = shown.indexOf(state.unit);
    const current = at < 0 ? (step > 0 ? -1 : shown.length) : at;
    const unit = shown[Math.max(0, Math.min(shown.length - 1, current + step))];
    selectUnit(unit);
    view.units.scrollToRow(unit);
  } else if (event.key === 'Enter' && state.unit >= 0 && tag !== 'BUTTON' && tag !== 'A') {
    openNeuron(state.unit);
  } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
    event.preventDefault();
    view.units.setScrollLeft(view.units.scrollLeft + (event.key === 'ArrowRight' ? 120 : -120));
  }
});

/**
 * Orders and filters the unit rows as the row controls say: by number, by variance over the shown sequences, or by
 * the probe's |r| for the chosen variable (every unit of this layer and vector, from the server), then the top k.
 */
let rowsRequest = 0;
async function applyRows() {
  const m = view.matrix;
  if (!m) return;
  rowControls.setUnits(m.rows);
  const ask = ++rowsRequest;
  let scores = null;
  if (state.rows === 'variance') scores = rowVariances(m.values, m.rows, m.cols);
  else if (state.rows === 'probe' && (state.pv || rowControls.value.variable)) {
    try {
      const variable = state.pv || rowControls.value.variable;
      const probes = await analysisApi.unitProbes(modelId, { layer: view.layer, vector: view.vector, variable, limit: m.rows });
      scores = probeScores(probes.ranking, m.rows);
    } catch (err) {
      notice.error(err, 'Could not rank the units by probe');
    }
  }
  if (ask !== rowsRequest || view.matrix !== m) return;
  const natural = (state.rows === 'unit' || !scores) && !state.top;
  view.setRowOrder(natural ? null : orderRows(m.rows, scores ? state.rows : 'unit', scores, state.top));
}

/** The task's variables, for ordering by probe; a model without a task has none. */
async function loadVariables() {
  try {
    const probes = await analysisApi.probes(modelId, 1);
    // the picker shows the first variable; the address names one only once the user picks it
    rowControls.setVariables(Object.keys(probes.variables || {}));
    if (state.rows === 'probe') applyRows();
  } catch {
    rowControls.setVariables([]);
  }
}

function selectUnit(unit) {
  state.unit = unit;
  view.setSelectedRow(unit);
  choose();
}

function openNeuron(unit) {
  const search = toSearch(
    { sample: SCHEMA.sample, n: SCHEMA.n, input: SCHEMA.input, vector: SCHEMA.vector },
    { sample: state.sample, n: state.n, input: state.input, vector: state.vector },
  );
  window.location.href = `/models/${encodeURIComponent(modelId)}/layers/${state.layer}/units/${unit}${search}`;
}

/** The playground's text changed, typed or set by a panel: the address, the trace, the panels and the attribution follow. */
function inputChanged(text) {
  state.input = text;
  state.at = -1;
  sync();
  view.reload();
  analysis?.inputChanged();
  attribution.setInput(typedText());
}

/** The playground text to trace: '' when empty or when it has characters outside the vocabulary (never sent). */
function typedText() {
  return state.input && playground.valid ? state.input : '';
}

/** Typing replaces the history entry; a deliberate choice adds one, so Back steps through the choices. */
function sync() { writeState(SCHEMA, state); }
function choose() { pushState(SCHEMA, state); }
restoreOnHistory();

// ---- data ----
async function init() {
  if (!modelId) { notice.error(new Error('No model id in the address.')); return; }
  try {
    [model] = await Promise.all([api.model(modelId), serverLimits().then((limits) => limitSampleCount(countControl, state, limits?.samples))]);
  } catch (err) {
    notice.error(err, `Could not open the model “${modelId}”`);
    view.empty();
    return;
  }
  document.title = `${modelTitle(model)} · LSTM Explorer`;
  let task = null;
  try { task = (await api.tasks()).find((t) => t.name === model.task) || null; } catch { /* the description is optional */ }
  header.set(model, task);
  taskOf = task;
  playground.setPlaceholder(placeholderFor(exampleInput(task)));

  view.setModel(model, { layer: state.layer, vector: state.vector });
  state.layer = view.layer;
  state.vector = view.vector;
  playground.setVocab(model.vocab || []);
  playground.setValue(state.input);
  view.setSelectedRow(state.unit);
  sync();

  if (!model.traceable) {
    waitForTraining();
    return;
  }
  startAnalysis(task);
  if (model.task) new UnitSearchBox(document.getElementById('analysis'), modelId);
  attribution.setInput(typedText());
  const [ofLayer, ofVector, ofUnit] = state.aof.split(':');
  if (state.aof || state.at >= 0) {
    attribution.explain({ of: state.aof ? { layer: Number(ofLayer), vector: ofVector, unit: Number(ofUnit) } : null, at: state.at });
    // a unit card's link opens here: show the strip it asked for
    if (state.aof) document.getElementById('attribution').scrollIntoView({ block: 'center' });
  }
  if (model.task) loadVariables(); else rowControls.setVariables([]);
  view.setSource({ key: traceKey, fetch: traceFetch });
  view.reload();
}

/** The analysis panels under the heat map; they read and write the same URL state. */
function startAnalysis(task) {
  const examples = (task?.examples || []).map((e) => e.replace(/\n$/, ''));
  const example = examples.reduce((a, b) => (b.length > a.length && b.length <= 40 ? b : a), examples[0] || '');
  const delimiter = task?.delimiter;
  analysis = new AnalysisPanels(document.getElementById('analysis'), {
    model, task, view, state,
    sync: (chosen = false) => (chosen ? choose() : sync()),
    input: {
      text: typedText,
      example: () => example,
      prefix: () => throughDelimiter(typedText() && (!delimiter || typedText().includes(delimiter)) ? typedText() : example, delimiter),
      set: (text, { generate: andGenerate = false } = {}) => {
        playground.setValue(text);
        inputChanged(text);
        if (andGenerate) generate(text);
        document.getElementById('playground-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
      },
    },
  });
}

function waitForTraining() {
  if (model.status === 'training' && model.jobId) {
    notice.info('This model is still training; its heat map appears as soon as it is done.');
    followJob(model.jobId, {
      end: () => window.location.reload(),
      error: (message) => notice.error(new Error(message)),
    });
  } else {
    notice.error(new Error(`This model ${model.status === 'failed' ? 'failed to train' : `is ${model.status}`}${model.error ? `: ${model.error}` : ''}; it has no weights to trace.`));
  }
}

/** What the view traces: the typed text, else dataset sequences of the chosen split. */
function traceKey() {
  const text = typedText();
  return text ? `input|${text}` : `sample|${state.sample}|${state.n}`;
}

async function traceFetch(layer, signal) {
  const text = typedText();
  // large models' traces come as float32: a quarter of the bytes of JSON numbers, and far quicker to parse
  const f32 = model.hidden * model.layers >= 128;
  if (text) return { traces: [await api.trace(modelId, `${START_TOKEN}${text}`, { layer }, { signal, f32 })], fromInput: true, seqLabels: ['your sequence'] };
  const { traces } = await api.traceSamples(modelId, { sample: state.sample, n: state.n, layer }, { signal, f32 });
  return { traces, fromInput: false, seqLabels: traces.map((_, i) => `${state.sample === 'generalization' ? 'gen' : state.sample} #${i + 1}`) };
}

function sourceLabel(v) {
  if (v.fromInput) return 'your sequence';
  const n = v.traces.length;
  return `${n} ${state.sample === 'generalization' ? 'generalisation' : state.sample} sequence${n === 1 ? '' : 's'}`;
}

async function generate(text) {
  playground.setBusy(true);
  try {
    const result = await api.generate(modelId, text, 200);
    playground.showGeneration(result);
  } catch (err) {
    if (err.status === 422) playground.showError(err.readable);
    else notice.error(err, 'Generate failed');
  } finally {
    playground.setBusy(false);
  }
}


init();
