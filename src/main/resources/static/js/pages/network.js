/**
 * Network view: one layer, one vector; each unit a row of coloured characters over several test sequences or
 * the playground input, with the next-character probabilities underneath. Click a unit for its neuron view.
 */
import { api, followJob } from '../api.js';
import { readState, writeState, toSearch } from '../url-state.js';
import { Heatmap, formatValue } from '../heatmap.js';
import { Legend } from '../legend.js';
import { PROBABILITY, scaleFor } from '../colors.js';
import { SegmentedControl } from '../segmented.js';
import { SelectControl, ToggleControl, sampleControls } from '../controls.js';
import { Playground } from '../playground.js';
import { ModelHeader } from '../model-header.js';
import { Notice } from '../notice.js';
import { START_TOKEN, displayChar, isGate, shortVectorLabel, vectorLabel } from '../chars.js';
import { layerOf, positionOf, probabilityMatrix, unitMatrix } from '../trace-data.js';
import { AnalysisPanels } from '../analysis/panels.js';
import { throughDelimiter } from '../analysis/shared.js';

const SCHEMA = {
  layer: { type: 'int', default: 0, min: 0 },
  vector: { type: 'string', default: '' },
  sample: { type: 'string', default: 'test' },
  n: { type: 'int', default: 6, min: 1, max: 50 },   // the server traces at most 50 dataset sequences
  input: { type: 'string', default: '' },
  hide: { type: 'bool', default: false },
  unit: { type: 'int', default: -1, min: -1 },
  // the analysis panels: open tab, interventions and their prefix, gradient target, hypothesis range and threshold, replay frame
  tab: { type: 'string', default: '' },
  iv: { type: 'string', default: '' },
  ivp: { type: 'string', default: '' },
  gt: { type: 'int', default: -1, min: -1 },
  hf: { type: 'int', default: -1, min: -1 },
  ht: { type: 'int', default: -1, min: -1 },
  thr: { type: 'string', default: '0.5' },
  snap: { type: 'int', default: -1, min: -1 },
};
const SPLITS = ['test', 'generalization', 'train'];

const modelId = document.body.dataset.modelId || decodeURIComponent(window.location.pathname.split('/')[2] || '');
const state = readState(SCHEMA);
if (!SPLITS.includes(state.sample)) state.sample = 'test';
const notice = new Notice(document.getElementById('notice'));
const header = new ModelHeader(document.getElementById('model-header'));

let model = null;
let traces = [];
let fromInput = false;
let matrix = null;
let probs = null;
let request = null;
const cache = new Map();
let analysis = null;

// ---- widgets ----
const toolbar = document.getElementById('toolbar');
const layerControl = new SelectControl(toolbar, { label: 'Layer', name: 'layer' });
const vectorControl = new SegmentedControl(toolbar, { label: 'Vector', name: 'vector' });
const { split: sampleControl, count: countControl } = sampleControls(toolbar, state);
const charsControl = new ToggleControl(toolbar, { label: 'Characters', name: 'chars', checked: !state.hide });

const playground = new Playground(document.getElementById('playground-panel'));

const heatmap = new Heatmap(document.getElementById('heatmap'), {
  clickableRows: true, showChars: !state.hide, label: 'Units by timestep', tooltip: unitTooltip,
});
heatmap.canvas.id = 'unit-heatmap';
const legend = new Legend(document.getElementById('heatmap-legend'));
const probMap = new Heatmap(document.getElementById('probabilities'), {
  cellText: 'none', showChars: !state.hide, rowHeight: 16, maxHeight: 160, headerHeight: 0,
  label: 'Next-character probabilities', tooltip: probTooltip,
});
probMap.canvas.id = 'probability-heatmap';
const probLegend = new Legend(document.getElementById('prob-legend'));
probLegend.setScale(PROBABILITY, 'P(next character) · dot = what came next');

// ---- wiring ----
layerControl.on('change', (value) => {
  state.layer = Number(value);
  const vectors = vectorsOf(state.layer);
  if (!vectors.includes(state.vector)) state.vector = defaultVector(vectors);
  renderVectorPicker();
  sync();
  load();
});
vectorControl.on('change', (value) => { state.vector = value; sync(); show(); });
sampleControl.on('change', (value) => { state.sample = value; sync(); if (!typedText()) load(); });
countControl.on('change', (value) => { state.n = Number(value); sync(); if (!typedText()) load(); });
charsControl.on('change', (checked) => {
  state.hide = !checked;
  heatmap.setShowChars(checked);
  probMap.setShowChars(checked);
  sync();
});
playground.on('change', ({ text }) => { state.input = text; sync(); load(); });
playground.on('generate', ({ text }) => generate(text));
playground.on('change', () => analysis?.inputChanged());
layerControl.on('change', () => analysis?.viewChanged());
vectorControl.on('change', () => analysis?.viewChanged());

heatmap.on('select', ({ row }) => openNeuron(row));
heatmap.on('hover', ({ col }) => probMap.setHoverColumn(col));
probMap.on('hover', ({ col }) => heatmap.setHoverColumn(col));
heatmap.on('scroll', (x) => probMap.setScrollLeft(x));
probMap.on('scroll', (x) => heatmap.setScrollLeft(x));

document.addEventListener('keydown', (event) => {
  if (!matrix || event.altKey || event.ctrlKey || event.metaKey) return;
  const tag = event.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  const rows = matrix.rows;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const step = event.key === 'ArrowDown' ? 1 : -1;
    const current = state.unit < 0 ? (step > 0 ? -1 : rows) : state.unit;
    selectUnit(Math.max(0, Math.min(rows - 1, current + step)));
  } else if (event.key === 'Enter' && state.unit >= 0 && tag !== 'BUTTON' && tag !== 'A') {
    openNeuron(state.unit);
  } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
    event.preventDefault();
    heatmap.setScrollLeft(heatmap.scroller.scrollLeft + (event.key === 'ArrowRight' ? 120 : -120));
  }
});

function selectUnit(unit) {
  state.unit = unit;
  heatmap.setSelectedRow(unit);
  sync();
}

function openNeuron(unit) {
  const search = toSearch(
    { sample: SCHEMA.sample, n: SCHEMA.n, input: SCHEMA.input, vector: SCHEMA.vector },
    { sample: state.sample, n: state.n, input: state.input, vector: state.vector },
  );
  window.location.href = `/models/${encodeURIComponent(modelId)}/layers/${state.layer}/units/${unit}${search}`;
}

/** The playground text to trace: '' when empty or when it has characters outside the vocabulary (never sent). */
function typedText() {
  return state.input && playground.valid ? state.input : '';
}

function sync() { writeState(SCHEMA, state); }

function vectorsOf(layer) {
  if (!model) return [];
  if (Array.isArray(model.vectors) && model.vectors[layer]) return model.vectors[layer];
  return [];
}

function defaultVector(vectors) {
  if (vectors.includes('cell')) return 'cell';
  if (vectors.includes('hidden')) return 'hidden';
  return vectors[0] || 'hidden';
}

function renderVectorPicker() {
  const vectors = vectorsOf(state.layer);
  vectorControl.setOptions(vectors.map((v) => ({
    value: v, label: shortVectorLabel(v), className: isGate(v) ? 'segment-gate' : 'segment-state',
    title: isGate(v) ? `${vectorLabel(v)}: 0 … 1` : `${vectorLabel(v)}: −1 … 1`,
  })), state.vector);
}

// ---- data ----
async function init() {
  if (!modelId) { notice.error(new Error('No model id in the address.')); return; }
  try {
    model = await api.model(modelId);
  } catch (err) {
    notice.error(err, `Could not open the model “${modelId}”`);
    heatmap.setData({ rows: 0, cols: 0, values: new Float32Array(0), rowLabels: [], chars: [], starts: [], scales: scaleFor('hidden') });
    return;
  }
  document.title = `${model.id} · LSTM Explorer`;
  let task = null;
  try { task = (await api.tasks()).find((t) => t.name === model.task) || null; } catch { /* the description is optional */ }
  header.set(model, task);

  layerControl.setOptions(Array.from({ length: model.layers }, (_, l) => ({ value: l, label: `${l + 1} of ${model.layers}` })));
  state.layer = Math.min(state.layer, model.layers - 1);
  layerControl.value = state.layer;
  layerControl.disabled = model.layers < 2;
  const vectors = vectorsOf(state.layer);
  if (!vectors.includes(state.vector)) state.vector = defaultVector(vectors);
  renderVectorPicker();
  playground.setVocab(model.vocab || []);
  playground.setValue(state.input);
  heatmap.setSelectedRow(state.unit);
  sync();

  if (model.status !== 'ready') {
    waitForTraining();
    return;
  }
  startAnalysis(task);
  load();
}

/** The analysis panels under the heat map; they read and write the same URL state. */
function startAnalysis(task) {
  const examples = (task?.examples || []).map((e) => e.replace(/\n$/, ''));
  const example = examples.reduce((a, b) => (b.length > a.length && b.length <= 40 ? b : a), examples[0] || '');
  const delimiter = task?.delimiter;
  analysis = new AnalysisPanels(document.getElementById('analysis'), {
    modelId, model, task, state, sync,
    text: typedText,
    exampleText: () => example,
    defaultPrefix: () => throughDelimiter(typedText() && (!delimiter || typedText().includes(delimiter)) ? typedText() : example, delimiter),
    setInput: (text, { generate: andGenerate = false } = {}) => {
      playground.setValue(text);
      state.input = text;
      sync();
      load();
      analysis?.inputChanged();
      if (andGenerate) generate(text);
      document.getElementById('playground-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
    heatmap,
    fromInput: () => fromInput,
    markUnits: (units) => {
      if (!heatmap.data) return;
      const marked = new Set(units);
      const rowLabels = heatmap.data.rowLabels.map((l, i) => `${marked.has(i) ? '● ' : ''}${l.replace(/^● /, '')}`);
      heatmap.data = { ...heatmap.data, rowLabels };
      heatmap.draw();
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
    notice.error(new Error(`This model is ${model.status}${model.error ? `: ${model.error}` : ''}; there is nothing to trace.`));
  }
}

async function load() {
  if (!model || model.status !== 'ready') return;
  const text = typedText();
  const key = text ? `input|${state.layer}|${text}` : `sample|${state.layer}|${state.sample}|${state.n}`;
  request?.abort();
  const controller = new AbortController();
  request = controller;
  playground.setBusy(true);
  try {
    let result = cache.get(key);
    if (!result) {
      if (text) {
        const trace = await api.trace(modelId, `${START_TOKEN}${text}`, { layer: state.layer }, { signal: controller.signal });
        result = { traces: [trace], fromInput: true };
      } else {
        const response = await api.traceSamples(modelId, { sample: state.sample, n: state.n, layer: state.layer }, { signal: controller.signal });
        result = { traces: response.traces, fromInput: false };
      }
      cache.set(key, result);
      if (cache.size > 24) cache.delete(cache.keys().next().value);
    }
    if (request !== controller) return;
    traces = result.traces;
    fromInput = result.fromInput;
    notice.clear();
    playground.setVocab(model.vocab || []);
    show();
    if (fromInput) { heatmap.scrollToEnd(); probMap.scrollToEnd(); }
  } catch (err) {
    if (err.name === 'AbortError') return;
    if (err.status === 422) playground.showError(err.readable);
    else {
      notice.error(err, 'Could not trace the model');
      if (!matrix) {
        const empty = { rows: 0, cols: 0, values: new Float32Array(0), rowLabels: [], chars: [], starts: [], message: 'No trace: see the message above.' };
        heatmap.setData({ ...empty, scales: scaleFor('hidden') });
        probMap.setData({ ...empty, scales: PROBABILITY });
      }
    }
  } finally {
    if (request === controller) { playground.setBusy(false); request = null; }
  }
}

function show() {
  const vector = state.vector;
  const labels = fromInput ? ['your sequence'] : traces.map((_, i) => `${state.sample === 'generalization' ? 'gen' : state.sample} #${i + 1}`);
  const first = traces.length ? layerOf(traces[0], state.layer) : null;
  if (first && first.vectors && !(vector in first.vectors)) {
    notice.error(new Error(`This layer has no ${vectorLabel(vector)}.`));
  }
  matrix = unitMatrix(traces, state.layer, vector);
  const scale = scaleFor(vector);
  heatmap.setData({ ...matrix, scales: scale, seqLabels: labels });
  legend.setScale(scale, vectorLabel(vector));
  probs = probabilityMatrix(traces, model.vocab || [], () => (fromInput ? null : START_TOKEN));
  probMap.setData({ ...probs, scales: PROBABILITY, rowLabels: (model.vocab || []).map((ch) => `next ${displayChar(ch)}`) });
  const source = fromInput ? 'your sequence' : `${traces.length} ${state.sample === 'generalization' ? 'generalisation' : state.sample} sequence${traces.length === 1 ? '' : 's'}`;
  document.getElementById('heatmap-title').textContent =
    `${capitalise(vectorLabel(vector))} · layer ${state.layer + 1} · ${matrix.rows} units × ${matrix.cols} timesteps · ${source}`;
  document.body.dataset.ready = 'true';
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

// ---- tooltips ----
function unitTooltip(row, col, value) {
  const { seq, t } = positionOf(matrix.starts, col);
  const where = fromInput ? `t ${t}` : `sequence ${seq + 1}, t ${t}`;
  const lines = [`unit ${row} · read ‘${displayChar(matrix.chars[col])}’`, `${vectorLabel(state.vector)} ${formatValue(value)}`, where];
  if (Math.abs(value) > 1 && !isGate(state.vector)) lines.push('beyond ±1: drawn at full colour');
  return lines;
}

function probTooltip(row, col, value) {
  const { seq, t } = positionOf(matrix.starts, col);
  const vocab = model.vocab || [];
  const lines = [`P(next = ‘${displayChar(vocab[row])}’) = ${formatValue(value)}`, `after reading ‘${displayChar(probs.chars[col])}’ (${fromInput ? '' : `sequence ${seq + 1}, `}t ${t})`];
  const marker = probs.markers[col];
  if (marker >= 0) lines.push(`what came next: ‘${displayChar(vocab[marker])}’`);
  return lines;
}

function capitalise(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

init();
