/**
 * Canvas heat map: rows (units, vectors or vocabulary characters) × columns (timesteps of one or more
 * sequences, a small gap between sequences). Each square can carry the character read at that timestep,
 * as in Edwin Chen's LSTM explorer. Only the visible columns are painted, so thousands of timesteps scroll smoothly.
 *
 * Events: 'hover' {row, col} (−1 when the pointer leaves), 'select' {row}, 'scroll' scrollLeft.
 * The canvas carries data-rows and data-cols for tests and tools.
 */
import { Emitter } from './emitter.js';
import { displayChar } from './chars.js';
import { positionOf } from './trace-data.js';

const DEFAULTS = {
  cellWidth: 15,        // column width with characters
  narrowWidth: 5,       // column width with characters hidden
  rowHeight: 20,
  minRowHeight: 6,
  maxHeight: 440,       // rows shrink to fit this many pixels
  labelWidth: 64,       // row-label gutter on the left
  gap: 8,               // pixels between sequences
  headerHeight: 16,     // sequence labels above the squares
  fit: false,           // thumbnail mode: squeeze every column into the width, no scrolling
  showChars: true,
  cellText: 'char',     // 'char': the timestep's character in each square; 'none'
  clickableRows: false,
  label: 'Heat map',
  tooltip: null,        // (row, col, value) => [lines]
};

export class Heatmap extends Emitter {
  constructor(container, options = {}) {
    super();
    this.opts = { ...DEFAULTS, ...options };
    this.data = null;
    this.selectedRow = -1;
    this.hoverRow = -1;
    this.hoverCol = -1;
    this.externalHoverCol = -1;
    this.showChars = this.opts.showChars;
    this._frame = 0;

    this.root = document.createElement('div');
    this.root.className = `heatmap${this.opts.fit ? ' heatmap-fit' : ''}`;
    this.scroller = document.createElement('div');
    this.scroller.className = 'heatmap-scroll';
    this.track = document.createElement('div');
    this.track.className = 'heatmap-track';
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'heatmap-canvas';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', this.opts.label);
    this.canvas.dataset.rows = '0';
    this.canvas.dataset.cols = '0';
    this.tip = document.createElement('div');
    this.tip.className = 'heatmap-tooltip';
    this.tip.hidden = true;
    this.track.append(this.canvas);
    this.scroller.append(this.track);
    this.root.append(this.scroller, this.tip);
    container.append(this.root);

    this.ctx = this.canvas.getContext('2d');
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      this.emit('scroll', this.scroller.scrollLeft);
    }, { passive: true });
    if (!this.opts.fit) {
      this.canvas.addEventListener('mousemove', (e) => this._pointer(e));
      this.canvas.addEventListener('mouseleave', () => this._leave());
      this.canvas.addEventListener('click', (e) => this._click(e));
    }
    this._resizeObserver = new ResizeObserver(() => this.schedule());
    this._resizeObserver.observe(this.root);
  }

  /**
   * data = {rows, cols, values: Float32Array row-major (row * cols + col), rowLabels: [string],
   *         scales: ColorScale or [ColorScale per row], chars: [string per col], starts: [first col of each sequence],
   *         markers: optional Int32Array per col (row to mark with a dot, −1 none), seqLabels: optional [string]}
   */
  setData(data) {
    this.data = data;
    this.canvas.dataset.rows = String(data ? data.rows : 0);
    this.canvas.dataset.cols = String(data ? data.cols : 0);
    if (this.selectedRow >= (data ? data.rows : 0)) this.selectedRow = -1;
    this._layout();
    this.draw();
  }

  setShowChars(show) {
    if (this.showChars === show) return;
    const centre = this._centreColumn();
    this.showChars = show;
    this._layout();
    this.scrollToColumn(centre);
    this.draw();
  }

  setSelectedRow(row) {
    this.selectedRow = row;
    this.canvas.dataset.selectedRow = String(row);
    this.schedule();
  }

  /** Highlights a column from outside (e.g. the hovered timestep of a companion heat map). */
  setHoverColumn(col) {
    if (this.externalHoverCol === col) return;
    this.externalHoverCol = col;
    this.canvas.dataset.hoverCol = String(col);
    this.schedule();
  }

  setScrollLeft(x) { this.scroller.scrollLeft = x; }
  scrollToEnd() { this.scroller.scrollLeft = this.scroller.scrollWidth; }

  scrollToColumn(col) {
    if (!this.data || col < 0) return;
    const view = this._viewWidth() - this.opts.labelWidth;
    this.scroller.scrollLeft = Math.max(0, this.colX[col] - view / 2);
  }

  schedule() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => { this._frame = 0; this.draw(); });
  }

  // ---- geometry ----

  _layout() {
    const d = this.data;
    const o = this.opts;
    const cols = d ? d.cols : 0;
    const rows = d ? d.rows : 0;
    const starts = d && d.starts && d.starts.length ? d.starts : [0];
    this.seqOf = Int32Array.from({ length: cols }, (_, c) => positionOf(starts, c).seq);
    const gaps = Math.max(0, starts.filter((s) => s > 0 && s < cols).length);
    if (o.fit) {
      const available = Math.max(40, (this.root.clientWidth || 240) - o.labelWidth);
      this.cw = cols ? Math.max(0.5, (available - gaps * 2) / cols) : 1;
      this.gap = 2;
    } else {
      this.cw = this.showChars ? o.cellWidth : o.narrowWidth;
      this.gap = o.gap;
    }
    this.colX = new Float64Array(cols + 1);
    for (let c = 0; c < cols; c++) this.colX[c] = c * this.cw + this.seqOf[c] * this.gap;
    this.colX[cols] = cols ? this.colX[cols - 1] + this.cw : 0;
    this.rh = rows ? Math.max(o.minRowHeight, Math.min(o.rowHeight, Math.floor(o.maxHeight / rows))) : o.rowHeight;
    this.header = o.fit ? 0 : o.headerHeight;
    this.contentWidth = this.colX[cols];
    this.totalWidth = o.labelWidth + this.contentWidth + (o.fit ? 0 : 6);
    this.height = this.header + rows * this.rh + (rows ? 1 : 0);
    // geometry for tests and tools that point at squares
    this.canvas.dataset.labelWidth = String(o.labelWidth);
    this.canvas.dataset.headerHeight = String(this.header);
    this.canvas.dataset.rowHeight = String(this.rh);
    this.canvas.dataset.colWidth = String(this.cw);
    this.track.style.width = o.fit ? '100%' : `${Math.ceil(this.totalWidth)}px`;
    this.track.style.height = `${Math.max(this.height, rows ? 0 : 40)}px`;
  }

  _viewWidth() {
    const width = this.scroller.clientWidth || this.root.clientWidth || 600;
    if (this.opts.fit || !this.data || !this.data.cols) return width;
    return Math.min(width, Math.ceil(this.totalWidth));
  }

  _centreColumn() {
    if (!this.data || !this.data.cols) return -1;
    const x = this.scroller.scrollLeft + (this._viewWidth() - this.opts.labelWidth) / 2;
    return this._colAt(x);
  }

  /** Column under content x (pixels from the first square), or −1 in a gap or outside. */
  _colAt(x) {
    const cols = this.data ? this.data.cols : 0;
    if (!cols || x < 0 || x >= this.colX[cols]) return -1;
    let lo = 0;
    let hi = cols - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.colX[mid] <= x) lo = mid; else hi = mid - 1;
    }
    return x < this.colX[lo] + this.cw ? lo : -1;
  }

  _hit(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const row = Math.floor((y - this.header) / this.rh);
    const validRow = this.data && y >= this.header && row >= 0 && row < this.data.rows;
    if (x < this.opts.labelWidth) return { x, y, row: validRow ? row : -1, col: -1, inLabel: true };
    const col = this._colAt(x - this.opts.labelWidth + this.scroller.scrollLeft);
    return { x, y, row: validRow ? row : -1, col: validRow ? col : -1, inLabel: false };
  }

  // ---- pointer ----

  _pointer(event) {
    const hit = this._hit(event);
    const changed = hit.row !== this.hoverRow || hit.col !== this.hoverCol;
    this.hoverRow = hit.row;
    this.hoverCol = hit.col;
    this.canvas.style.cursor = this.opts.clickableRows && hit.row >= 0 ? 'pointer' : 'default';
    if (hit.row >= 0 && hit.col >= 0) this._showTip(hit);
    else if (hit.row >= 0 && hit.inLabel && this.opts.clickableRows) this._showTip(hit, [`${this.data.rowLabels[hit.row]} — click to open`]);
    else this.tip.hidden = true;
    if (changed) {
      this.schedule();
      this.emit('hover', { row: hit.row, col: hit.col });
    }
  }

  _leave() {
    this.tip.hidden = true;
    if (this.hoverRow !== -1 || this.hoverCol !== -1) {
      this.hoverRow = -1;
      this.hoverCol = -1;
      this.schedule();
      this.emit('hover', { row: -1, col: -1 });
    }
  }

  _click(event) {
    const hit = this._hit(event);
    if (hit.row >= 0 && (hit.col >= 0 || hit.inLabel)) this.emit('select', { row: hit.row, col: hit.col });
  }

  _showTip(hit, lines) {
    const d = this.data;
    if (!lines) {
      const value = d.values[hit.row * d.cols + hit.col];
      lines = this.opts.tooltip
        ? this.opts.tooltip(hit.row, hit.col, value)
        : [`${d.rowLabels[hit.row]} · ${displayChar(d.chars[hit.col])}`, formatValue(value)];
    }
    this.tip.replaceChildren(...lines.map((line, i) => {
      const div = document.createElement('div');
      div.className = i === 0 ? 'tip-title' : 'tip-line';
      div.textContent = line;
      return div;
    }));
    this.tip.hidden = false;
    const rootRect = this.root.getBoundingClientRect();
    const canvasRect = this.canvas.getBoundingClientRect();
    const px = canvasRect.left - rootRect.left + hit.x;
    const py = canvasRect.top - rootRect.top + hit.y;
    const width = this.tip.offsetWidth;
    const left = px + 14 + width > rootRect.width ? px - 14 - width : px + 14;
    this.tip.style.left = `${Math.max(0, left)}px`;
    this.tip.style.top = `${Math.max(0, py - 8 - this.tip.offsetHeight)}px`;
  }

  // ---- painting ----

  draw() {
    if (this.opts.fit) this._layout();
    const o = this.opts;
    const dpr = window.devicePixelRatio || 1;
    const width = this._viewWidth();
    const height = Math.max(this.height, this.data && this.data.rows ? 0 : 40);
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const ctx = this.ctx;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const d = this.data;
    if (!d || !d.rows || !d.cols) {
      ctx.fillStyle = '#888';
      ctx.font = '13px system-ui, sans-serif';
      ctx.textBaseline = 'middle';
      ctx.fillText(d ? (d.message || 'Nothing to show.') : 'Loading…', o.fit ? 8 : o.labelWidth, 20);
      return;
    }

    const scroll = o.fit ? 0 : this.scroller.scrollLeft;
    const left = o.labelWidth;
    const viewContent = width - left;
    const first = Math.max(0, this._firstVisible(scroll));
    const scales = Array.isArray(d.scales) ? d.scales : null;
    const single = scales ? null : d.scales;
    const cw = this.cw;
    const rh = this.rh;
    const padX = cw >= 8 ? 1 : 0;
    const padY = rh >= 10 ? 1 : 0;
    const text = this.showChars && o.cellText === 'char' && cw >= 9 && rh >= 13;
    if (text) {
      ctx.font = `${Math.min(13, rh - 5)}px ui-monospace, "DejaVu Sans Mono", Menlo, monospace`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
    }

    ctx.save();
    ctx.beginPath();
    ctx.rect(left, 0, viewContent, height);
    ctx.clip();
    let last = first;
    for (let c = first; c < d.cols; c++) {
      const x = left + this.colX[c] - scroll;
      if (x > width) break;
      last = c;
      const ch = text ? displayChar(d.chars[c]) : '';
      for (let r = 0; r < d.rows; r++) {
        const v = d.values[r * d.cols + c];
        const scale = single || scales[r];
        const y = this.header + r * rh;
        ctx.fillStyle = scale.fill(v);
        ctx.fillRect(x, y, cw - padX, rh - padY);
        if (text) {
          ctx.fillStyle = scale.ink(v);
          ctx.fillText(ch, x + (cw - padX) / 2, y + (rh - padY) / 2 + 1);
        }
      }
      if (d.markers && d.markers[c] >= 0) {
        const y = this.header + d.markers[c] * rh;
        ctx.beginPath();
        ctx.arc(x + (cw - padX) / 2, y + (rh - padY) / 2, Math.max(1.5, Math.min(cw, rh) / 5), 0, 2 * Math.PI);
        ctx.fillStyle = '#f59322';
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#ffffff';
        ctx.stroke();
      }
    }

    // sequence labels
    if (this.header && d.starts) {
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillStyle = '#777';
      d.starts.forEach((start, s) => {
        if (start >= d.cols) return;
        const x = left + this.colX[start] - scroll;
        if (x > width || x + 80 < left) return;
        const label = d.seqLabels ? d.seqLabels[s] : `#${s + 1}`;
        ctx.fillText(label, Math.max(left, x), this.header / 2);
      });
    }

    // hovered column, from this heat map or a companion
    const hc = this.hoverCol >= 0 ? this.hoverCol : this.externalHoverCol;
    if (hc >= first && hc <= last) {
      const x = left + this.colX[hc] - scroll;
      ctx.lineWidth = 2;
      ctx.strokeStyle = 'rgba(20, 20, 20, 0.75)';
      ctx.strokeRect(x - 1, this.header - 1, cw - padX + 2, d.rows * rh - padY + 2);
    }
    // selected row
    if (this.selectedRow >= 0) {
      const y = this.header + this.selectedRow * rh;
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#f59322';
      ctx.strokeRect(left - scroll + 1, y - 1, this.contentWidth, rh - padY + 2);
    }
    ctx.restore();

    // row labels (fixed on the left)
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, left, height);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const labelFont = Math.min(12, Math.max(8, rh - 6));
    for (let r = 0; r < d.rows; r++) {
      const active = r === this.selectedRow || r === this.hoverRow;
      ctx.font = `${active ? '600 ' : ''}${labelFont}px system-ui, sans-serif`;
      ctx.fillStyle = r === this.selectedRow ? '#c46c00' : active ? '#0b5fa5' : '#555';
      if (rh >= 8 || r % 4 === 0 || active) ctx.fillText(d.rowLabels[r], left - 6, this.header + r * rh + rh / 2);
    }
  }

  _firstVisible(scroll) {
    const cols = this.data.cols;
    let lo = 0;
    let hi = cols - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.colX[mid] + this.cw < scroll) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}

export function formatValue(value) {
  if (!Number.isFinite(value)) return 'no value';
  return (value < 0 ? '−' : '') + Math.abs(value).toFixed(3);
}
