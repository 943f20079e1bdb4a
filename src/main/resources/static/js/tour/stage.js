/**
 * Where a tour step's view is drawn: the real widgets of the other pages, driven to the state the step names,
 * with the part to look at highlighted. One function per kind of view; each gets the step's resolved view
 * (see tour/runner.js) and the page context {model, task}, and draws into root.
 *
 *   trace        TraceView over traces: layer, vector, scale (cell colours), select (a unit's row), labels, caption
 *   unit         one unit's vectors as lines (LineChart): layer, unit, vectors (tanh_cell: tanh of the cell)
 *   intervention an /intervene answer, as the intervention panel shows it
 *   sweep        a /length-sweep answer, as the sweep panel shows it; highlight: the size to ring
 *   bars         groups of a /by-input answer as bars: groups, label(group), highlight: the labels to ring
 *   patch        a /patch answer: the base's, the source's and the patched continuation
 */
import { TraceView } from '../trace-view.js';
import { LineChart } from '../linechart.js';
import { InterventionPanel } from '../analysis/intervention.js';
import { SweepPanel } from '../analysis/sweep.js';
import { generationLine } from '../generation.js';
import { capitalise, displayChar, vectorLabel } from '../chars.js';
import { el } from '../dom.js';
import { fixed } from './template.js';

const d3 = window.d3;

const VIEWS = { trace, unit, intervention, sweep, bars, patch };

/** Draws a step's view into root (replacing what was there); answers the element to highlight, if any. */
export function drawView(root, view, context) {
  root.replaceChildren();
  if (!view) return null;
  const draw = VIEWS[view.kind];
  if (!draw) throw new Error(`a tour asked for an unknown view '${view.kind}'`);
  root.dataset.view = view.kind;
  const target = draw(root, view, context);
  if (target) target.classList.add('tour-highlight');
  return target;
}

function panel(root, className = '') {
  return root.appendChild(el('section', `panel ${className}`.trim()));
}

function trace(root, view, { model }) {
  const box = panel(root, 'panel-heatmap');
  box.id = 'tour-trace';
  const traceView = new TraceView(box, {
    prefer: ['cell', 'hidden'], cellScale: view.scale || 'fixed',
    ids: { units: 'tour-heatmap', unitCanvas: 'tour-unit-heatmap', legend: 'tour-legend', vector: 'tour-vector', layer: 'tour-layer', cellScale: 'tour-cell-scale' },
    units: { showChars: true, label: 'Units by timestep', viewHeight: 420 },
    probs: { showChars: true, rowHeight: 14, maxHeight: 120 },
    title: (v) => (v.matrix ? `${capitalise(vectorLabel(v.vector))} · layer ${v.layer + 1} · ${view.caption || `${v.traces.length} test sequences`}` : 'Units'),
  });
  traceView.setModel(model, { layer: view.layer ?? 0, vector: view.vector || 'cell' });
  const labels = view.labels || (view.traces || []).map((_, i) => `test #${i + 1}`);
  traceView.setTraces(view.traces || [], { fromInput: false, seqLabels: labels });
  if (Number.isInteger(view.select)) {
    traceView.setRowMarks([view.select]);
    traceView.revealUnit(view.select);
    traceView.units.canvas.dataset.selected = String(view.select);
  }
  return view.highlight === 'row' || view.highlight === 'map' ? box.querySelector('.heatmap-slot') : null;
}

/** The series a unit chart can draw: a recorded vector, or tanh of the cell state. */
const SERIES = {
  cell: { label: 'cell state c', color: '#0877bd' },
  tanh_cell: { label: 'tanh(c)', color: '#7bb3e0' },
  hidden: { label: 'hidden state h = o · tanh(c)', color: '#f59322' },
};

function unit(root, view) {
  const box = panel(root);
  box.id = 'tour-unit';
  const vectors = view.vectors || ['cell', 'hidden'];
  box.append(el('h2', 'panel-title', `Layer ${view.layer + 1}, unit ${view.unit}`));
  const slot = box.appendChild(el('div', 'chart-slot'));
  const chars = [];
  const points = Object.fromEntries(vectors.map((v) => [v, []]));
  const bands = [];
  for (const tr of view.traces || []) {
    const layer = tr.layers?.[view.layer];
    const from = chars.length;
    // timestep 0 reads the start token; the probes and the chart start at the first character
    for (let t = 1; t < tr.input.length; t++) {
      const x = chars.length;
      chars.push(tr.input[t]);
      for (const v of vectors) {
        const recorded = layer?.vectors?.[v === 'tanh_cell' ? 'cell' : v];
        const value = recorded ? recorded[t][view.unit] : null;
        points[v].push({ x, y: value === null ? null : v === 'tanh_cell' ? Math.tanh(value) : value });
      }
    }
    for (const v of vectors) points[v].push({ x: chars.length - 0.5, y: null });
    bands.push({ from, to: chars.length });
  }
  const chart = new LineChart(slot, {
    height: 240,
    series: vectors.map((v) => ({ key: v, label: SERIES[v]?.label ?? vectorLabel(v), color: SERIES[v]?.color ?? '#555' })),
    xLabel: 'character read', yInclude: [-1, 1], yFormat: d3.format('.2f'), xFormat: d3.format('d'),
    xDomain: [-0.5, Math.max(0.5, chars.length - 0.5)],
    readoutLabel: (x) => (x >= 0 && x < chars.length ? `‘${displayChar(chars[x])}’` : ''),
  });
  chart.setData(points, bands);
  box.append(el('p', 'hint', `The characters read: ${chars.map(displayChar).join('')}`));
  return view.highlight === 'chart' ? slot : null;
}

function intervention(root, view, { model }) {
  const box = panel(root, 'panel-analysis');
  box.id = 'tour-intervention';
  const shown = new InterventionPanel(box, { model, state: { iv: '' } });
  shown.output = box;
  shown.render(view.result);
  return view.highlight === 'generations' ? box.querySelector('.intervention-generations') : box.querySelector('.intervention-accuracy');
}

function sweep(root, view, { model, task }) {
  const box = panel(root, 'panel-analysis');
  box.id = 'tour-sweep';
  const shown = new SweepPanel(box, {
    model, task,
    // a click on a point opens its example where the playground is: the model's page
    input: { set: (text) => { window.location.href = `/models/${encodeURIComponent(model.id)}?input=${encodeURIComponent(text)}`; } },
  });
  shown.render(view.result);
  if (view.highlight === null || view.highlight === undefined) return box.querySelector('.sweep-chart');
  const point = box.querySelector(`.sweep-point[data-size='${view.highlight}']`);
  point?.classList.add('tour-ring');
  return box.querySelector('.sweep-note');
}

/** Bars of a mean per group, with the min–max range as a thin line; the groups named in highlight are ringed. */
function bars(root, view) {
  const box = panel(root);
  box.id = 'tour-bars';
  box.append(el('h2', 'panel-title', view.title || ''));
  const groups = view.groups || [];
  const labels = view.labels || groups.map((g) => displayChar(g.ch));
  const width = Math.max(320, Math.min(760, 90 * groups.length + 80));
  const height = 240;
  const m = { top: 24, right: 12, bottom: 44, left: 48 };
  const lo = Math.min(0, ...groups.map((g) => g.min));
  const hi = Math.max(view.max ?? 0, ...groups.map((g) => g.max));
  const x = d3.scaleBand().domain(labels).range([m.left, width - m.right]).padding(0.3);
  const y = d3.scaleLinear().domain([lo, hi]).nice().range([height - m.bottom, m.top]);
  const svg = d3.select(box).append('svg').attr('class', 'tour-bars').attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width).attr('height', height).attr('role', 'img').attr('aria-label', view.title || 'mean by group');
  svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(d3.axisBottom(x));
  svg.append('g').attr('transform', `translate(${m.left},0)`).call(d3.axisLeft(y).ticks(5));
  const marked = new Set(view.highlight || []);
  groups.forEach((g, i) => {
    const bar = svg.append('g').attr('class', `tour-bar${marked.has(labels[i]) ? ' tour-marked' : ''}`).attr('data-label', labels[i]);
    bar.append('rect').attr('x', x(labels[i])).attr('width', x.bandwidth())
      .attr('y', y(Math.max(0, g.mean))).attr('height', Math.abs(y(g.mean) - y(0)))
      .attr('class', `tour-bar-mean${marked.has(labels[i]) ? ' tour-ring' : ''}`);
    bar.append('line').attr('x1', x(labels[i]) + x.bandwidth() / 2).attr('x2', x(labels[i]) + x.bandwidth() / 2)
      .attr('y1', y(g.min)).attr('y2', y(g.max)).attr('class', 'tour-bar-range');
    bar.append('text').attr('x', x(labels[i]) + x.bandwidth() / 2).attr('y', y(Math.max(0, g.mean)) - 4).attr('text-anchor', 'middle')
      .attr('class', 'tour-bar-value').text(fixed(g.mean, 2));
    bar.append('title').text(`${labels[i]}: mean ${fixed(g.mean, 3)} over ${g.count} timesteps (${fixed(g.min, 2)} to ${fixed(g.max, 2)})`);
  });
  box.append(el('p', 'hint', view.caption || 'Bars: the mean; thin lines: from the smallest to the largest value.'));
  return svg.node();
}

function patch(root, view) {
  const box = panel(root);
  box.id = 'tour-patch';
  const r = view.result;
  box.append(el('h2', 'panel-title', view.title || 'Patching'));
  const lines = el('div', 'generation tour-patch-lines');
  lines.append(
    generationLine('Base', r.base, r.baseRun.text, -1, 'model'),
    generationLine('Source', r.source, r.sourceRun.text, -1, 'expected'),
    generationLine('Patched', r.base, r.patchedRun.text, r.patchedRun.text === r.baseRun.text ? -1 : 0, 'intervened'));
  box.append(lines);
  if (view.caption) box.append(el('p', 'hint', view.caption));
  return lines;
}
