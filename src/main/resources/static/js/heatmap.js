/**
 * Canvas heat map: rows (units, vectors or vocabulary characters) × columns (timesteps of one or more
 * sequences, a small gap between sequences). Each square can carry the character read at that timestep,
 * as in Edwin Chen's LSTM explorer. Only the visible columns are painted, so thousands of timesteps scroll smoothly.
 *
 * Events: 'hover' {row, col} (−1 when the pointer leaves), 'select' {row}, 'scroll' scrollLeft.
 * Pages give it data (setData) and state (setSelectedRow, setRowMarks, setRowOrder, setHoverColumn, setShowChars);
 * draw() paints it in passes: cells, markers, sequence labels, hover, selection, row labels.
 *
 * Rows are always named by their index in the data: setRowOrder(rows) shows those rows in that order (a sorted or
 * filtered subset), and hover, select and the tooltip still speak of data rows. With viewHeight set, a map taller
 * than that scrolls vertically too, and only the rows in view are painted: 512 units × 2,000 timesteps paint as
 * few squares as fit on the screen.
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
  viewHeight: null,     // pixels of rows shown at once; taller maps scroll vertically (null: show every row)
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
    this.rowMarks = new Set();
    this.order = null;      // data rows in display order; null: all, in data order
    this.displayOf = new Int32Array(0);  // data row → display position, −1 when not shown
    this.shown = 0;         // rows shown
    this.viewRows = false;  // whether the rows scroll vertically (taller than opts.viewHeight)
    this.viewHeight = 0;
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
    let lastLeft = 0;
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      if (this.scroller.scrollLeft !== lastLeft) this.emit('scroll', (lastLeft = this.scroller.scrollLeft));
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
    this.canvas.dataset.cols = String(data ? data.cols : 0);
    if (this.selectedRow >= (data ? data.rows : 0)) this.selectedRow = -1;
    if (this.order && data && this.order.some((r) => r >= data.rows)) this.order = null;
    this._indexRows();
    this._layout();
    this.draw();
  }

  /**
   * Shows these data rows, in this order (null: every row in data order). The canvas says which in
   * data-row-order, for tests and tools.
   */
  setRowOrder(rows) {
    this.order = rows ? Int32Array.from(rows) : null;
    this._indexRows();
    this._layout();
    this.draw();
  }

  /** Data rows in display order. */
  get shownRows() { return this.order ? Array.from(this.order) : Array.from({ length: this.data ? this.data.rows : 0 }, (_, r) => r); }

  /** Scrolls so that a data row is in view (vertically), when it is shown. */
  scrollToRow(row) {
    const at = this.displayOf && row >= 0 && row < this.displayOf.length ? this.displayOf[row] : -1;
    if (at < 0 || !this.viewRows) return;
    const top = at * this.rh, visible = this.viewHeight - this.header;
    if (top < this.scroller.scrollTop || top + this.rh > this.scroller.scrollTop + visible)
      this.scroller.scrollTop = Math.max(0, top - visible / 2);
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

  /** Marks rows with a ● before their label (e.g. the units an analysis picked); new data keeps the marks. */
  setRowMarks(rows) {
    this.rowMarks = new Set(rows);
    this.canvas.dataset.marks = [...this.rowMarks].sort((a, b) => a - b).join(',');
    this.schedule();
  }

  /** Highlights a column from outside (e.g. the hovered timestep of a companion heat map). */
  setHoverColumn(col) {
    if (this.externalHoverCol === col) return;
    this.externalHoverCol = col;
    this.canvas.dataset.hoverCol = String(col);
    this.schedule();
  }

  get scrollLeft() { return this.scroller.scrollLeft; }
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

  _indexRows() {
    const rows = this.data ? this.data.rows : 0;
    this.displayOf = new Int32Array(rows).fill(-1);
    if (this.order) this.order.forEach((r, i) => { if (r < rows) this.displayOf[r] = i; });
    else for (let r = 0; r < rows; r++) this.displayOf[r] = r;
    this.shown = this.order ? this.order.length : rows;
    this.canvas.dataset.rows = String(this.shown);
    this.canvas.dataset.rowOrder = this.order ? Array.from(this.order.slice(0, 64)).join(',') : '';
  }

  /** The data row at a display position. */
  _rowAt(i) { return this.order ? this.order[i] : i; }

  _layout() {
    const d = this.data;
    const o = this.opts;
    const cols = d ? d.cols : 0;
    const rows = d ? this.shown : 0;
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
    // taller than viewHeight: the rows scroll inside the map, and the canvas stays the view's height
    this.viewRows = !o.fit && o.viewHeight && this.height > o.viewHeight;
    this.viewHeight = this.viewRows ? o.viewHeight : this.height;
    this.scroller.style.maxHeight = this.viewRows ? `${o.viewHeight}px` : '';
    this.scroller.style.overflowY = this.viewRows ? 'auto' : '';
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

  /** The square under a pointer event: {row, col} (−1 outside), inLabel in the row-label gutter. */
  hitTest(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    const at = Math.floor((y - this.header + this._scrollTop()) / this.rh);
    const validRow = this.data && y >= this.header && at >= 0 && at < this.shown;
    const row = validRow ? this._rowAt(at) : -1;
    if (x < this.opts.labelWidth) return { x, y, row: validRow ? row : -1, col: -1, inLabel: true };
    const col = this._colAt(x - this.opts.labelWidth + this.scroller.scrollLeft);
    return { x, y, row: validRow ? row : -1, col: validRow ? col : -1, inLabel: false };
  }

  // ---- pointer ----

  _pointer(event) {
    const hit = this.hitTest(event);
    const changed = hit.row !== this.hoverRow || hit.col !== this.hoverCol;
    this.hoverRow = hit.row;
    this.hoverCol = hit.col;
    this.canvas.style.cursor = this.opts.clickableRows && hit.row >= 0 ? 'pointer' : 'default';
    if (hit.row >= 0 && hit.col >= 0) this._showTip(hit);
    else if (hit.row >= 0 && hit.inLabel && this.opts.clickableRows) this._showTip(hit, [`${this.rowLabel(hit.row)} — click to open`]);
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
    const hit = this.hitTest(event);
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

  // ---- painting: one pass per layer of the picture, each reading the frame geometry ----

  draw() {
    if (this.opts.fit) this._layout();
    const f = this._frameGeometry();
    const ctx = this.ctx;
    ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
    ctx.clearRect(0, 0, f.width, f.height);
    const d = this.data;
    if (!d || !this.shown || !d.cols) { this._paintMessage(f); return; }
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, this.header, f.width - f.left, f.height - this.header);
    ctx.clip();
    this._paintCells(f);
    this._paintMarkers(f);
    ctx.restore();
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, 0, f.width - f.left, f.height);
    ctx.clip();
    this._paintSequenceLabels(f);
    this._paintHover(f);
    this._paintSelection(f);
    ctx.restore();
    this._paintRowLabels(f);
  }

  /** Sizes the canvas to the view and returns what every pass needs: size, scroll, visible columns, square size. */
  _frameGeometry() {
    const o = this.opts;
    const dpr = window.devicePixelRatio || 1;
    const width = this._viewWidth();
    const height = Math.max(this.viewHeight, this.data && this.shown ? 0 : 40);
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const scroll = o.fit ? 0 : this.scroller.scrollLeft;
    const left = o.labelWidth;
    const top = this._scrollTop();
    const f = { dpr, width, height, scroll, top, left, cw: this.cw, rh: this.rh, first: 0, last: -1, firstRow: 0, lastRow: -1 };
    f.padX = f.cw >= 8 ? 1 : 0;
    f.padY = f.rh >= 10 ? 1 : 0;
    if (this.data && this.data.cols) {
      f.first = Math.max(0, this._firstVisible(scroll));
      f.last = f.first;
      while (f.last + 1 < this.data.cols && left + this.colX[f.last + 1] - scroll <= width) f.last++;
      f.firstRow = Math.max(0, Math.floor(top / this.rh));
      f.lastRow = Math.min(this.shown - 1, Math.floor((top + height - this.header) / this.rh));
    }
    return f;
  }

  _x(f, col) { return f.left + this.colX[col] - f.scroll; }

  /** Top of the row at display position i. */
  _y(f, i) { return this.header + i * this.rh - f.top; }

  _scrollTop() { return this.viewRows ? this.scroller.scrollTop : 0; }

  _paintMessage(f) {
    const ctx = this.ctx;
    const d = this.data;
    ctx.fillStyle = '#888';
    ctx.font = '13px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText(d ? (d.message || 'Nothing to show.') : 'Loading…', this.opts.fit ? 8 : f.left, 20);
  }

  /** The coloured squares, each with the character read at its timestep where there is room. */
  _paintCells(f) {
    const ctx = this.ctx;
    const d = this.data;
    const scales = Array.isArray(d.scales) ? d.scales : null;
    const text = this.showChars && this.opts.cellText === 'char' && f.cw >= 9 && f.rh >= 13;
    if (text) {
      ctx.font = `${Math.min(13, f.rh - 5)}px ui-monospace, "DejaVu Sans Mono", Menlo, monospace`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
    }
    const w = f.cw - f.padX;
    const h = f.rh - f.padY;
    for (let c = f.first; c <= f.last; c++) {
      const x = this._x(f, c);
      const ch = text ? displayChar(d.chars[c]) : '';
      for (let i = f.firstRow; i <= f.lastRow; i++) {
        const r = this._rowAt(i);
        const v = d.values[r * d.cols + c];
        const scale = scales ? scales[r] : d.scales;
        const y = this._y(f, i);
        ctx.fillStyle = scale.fill(v);
        ctx.fillRect(x, y, w, h);
        if (text) {
          ctx.fillStyle = scale.ink(v);
          ctx.fillText(ch, x + w / 2, y + h / 2 + 1);
        }
      }
    }
  }

  /** A dot on the row that data.markers names for a column (what really came next). */
  _paintMarkers(f) {
    const markers = this.data.markers;
    if (!markers) return;
    const ctx = this.ctx;
    const w = f.cw - f.padX;
    const h = f.rh - f.padY;
    for (let c = f.first; c <= f.last; c++) {
      const at = markers[c] >= 0 && markers[c] < this.displayOf.length ? this.displayOf[markers[c]] : -1;
      if (at < f.firstRow || at > f.lastRow) continue;
      ctx.beginPath();
      ctx.arc(this._x(f, c) + w / 2, this._y(f, at) + h / 2, Math.max(1.5, Math.min(f.cw, f.rh) / 5), 0, 2 * Math.PI);
      ctx.fillStyle = '#f59322';
      ctx.fill();
      ctx.lineWidth = 1;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    }
  }

  _paintSequenceLabels(f) {
    const d = this.data;
    if (!this.header || !d.starts) return;
    const ctx = this.ctx;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#777';
    d.starts.forEach((start, s) => {
      if (start >= d.cols) return;
      const x = this._x(f, start);
      if (x > f.width || x + 80 < f.left) return;
      ctx.fillText(d.seqLabels ? d.seqLabels[s] : `#${s + 1}`, Math.max(f.left, x), this.header / 2);
    });
  }

  /** The hovered column, from this heat map or a companion. */
  _paintHover(f) {
    const col = this.hoverCol >= 0 ? this.hoverCol : this.externalHoverCol;
    if (col < f.first || col > f.last) return;
    const ctx = this.ctx;
    ctx.lineWidth = 2;
    ctx.strokeStyle = 'rgba(20, 20, 20, 0.75)';
    const bottom = Math.min(f.height, this._y(f, this.shown));
    ctx.strokeRect(this._x(f, col) - 1, this.header - 1, f.cw - f.padX + 2, bottom - this.header - f.padY + 2);
  }

  _paintSelection(f) {
    const at = this.selectedRow >= 0 && this.selectedRow < this.displayOf.length ? this.displayOf[this.selectedRow] : -1;
    if (at < f.firstRow || at > f.lastRow) return;
    const ctx = this.ctx;
    ctx.lineWidth = 2;
    ctx.strokeStyle = '#f59322';
    ctx.strokeRect(f.left - f.scroll + 1, this._y(f, at) - 1, this.contentWidth, f.rh - f.padY + 2);
  }

  /** Row labels, fixed on the left; marked rows (setRowMarks) carry a ●. */
  _paintRowLabels(f) {
    const ctx = this.ctx;
    const d = this.data;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, f.left, f.height);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const size = Math.min(12, Math.max(8, f.rh - 6));
    for (let i = f.firstRow; i <= f.lastRow; i++) {
      const r = this._rowAt(i);
      const active = r === this.selectedRow || r === this.hoverRow;
      if (!(f.rh >= 8 || i % 4 === 0 || active)) continue;
      ctx.font = `${active ? '600 ' : ''}${size}px system-ui, sans-serif`;
      ctx.fillStyle = r === this.selectedRow ? '#c46c00' : active ? '#0b5fa5' : '#555';
      ctx.fillText(this.rowLabel(r), f.left - 6, this._y(f, i) + f.rh / 2);
    }
  }

  /** The label of a row as drawn: its data label, with a ● when the row is marked. */
  rowLabel(row) {
    const label = this.data.rowLabels[row];
    return this.rowMarks.has(row) ? `● ${label}` : label;
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
