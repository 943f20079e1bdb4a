/**
 * SVG line chart with D3: several named series over a shared x axis, fixed or automatic y domain,
 * gaps where a point's y is null, a hover rule showing the values. Points can be appended live.
 */
import { Emitter } from './emitter.js';

const d3 = window.d3;

export class LineChart extends Emitter {
  /**
   * options: {height, series: [{key, label, color}], xLabel, yDomain: [lo, hi] or null, yInclude: [values], yFormat, xFormat,
   *           xDomain: null, bands: [{from, to}] shaded alternately (sequences)}
   */
  constructor(container, options = {}) {
    super();
    this.opts = { height: 180, series: [], xLabel: '', yDomain: null, yInclude: [], yFormat: d3.format('.2f'), xFormat: d3.format('~s'), ...options };
    this.data = new Map(this.opts.series.map((s) => [s.key, []]));
    this.bands = [];
    this.hoverX = null;
    this.root = document.createElement('div');
    this.root.className = 'linechart';
    this.keyRow = document.createElement('div');
    this.keyRow.className = 'linechart-key';
    for (const s of this.opts.series) {
      const item = document.createElement('span');
      item.className = 'linechart-key-item';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = s.color;
      const label = document.createElement('span');
      label.textContent = s.label;
      item.append(swatch, label);
      this.keyRow.append(item);
    }
    this.readout = document.createElement('span');
    this.readout.className = 'linechart-readout';
    this.keyRow.append(this.readout);
    this.svg = d3.create('svg').attr('class', 'linechart-svg').attr('height', this.opts.height);
    this.root.append(this.keyRow, this.svg.node());
    container.append(this.root);
    this.svg.on('mousemove', (event) => this._pointer(event)).on('mouseleave', () => { this.hoverX = null; this.draw(); });
    this._resizeObserver = new ResizeObserver(() => this.draw());
    this._resizeObserver.observe(this.root);
  }

  /** series: {key: [{x, y}]}; bands: [{from, to, label}] */
  setData(series, bands = []) {
    for (const s of this.opts.series) this.data.set(s.key, series[s.key] ? series[s.key].slice() : []);
    this.bands = bands;
    this.draw();
  }

  append(key, point) {
    this.data.get(key)?.push(point);
    this.schedule();
  }

  clear() {
    for (const key of this.data.keys()) this.data.set(key, []);
    this.draw();
  }

  schedule() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => { this._frame = 0; this.draw(); });
  }

  /** Puts the hover rule at x from outside (e.g. the heat map's hovered timestep). */
  setHoverX(x) {
    this.hoverX = x;
    this.schedule();
  }

  draw() {
    const o = this.opts;
    const width = Math.max(200, this.root.clientWidth || 400);
    const height = o.height;
    // the x label gets a line of its own under the tick labels, so it never covers the last tick
    const margin = { top: 8, right: 14, bottom: o.xLabel ? 36 : 26, left: 44 };
    this.svg.attr('width', width).attr('viewBox', `0 0 ${width} ${height}`);
    const all = [...this.data.values()].flat().filter((p) => p.y !== null && Number.isFinite(p.y));
    const xs = [...this.data.values()].flat().map((p) => p.x);
    const xDomain = o.xDomain || (xs.length ? d3.extent(xs) : (o.emptyXDomain || [0, 1]).slice());
    if (o.xMin !== undefined && xs.length) xDomain[0] = Math.min(o.xMin, xDomain[0]);
    if (xDomain[0] === xDomain[1]) xDomain[1] = xDomain[0] + 1;
    let yDomain = o.yDomain;
    if (!yDomain) {
      const ext = d3.extent([...all.map((p) => p.y), ...o.yInclude]);
      if (!all.length) yDomain = o.emptyYDomain || [0, 1];
      else yDomain = ext[0] === ext[1] ? [ext[0] - 1, ext[1] + 1] : ext;
    }
    const x = d3.scaleLinear().domain(xDomain).range([margin.left, width - margin.right]);
    const y = d3.scaleLinear().domain(yDomain).nice().range([height - margin.bottom, margin.top]);
    this.x = x;
    this.margin = margin;

    this.svg.selectAll('*').remove();
    const bandG = this.svg.append('g').attr('class', 'bands');
    this.bands.forEach((band, i) => {
      if (i % 2 === 1) {
        bandG.append('rect').attr('x', x(band.from - 0.5)).attr('width', Math.max(0, x(band.to - 0.5) - x(band.from - 0.5)))
          .attr('y', margin.top).attr('height', height - margin.top - margin.bottom).attr('class', 'band');
      }
    });
    this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickFormat(o.xFormat));
    this.svg.append('g').attr('class', 'axis').attr('transform', `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(Math.max(2, Math.floor(height / 40))).tickFormat(o.yFormat));
    if (y.domain()[0] < 0 && y.domain()[1] > 0) {
      this.svg.append('line').attr('class', 'zero').attr('x1', margin.left).attr('x2', width - margin.right).attr('y1', y(0)).attr('y2', y(0));
    }
    if (o.xLabel) {
      this.svg.append('text').attr('class', 'axis-label').attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 2)
        .attr('text-anchor', 'middle').text(o.xLabel);
    }
    const line = d3.line().defined((p) => p.y !== null && Number.isFinite(p.y)).x((p) => x(p.x)).y((p) => y(p.y));
    for (const s of o.series) {
      const points = this.data.get(s.key);
      if (!points.length) continue;
      this.svg.append('path').attr('class', 'line').attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', 2).attr('d', line(points));
      if (points.length === 1) {
        this.svg.append('circle').attr('cx', x(points[0].x)).attr('cy', y(points[0].y)).attr('r', 3).attr('fill', s.color);
      }
    }
    this._drawHover(y, height, margin);
  }

  _drawHover(y, height, margin) {
    if (this.hoverX === null) { this.readout.textContent = ''; return; }
    const x = this.x;
    this.svg.append('line').attr('class', 'hover-rule').attr('x1', x(this.hoverX)).attr('x2', x(this.hoverX))
      .attr('y1', margin.top).attr('y2', height - margin.bottom);
    const parts = [];
    for (const s of this.opts.series) {
      const points = this.data.get(s.key);
      const p = nearest(points, this.hoverX);
      if (!p || p.y === null) continue;
      this.svg.append('circle').attr('cx', x(p.x)).attr('cy', y(p.y)).attr('r', 3.5).attr('fill', s.color).attr('stroke', '#fff');
      parts.push(`${s.label} ${this.opts.yFormat(p.y)}`);
    }
    const label = this.opts.readoutLabel ? this.opts.readoutLabel(this.hoverX) : `${this.opts.xLabel || 'x'} ${this.opts.xFormat(this.hoverX)}`;
    this.readout.textContent = parts.length ? `${label} · ${parts.join(' · ')}` : '';
  }

  _pointer(event) {
    const [px] = d3.pointer(event);
    if (!this.x || px < this.margin.left) return;
    const xv = this.x.invert(px);
    this.hoverX = xv;
    const any = [...this.data.values()].find((points) => points.length);
    if (any) this.hoverX = nearest(any, xv).x;
    this.draw();
    this.emit('hover', this.hoverX);
  }
}

function nearest(points, xv) {
  if (!points.length) return null;
  const i = d3.bisector((p) => p.x).center(points, xv);
  return points[Math.max(0, Math.min(points.length - 1, i))];
}
