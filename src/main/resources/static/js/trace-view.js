/**
 * One trace on screen, wherever a trace is shown (network view, both sides of the compare view, both runs of an
 * intervention): the layer and vector pickers, the unit heat map and its legend, the next-character strip and its
 * legend, tooltips that name the unit, character and timestep, and a cached load that cancels the request before it.
 * The two maps scroll and hover together; `maps` hands them to a page that lines up several views.
 *
 *   const view = new TraceView(root, { ids, title: (v) => `…${v.matrix.rows} units` });
 *   view.setModel(model, { layer, vector });
 *   view.setSource({ key: () => text, fetch: (layer, signal) => api.trace(…).then((t) => ({ traces: [t], fromInput: true })) });
 *   view.reload();                       // or view.setTraces(traces, { fromInput }) for traces already at hand
 *
 * Options: ids {title, controls, legend, units, unitCanvas, probLegend, probs, probCanvas, layer, vector} (element ids
 * and picker names); controls (element the pickers go in, default the view's head); pickers (false: none); compact
 * (a small titled column without legends, as for an intervention's two runs); title(view); hint; name (tooltip prefix,
 * e.g. 'A'); prefer (vectors to start on, in order); endOnInput (scroll to the end of a typed sequence once loaded);
 * units and probs (Heatmap options); cacheSize; cellScale (how the cell state is coloured: fixed, tanh or unit, see cell-scale.js).
 * Events: 'layer' and 'vector' (after a picker changed them), 'cellscale' (after its picker changed it), 'loaded' (a load answered, just before it is drawn),
 * 'shown' (data drawn), 'missing' (the traces lack the vector), 'busy' (bool), 'error' (err, a failed load),
 * 'select' {row} (a unit clicked), 'hover' {col}, 'scroll' x. setStale(note) dims what is drawn and says why in the
 * title (the typed text cannot be sent, so this is the last valid input); new data clears it.
 */
import { Emitter } from './emitter.js';
import { Heatmap, formatValue } from './heatmap.js';
import { Legend } from './legend.js';
import { PROBABILITY, scaleFor } from './colors.js';
import { CELL_SCALE_OPTIONS, cellScales, colourNote } from './cell-scale.js';
import { SegmentedControl } from './segmented.js';
import { SelectControl } from './controls.js';
import { START_TOKEN, displayChar, isGate, shortVectorLabel, vectorLabel } from './chars.js';
import { layerOf, positionOf, probabilityMatrix, unitMatrix } from './trace-data.js';
import { el } from './dom.js';

const EMPTY = { rows: 0, cols: 0, values: new Float32Array(0), rowLabels: [], chars: [], starts: [] };

export class TraceView extends Emitter {
  /** Its slice of a page's URL: how the cell state is coloured (cell-scale.js). */
  static url = { cscale: { type: 'string', default: 'fixed' } };

  constructor(root, options = {}) {
    super();
    this.opts = { ids: {}, pickers: true, compact: false, prefer: ['hidden'], name: '', hint: '', cacheSize: 16, cellScale: 'fixed', ...options };
    this.cellScale = this.opts.cellScale;
    const { ids, compact } = this.opts;
    this.root = root;
    this.model = null;
    this.layer = 0;
    this.vector = '';
    this.traces = [];
    this.fromInput = false;
    this.seqLabels = null;
    this.matrix = null;
    this.probs = null;
    this.source = null;
    this.stale = null;
    this.cache = new Map();
    this.request = null;

    this.title = el(compact ? 'div' : 'h2', compact ? 'side-title' : 'panel-title', '');
    setId(this.title, ids.title);
    const unitSlot = setId(el('div', 'heatmap-slot'), ids.units);
    const probSlot = setId(el('div', 'heatmap-slot'), ids.probs);
    if (compact) {
      root.append(this.title, unitSlot, el('div', 'side-caption', 'next-character probability'), probSlot);
    } else {
      const head = el('div', 'panel-head');
      const controls = setId(el('div', 'trace-controls'), ids.controls);
      const legendSlot = setId(el('div', 'legend-slot'), ids.legend);
      head.append(this.title, ...(this.opts.pickers && !this.opts.controls ? [controls] : []), legendSlot);
      const probHead = el('div', 'panel-head panel-head-sub');
      const probLegendSlot = setId(el('div', 'legend-slot'), ids.probLegend);
      probHead.append(el('h3', 'panel-subtitle', 'Next-character probability'), probLegendSlot);
      root.append(head, unitSlot, probHead, probSlot);
      if (this.opts.hint) root.append(el('p', 'hint', this.opts.hint));
      this.legend = new Legend(legendSlot);
      new Legend(probLegendSlot).setScale(PROBABILITY, 'P(next character) · dot = what came next');
      if (this.opts.pickers) {
        const into = this.opts.controls || controls;
        this.layerControl = new SelectControl(into, { label: 'Layer', name: ids.layer || 'layer' });
        this.vectorControl = new SegmentedControl(into, { label: 'Vector', name: ids.vector || 'vector' });
        this.scaleControl = new SegmentedControl(into, { label: 'Cell colours', name: ids.cellScale || 'cell-scale' });
        this.scaleControl.setOptions(CELL_SCALE_OPTIONS, this.cellScale);
        this.layerControl.on('change', (value) => this.setLayer(Number(value), true));
        this.vectorControl.on('change', (value) => this.setVector(value, true));
        this.scaleControl.on('change', (value) => { this.setCellScale(value); this.emit('cellscale', value); });
      }
    }

    const who = this.opts.name ? `Model ${this.opts.name}: ` : '';
    this.units = new Heatmap(unitSlot, {
      label: `${who}units by timestep`, ...this.opts.units, tooltip: (row, col, value) => this.unitTooltip(row, col, value),
    });
    this.probMap = new Heatmap(probSlot, {
      cellText: 'none', headerHeight: 0, rowHeight: 12, maxHeight: 120, label: `${who}next-character probabilities`,
      ...this.opts.probs, tooltip: (row, col, value) => this.probTooltip(row, col, value),
    });
    setId(this.units.canvas, ids.unitCanvas);
    setId(this.probMap.canvas, ids.probCanvas);
    this.units.on('scroll', (x) => { this.probMap.setScrollLeft(x); this.emit('scroll', x); });
    this.probMap.on('scroll', (x) => { this.units.setScrollLeft(x); this.emit('scroll', x); });
    this.units.on('hover', ({ col }) => { this.probMap.setHoverColumn(col); this.emit('hover', { col }); });
    this.probMap.on('hover', ({ col }) => { this.units.setHoverColumn(col); this.emit('hover', { col }); });
    this.units.on('select', ({ row }) => this.emit('select', { row }));
  }

  /** Both heat maps, for a page that scrolls and hovers several views together. */
  get maps() { return [this.units, this.probMap]; }

  get vocab() { return this.model?.vocab || []; }

  /** The vectors the model records in a layer. */
  vectorsOf(layer) {
    const vectors = this.model?.vectors;
    return Array.isArray(vectors) && vectors[layer] ? vectors[layer] : [];
  }

  /** A model to show: its layers and vectors in the pickers, starting at the asked layer and vector where it has them. */
  setModel(model, { layer = 0, vector = '' } = {}) {
    this.model = model;
    this.cache.clear();
    this.layer = Math.max(0, Math.min(layer, model.layers - 1));
    this.vector = vector;
    this._pickVector();
    if (this.layerControl) {
      this.layerControl.setOptions(Array.from({ length: model.layers }, (_, l) => ({ value: l, label: `${l + 1} of ${model.layers}` })), this.layer);
      this.layerControl.disabled = model.layers < 2;
    }
  }

  setLayer(layer, fromPicker = false) {
    if (layer === this.layer) return;
    this.layer = layer;
    this._pickVector();
    if (fromPicker) this.emit('layer', layer);
    this.reload();
  }

  setVector(vector, fromPicker = false) {
    this.vector = vector;
    this._renderVectorPicker();
    if (fromPicker) this.emit('vector', vector);
    this.show();
  }

  /** How the cell state is coloured: 'fixed' [−1, 1] clipped, 'tanh' or 'unit' (see cell-scale.js). */
  setCellScale(mode) {
    this.cellScale = mode;
    if (this.scaleControl) this.scaleControl.value = mode;
    this.show();
  }

  setShowChars(show) { for (const map of this.maps) map.setShowChars(show); }

  setRowMarks(rows) { this.units.setRowMarks(rows); }

  /** Shows only these units, in this order (null: all, by number); see Heatmap.setRowOrder. */
  setRowOrder(rows) { this.units.setRowOrder(rows); }

  /** Brings a unit's row into view and selects it. */
  revealUnit(unit) {
    this.units.setSelectedRow(unit);
    this.units.scrollToRow(unit);
  }

  setSelectedRow(row) { this.units.setSelectedRow(row); }

  scrollToEnd() { for (const map of this.maps) map.scrollToEnd(); }

  setScrollLeft(x) { for (const map of this.maps) map.setScrollLeft(x); }

  /**
   * Where traces come from: key() names what to trace ('' or null: nothing), fetch(layer, signal) answers
   * {traces, fromInput, seqLabels}. Answers are cached by key and layer.
   */
  setSource(source) { this.source = source; }

  /** Traces the source's current key at the current layer, cancelling the load before it. Never throws: see 'error'. */
  async reload() {
    const key = this.model && this.source ? this.source.key() : null;
    if (!key) return false;
    const cacheKey = `${this.layer}|${key}`;
    const idle = !this.request;
    this.request?.abort();
    const controller = new AbortController();
    this.request = controller;
    if (idle) this.emit('busy', true);
    try {
      let result = this.cache.get(cacheKey);
      if (!result) {
        result = await this.source.fetch(this.layer, controller.signal);
        this.cache.set(cacheKey, result);
        if (this.cache.size > this.opts.cacheSize) this.cache.delete(this.cache.keys().next().value);
      }
      if (this.request !== controller) return false;
      this.emit('loaded', result);
      this.setTraces(result.traces, result);
      if (this.opts.endOnInput && result.fromInput) this.scrollToEnd();
      return true;
    } catch (err) {
      if (err.name !== 'AbortError') this.emit('error', err);
      return false;
    } finally {
      if (this.request === controller) { this.request = null; this.emit('busy', false); }
    }
  }

  /** Shows traces already at hand. fromInput: they are the user's own sequence (tooltips then say just t). */
  setTraces(traces, { fromInput = true, seqLabels = null } = {}) {
    this.traces = traces;
    this.fromInput = fromInput;
    this.seqLabels = seqLabels;
    this.show();
  }

  /** A sentence instead of squares: why there is nothing to draw. */
  empty(message) {
    this.traces = [];
    this.matrix = null;
    this.stale = null;
    this.root.classList.remove('trace-stale');
    this.units.setData({ ...EMPTY, scales: scaleFor('hidden'), message });
    this.probMap.setData({ ...EMPTY, scales: PROBABILITY, message: ' ' });
    this.title.textContent = this.opts.title ? this.opts.title(this) : '';
  }

  /** Marks what is drawn as out of date, with a note for the title; null clears it. Nothing drawn, nothing to mark. */
  setStale(note) {
    this.stale = note && this.matrix ? note : null;
    this.root.classList.toggle('trace-stale', !!this.stale);
    this.root.dataset.stale = String(!!this.stale);
    this._renderTitle();
  }

  show() {
    if (!this.model || !this.traces.length) return;
    const vector = this.vector;
    const first = layerOf(this.traces[0], this.layer);
    if (first && first.vectors && !(vector in first.vectors)) this.emit('missing', vector);
    this.matrix = unitMatrix(this.traces, this.layer, vector);
    const { scales, legend } = vector === 'cell' ? cellScales(this.cellScale, this.matrix) : { scales: scaleFor(vector), legend: scaleFor(vector) };
    if (this.scaleControl) this.scaleControl.root.hidden = vector !== 'cell';
    this.units.setData({ ...this.matrix, scales, ...(this.seqLabels ? { seqLabels: this.seqLabels } : {}) });
    this.legend?.setScale(legend, vectorLabel(vector));
    this.probs = probabilityMatrix(this.traces, this.vocab, () => (this.fromInput ? null : START_TOKEN));
    this.probMap.setData({ ...this.probs, scales: PROBABILITY, rowLabels: this.vocab.map((ch) => `next ${displayChar(ch)}`) });
    this.setStale(null);
    this.emit('shown');
  }

  unitTooltip(row, col, value) {
    const lines = [`${this._who()}unit ${row} · read ‘${displayChar(this.matrix.chars[col])}’`,
      `${vectorLabel(this.vector)} ${formatValue(value)}`, this._where(col)];
    const note = colourNote(this.vector === 'cell' ? this.cellScale : 'fixed', value);
    if (note) lines.push(note);
    return lines;
  }

  probTooltip(row, col, value) {
    const vocab = this.vocab;
    const lines = [`${this._who()}P(next = ‘${displayChar(vocab[row])}’) = ${formatValue(value)}`,
      `after reading ‘${displayChar(this.probs.chars[col])}’ (${this._where(col)})`];
    const marker = this.probs.markers[col];
    if (marker >= 0) lines.push(`what came next: ‘${displayChar(vocab[marker])}’`);
    return lines;
  }

  // ---- internal ----

  _renderTitle() {
    if (this.opts.title) this.title.textContent = this.opts.title(this) + (this.stale ? ` — ${this.stale}` : '');
  }

  _who() { return this.opts.name ? `${this.opts.name} · ` : ''; }

  _where(col) {
    const { seq, t } = positionOf(this.matrix.starts, col);
    return this.fromInput ? `t ${t}` : `sequence ${seq + 1}, t ${t}`;
  }

  /** Keeps the vector if the layer records it, else the first preferred one it has, else its first. */
  _pickVector() {
    const vectors = this.vectorsOf(this.layer);
    if (!vectors.includes(this.vector)) this.vector = this.opts.prefer.find((v) => vectors.includes(v)) || vectors[0] || 'hidden';
    this._renderVectorPicker();
  }

  _renderVectorPicker() {
    this.vectorControl?.setOptions(this.vectorsOf(this.layer).map((v) => ({
      value: v, label: shortVectorLabel(v), className: isGate(v) ? 'segment-gate' : 'segment-state',
      title: isGate(v) ? `${vectorLabel(v)}: 0 … 1` : `${vectorLabel(v)}: −1 … 1`,
    })), this.vector);
  }
}

function setId(node, id) {
  if (id) node.id = id;
  return node;
}
