/** Colour legend for a heat map: the gradient, its fixed domain, what the ends mean, and any caveat. */
export class Legend {
  constructor(container) {
    this.root = document.createElement('div');
    this.root.className = 'legend';
    container.append(this.root);
    this.scale = null;
    this.title = '';
  }

  setScale(scale, title = '') {
    this.scale = scale;
    this.title = title;
    this.draw();
  }

  draw() {
    const scale = this.scale;
    if (!scale) { this.root.replaceChildren(); return; }
    const [lo, hi] = scale.domain;
    const title = span('legend-title', this.title);
    const bar = document.createElement('div');
    bar.className = 'legend-bar';
    const canvas = document.createElement('canvas');
    canvas.className = 'legend-gradient';
    canvas.width = 256;
    canvas.height = 1;
    canvas.dataset.scale = scale.name;
    const ctx = canvas.getContext('2d');
    scale.fills.forEach((fill, i) => { ctx.fillStyle = fill; ctx.fillRect(i, 0, 1, 1); });
    const ticks = document.createElement('div');
    ticks.className = 'legend-ticks';
    // a scale may name its ends in words (a per-unit scale has no one number there)
    const labels = scale.ticks || [lo, (lo + hi) / 2, hi].map(number);
    ticks.append(...labels.map((label) => span('', label)));
    bar.append(canvas, ticks);
    const parts = [title, bar];
    if (scale.note) parts.push(span('legend-note', scale.note));
    this.root.title = scale.explain || `${scale.low} = ${number(lo)}, ${scale.high} = ${number(hi)}; fixed domain, same for every unit and model`;
    this.root.replaceChildren(...parts);
  }
}

function span(className, text) {
  const el = document.createElement('span');
  if (className) el.className = className;
  el.textContent = text;
  return el;
}

function number(value) {
  return value < 0 ? `−${Math.abs(value)}` : String(value);
}
