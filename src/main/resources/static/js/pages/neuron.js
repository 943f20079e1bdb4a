/**
 * Neuron view: every recorded vector of one unit stacked over the same characters, and its cell and hidden
 * state as lines. ← → (or ↑ ↓) step through the units of the layer.
 */
import { api } from '../api.js';
import { UnitCard } from '../unit-card.js';
import { mergeSchemas, pushState, readState, restoreOnHistory, writeState, toSearch } from '../url-state.js';
import { Heatmap, formatValue } from '../heatmap.js';
import { Legend } from '../legend.js';
import { LineChart } from '../linechart.js';
import { CELL, DIVERGING, SEQUENTIAL, scaleFor } from '../colors.js';
import { SAMPLE_SCHEMA, SelectControl, limitSampleCount, sampleControls } from '../controls.js';
import { Playground } from '../playground.js';
import { serverLimits } from '../limits.js';
import { ModelHeader } from '../model-header.js';
import { Notice } from '../notice.js';
import { START_TOKEN, displayChar, exampleInput, isGate, placeholderFor, vectorLabel } from '../chars.js';
import { positionOf, vectorMatrix } from '../trace-data.js';
import { showBestVariable } from '../analysis/unit-probe.js';
import { button } from '../dom.js';

const SCHEMA = mergeSchemas(SAMPLE_SCHEMA, { input: { type: 'string', default: '' }, vector: { type: 'string', default: '' } });

const body = document.body.dataset;
const pathParts = window.location.pathname.split('/');
const modelId = body.modelId || decodeURIComponent(pathParts[2] || '');
let layer = toInt(body.layer ?? pathParts[4], 0);
let unit = toInt(body.unit ?? pathParts[6], 0);
const state = readState(SCHEMA);
const notice = new Notice(document.getElementById('notice'));
const header = new ModelHeader(document.getElementById('model-header'));

let model = null;
let task = null;
let traces = [];
let fromInput = false;
let matrix = null;
let names = [];
let request = null;

// ---- widgets ----
const toolbar = document.getElementById('toolbar');
const nav = document.createElement('div');
nav.className = 'unit-nav';
const prevButton = button('← previous', 'button', () => go(unit - 1));
prevButton.id = 'prev-unit';
const unitLabel = document.createElement('span');
unitLabel.className = 'unit-label';
unitLabel.id = 'unit-label';
const nextButton = button('next →', 'button', () => go(unit + 1));
nextButton.id = 'next-unit';
// any unit of a layer of hundreds in one step: a number input (arrow keys step it), not a list of every unit
const unitInput = document.createElement('input');
Object.assign(unitInput, { type: 'number', min: '0', step: '1', id: 'unit-input', name: 'unit' });
unitInput.className = 'control-number';
unitInput.setAttribute('aria-label', 'Go to unit');
function goToTyped() {
  const next = Number.parseInt(unitInput.value, 10);
  if (Number.isInteger(next) && model && next >= 0 && next < model.hidden) go(next);
  else unitInput.value = String(unit);
}
unitInput.addEventListener('change', goToTyped);
unitInput.addEventListener('keydown', (event) => { if (event.key === 'Enter') goToTyped(); });
const goTo = document.createElement('label');
goTo.className = 'control';
goTo.append(Object.assign(document.createElement('span'), { className: 'control-label', textContent: 'Go to' }), unitInput);
nav.append(prevButton, unitLabel, nextButton, goTo);
toolbar.append(nav);
const layerControl = new SelectControl(toolbar, { label: 'Layer', name: 'layer' });
const { split: sampleControl, count: countControl } = sampleControls(toolbar, state);
const back = document.createElement('a');
back.className = 'button button-quiet toolbar-link';
back.id = 'back-to-network';
back.textContent = '↖ all units';
toolbar.append(back);

const playgroundSlot = document.createElement('div');
playgroundSlot.className = 'panel';
toolbar.after(playgroundSlot);
const playground = new Playground(playgroundSlot, { generate: false });

const heatmap = new Heatmap(document.getElementById('heatmap'), {
  rowHeight: 24, labelWidth: 132, label: 'Vectors of this unit by timestep', tooltip: tooltip,
});
heatmap.canvas.id = 'neuron-heatmap';
const legendSlot = document.getElementById('heatmap-legend');
const stateLegend = new Legend(legendSlot);
const gateLegend = new Legend(legendSlot);
const chart = new LineChart(document.getElementById('linechart'), {
  height: 200,
  series: [{ key: 'cell', label: 'cell state', color: '#0877bd' }, { key: 'hidden', label: 'hidden state', color: '#f59322' }],
  xLabel: 'timestep', yInclude: [-1, 1], yFormat: window.d3.format('.2f'), xFormat: window.d3.format('d'),
  readoutLabel: (x) => (matrix && x >= 0 && x < matrix.cols ? `‘${displayChar(matrix.chars[x])}’` : ''),
});

// ---- wiring ----
layerControl.on('change', (value) => { layer = Number(value); unit = Math.min(unit, model.hidden - 1); choose(); load(); });
sampleControl.on('change', (value) => { state.sample = value; if (!typedText()) load(); else sync(); });
countControl.on('change', (value) => { state.n = Number(value); if (!typedText()) load(); else sync(); });
playground.on('change', ({ text }) => { state.input = text; load(); });
heatmap.on('hover', ({ col }) => chart.setHoverX(col >= 0 ? col : null));
chart.on('hover', (x) => heatmap.setHoverColumn(x === null ? -1 : Math.round(x)));

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const tag = event.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') { event.preventDefault(); go(unit - 1); }
  if (event.key === 'ArrowRight' || event.key === 'ArrowDown') { event.preventDefault(); go(unit + 1); }
});

function go(next) {
  if (!model || next < 0 || next >= model.hidden || next === unit) return;
  unit = next;
  choose();
  show();
}

/** Another unit or layer is a step Back returns from; typing only replaces the address. */
function choose() { pushState(SCHEMA, state, unitPath()); }
restoreOnHistory();

function unitPath() { return `/models/${encodeURIComponent(modelId)}/layers/${layer}/units/${unit}`; }

/** The playground text to trace: '' when empty or when it has characters outside the vocabulary (never sent). */
function typedText() {
  return state.input && playground.valid ? state.input : '';
}

function sync() {
  writeState(SCHEMA, state, unitPath());
  back.href = `/models/${encodeURIComponent(modelId)}${toSearch(
    { layer: { type: 'int', default: 0 }, vector: SCHEMA.vector, sample: SCHEMA.sample, n: SCHEMA.n, input: SCHEMA.input, unit: { type: 'int', default: -1 } },
    { layer, vector: state.vector, sample: state.sample, n: state.n, input: state.input, unit },
  )}`;
}

// ---- data ----
async function init() {
  try {
    [model] = await Promise.all([api.model(modelId), serverLimits().then((limits) => limitSampleCount(countControl, state, limits?.samples))]);
  } catch (err) {
    notice.error(err, `Could not open the model “${modelId}”`);
    heatmap.setData({ rows: 0, cols: 0, values: new Float32Array(0), rowLabels: [], chars: [], starts: [], scales: DIVERGING });
    return;
  }
  try { task = (await api.tasks()).find((t) => t.name === model.task) || null; } catch { /* optional */ }
  playground.setPlaceholder(placeholderFor(exampleInput(task)));
  layer = Math.max(0, Math.min(layer, model.layers - 1));
  unit = Math.max(0, Math.min(unit, model.hidden - 1));
  layerControl.setOptions(Array.from({ length: model.layers }, (_, l) => ({ value: l, label: `${l + 1} of ${model.layers}` })), layer);
  layerControl.disabled = model.layers < 2;
  playground.setVocab(model.vocab || []);
  playground.setValue(state.input);
  if (!model.traceable) {
    header.set(model, task, `unit ${unit}`);
    notice.error(new Error(`This model is ${model.status}; it has no weights to trace${model.status === 'training' ? ' yet' : ''}.`));
    return;
  }
  load();
}

async function load() {
  sync();
  request?.abort();
  const controller = new AbortController();
  request = controller;
  try {
    const text = typedText();
    if (text) {
      const trace = await api.trace(modelId, `${START_TOKEN}${text}`, { layer }, { signal: controller.signal });
      traces = [trace];
      fromInput = true;
    } else {
      traces = (await api.traceSamples(modelId, { sample: state.sample, n: state.n, layer }, { signal: controller.signal })).traces;
      fromInput = false;
    }
    if (request !== controller) return;
    notice.clear();
    show();
  } catch (err) {
    if (err.name === 'AbortError') return;
    if (err.status === 422) playground.showError(err.readable);
    else notice.error(err, 'Could not trace the model');
  }
}

// ---- the unit card: contexts, histogram, explanation, ablation (models with a task) ----
const unitCard = new UnitCard(document.querySelector('main'));
let cardKey = '';

function showCard() {
  unitCard.root.hidden = !model.task;
  if (!model.task) return;
  const vector = names.includes(state.vector) ? state.vector : names.includes('cell') ? 'cell' : 'hidden';
  const key = `${layer}|${unit}|${vector}`;
  if (key === cardKey) return;
  cardKey = key;
  unitCard.show(modelId, layer, unit, vector, names, (chosen) => { state.vector = chosen; sync(); showCard(); });
}

function show() {
  sync();
  header.set(model, task, `layer ${layer + 1} · unit ${unit}`);
  document.title = `${model.id} · unit ${unit} · LSTM Explorer`;
  names = (model.vectors && model.vectors[layer]) || [];
  matrix = vectorMatrix(traces, layer, names, unit);
  const labels = fromInput ? ['your sequence'] : traces.map((_, i) => `${state.sample === 'generalization' ? 'gen' : state.sample} #${i + 1}`);
  heatmap.setData({ ...matrix, rowLabels: names.map(vectorLabel), scales: names.map(scaleFor), seqLabels: labels });
  heatmap.canvas.dataset.unit = String(unit);
  showBestVariable(document.getElementById('unit-best'), modelId, model, layer, unit);
  showCard();
  if (fromInput) heatmap.scrollToEnd();

  const states = names.filter((n) => !isGate(n));
  const gates = names.filter(isGate);
  stateLegend.setScale(states.includes('cell') ? CELL : DIVERGING, states.map(vectorLabel).join(', '));
  stateLegend.root.hidden = !states.length;
  gateLegend.setScale(SEQUENTIAL, gates.length ? gates.map(vectorLabel).join(', ') : '');
  gateLegend.root.hidden = !gates.length;

  const series = {};
  for (const key of ['cell', 'hidden']) {
    const r = names.indexOf(key);
    if (r < 0) { series[key] = []; continue; }
    const points = [];
    for (let c = 0; c < matrix.cols; c++) {
      if (matrix.starts.includes(c) && c > 0) points.push({ x: c - 0.5, y: null });
      points.push({ x: c, y: matrix.values[r * matrix.cols + c] });
    }
    series[key] = points;
  }
  const bands = matrix.starts.map((start, i) => ({ from: start, to: i + 1 < matrix.starts.length ? matrix.starts[i + 1] : matrix.cols }));
  chart.opts.xDomain = [-0.5, Math.max(0.5, matrix.cols - 0.5)];
  chart.setData(series, bands);

  unitLabel.textContent = `unit ${unit}`;
  unitLabel.title = `units 0–${model.hidden - 1} in this layer`;
  unitInput.max = String(model.hidden - 1);
  unitInput.value = String(unit);
  prevButton.disabled = unit <= 0;
  nextButton.disabled = unit >= model.hidden - 1;
  document.getElementById('heatmap-title').textContent =
    `Layer ${layer + 1}, unit ${unit} · ${fromInput ? 'your sequence' : `${traces.length} ${state.sample === 'generalization' ? 'generalisation' : state.sample} sequences`}`;
  document.body.dataset.ready = 'true';
}

function tooltip(row, col, value) {
  const { seq, t } = positionOf(matrix.starts, col);
  const where = fromInput ? `t ${t}` : `sequence ${seq + 1}, t ${t}`;
  return [`${vectorLabel(names[row])} · read ‘${displayChar(matrix.chars[col])}’`, formatValue(value), where];
}


function toInt(value, fallback) {
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

init();
