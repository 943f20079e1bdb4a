/** Progress bar with a caption; fraction in [0, 1]. */
export class ProgressBar {
  constructor(container) {
    this.root = document.createElement('div');
    this.root.className = 'progress';
    this.bar = document.createElement('div');
    this.bar.className = 'progress-bar';
    this.bar.setAttribute('role', 'progressbar');
    this.bar.setAttribute('aria-valuemin', '0');
    this.bar.setAttribute('aria-valuemax', '100');
    this.fill = document.createElement('div');
    this.fill.className = 'progress-fill';
    this.bar.append(this.fill);
    this.caption = document.createElement('div');
    this.caption.className = 'progress-caption';
    this.root.append(this.bar, this.caption);
    container.append(this.root);
    this.set(0, '');
  }

  set(fraction, caption, state = 'running') {
    const pct = Math.round(Math.max(0, Math.min(1, fraction || 0)) * 100);
    this.fill.style.width = `${pct}%`;
    this.bar.setAttribute('aria-valuenow', String(pct));
    this.root.dataset.state = state;
    this.root.dataset.percent = String(pct);
    this.caption.textContent = caption;
  }
}
