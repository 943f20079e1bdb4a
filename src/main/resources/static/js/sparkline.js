/**
 * A small SVG line plot without axes, for table cells: a few lines over a given x and y domain (so plots in one
 * column compare), an optional vertical mark (e.g. where 100% was first reached). Drawn with D3, text via .text().
 */
const d3 = window.d3;

export class Sparkline {
  /** options: {width, height, xDomain: [lo, hi], yDomain: [lo, hi], color, label (accessible summary)} */
  constructor(container, options = {}) {
    this.opts = { width: 150, height: 34, xDomain: [0, 1], yDomain: [0, 1], color: '#0877bd', label: '', ...options };
    this.svg = d3.create('svg').attr('class', 'sparkline').attr('width', this.opts.width).attr('height', this.opts.height)
      .attr('viewBox', `0 0 ${this.opts.width} ${this.opts.height}`).attr('role', 'img');
    this.svg.append('title').text(this.opts.label);
    container.append(this.svg.node());
  }

  /** lines: [[{x, y}]]; mark: an x to draw a dashed rule at, or null. */
  setData(lines, mark = null) {
    const { width, height, xDomain, yDomain, color } = this.opts;
    const x = d3.scaleLinear().domain(xDomain).range([1, width - 1]).clamp(true);
    const y = d3.scaleLinear().domain(yDomain).range([height - 2, 2]).clamp(true);
    this.svg.selectAll(':not(title)').remove();
    this.svg.attr('data-lines', String(lines.length));
    this.svg.append('line').attr('class', 'sparkline-base').attr('x1', 1).attr('x2', width - 1).attr('y1', y(yDomain[0])).attr('y2', y(yDomain[0]));
    this.svg.append('line').attr('class', 'sparkline-top').attr('x1', 1).attr('x2', width - 1).attr('y1', y(yDomain[1])).attr('y2', y(yDomain[1]));
    if (mark !== null && Number.isFinite(mark)) {
      this.svg.append('line').attr('class', 'sparkline-mark').attr('x1', x(mark)).attr('x2', x(mark)).attr('y1', 0).attr('y2', height);
    }
    const line = d3.line().defined((p) => Number.isFinite(p.y)).x((p) => x(p.x)).y((p) => y(p.y));
    for (const points of lines) {
      if (!points.length) continue;
      this.svg.append('path').attr('class', 'sparkline-line').attr('fill', 'none').attr('stroke', color).attr('d', line(points));
    }
  }
}
