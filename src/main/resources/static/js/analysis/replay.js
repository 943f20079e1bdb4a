/** Training replay: the playground input traced with each training snapshot; a slider moves through training time. */
import { analysisApi } from '../api.js';
import { Heatmap } from '../heatmap.js';
import { scaleFor } from '../colors.js';
import { START_TOKEN, percent, vectorLabel } from '../chars.js';
import { unitMatrix } from '../trace-data.js';
import { button, el, fmt, message, status } from '../dom.js';
import { Panel } from './shared.js';

export class ReplayPanel extends Panel {
  /** Its slice of the page URL: the snapshot shown (−1: the last). */
  static url = { snap: { type: 'int', default: -1, min: -1 } };

  constructor(root, ctx) {
    super(root, ctx);
    this.key = null;
    this.timer = 0;
  }

  open() { this.refresh(); }

  inputChanged() { this.refresh(); }

  viewChanged() { this.key = null; this.refresh(); }

  async refresh() {
    const input = `${START_TOKEN}${this.ctx.input.text() || this.ctx.input.example()}`;
    const layer = this.ctx.view.layer;
    const key = `${input}|${layer}`;
    if (key === this.key) { this.draw(); return; }
    this.key = key;
    status(this.root, 'loading', 'Tracing the input with every training snapshot…');
    try {
      const replay = await analysisApi.replay(this.ctx.model.id, input, layer);
      this.replay = replay;
      this.build();
    } catch (err) {
      this.key = null;
      status(this.root, 'error', `Could not replay training: ${message(err)}`);
    }
  }

  build() {
    const replay = this.replay;
    if (!replay.frames.length) {
      const box = el('p', 'empty-state', `No replay for this model: ${replay.note || 'it has no training snapshots'}.`);
      box.id = 'replay-empty';
      this.root.replaceChildren(box);
      return;
    }
    const n = replay.frames.length;
    let index = this.ctx.state.snap >= 0 && this.ctx.state.snap < n ? this.ctx.state.snap : n - 1;
    this.slider = el('input', 'replay-slider');
    this.slider.type = 'range';
    this.slider.id = 'replay-slider';
    this.slider.min = '0';
    this.slider.max = String(n - 1);
    this.slider.value = String(index);
    this.slider.setAttribute('aria-label', 'Training time');
    this.readout = el('span', 'replay-readout');
    this.readout.id = 'replay-readout';
    const play = button('▶ play', 'button button-small', () => {
      if (this.timer) { this.stop(play); return; }
      play.textContent = '❚❚ pause';
      if (Number(this.slider.value) >= n - 1) this.slider.value = '0';
      this.timer = setInterval(() => {
        const next = Number(this.slider.value) + 1;
        if (next >= n) { this.stop(play); return; }
        this.slider.value = String(next);
        this.show(next);
      }, 450);
    });
    this.slider.addEventListener('input', () => this.show(Number(this.slider.value)));
    const controls = el('div', 'replay-controls');
    controls.append(play, this.slider, this.readout);
    this.slot = el('div', 'heatmap-slot');
    this.heatmap = new Heatmap(this.slot, { label: 'Units over training time', maxHeight: 300 });
    this.root.replaceChildren(el('p', 'analysis-intro',
      `${n} snapshots kept while this model trained. Drag the slider to watch the units of layer ${this.ctx.view.layer + 1} form `
      + 'on the playground input (or a task example).'), controls, this.slot);
    this.show(index);
  }

  stop(play) {
    clearInterval(this.timer);
    this.timer = 0;
    play.textContent = '▶ play';
  }

  draw() { if (this.slider) this.show(Number(this.slider.value)); }

  show(index) {
    const frame = this.replay.frames[index];
    this.ctx.state.snap = index;
    this.ctx.sync();
    const vector = this.ctx.view.vector || 'hidden';
    const matrix = unitMatrix([frame.trace], this.ctx.view.layer, vector);
    this.heatmap.setData({ ...matrix, scales: scaleFor(vector), seqLabels: [`after ${frame.sequences} training sequences`] });
    this.readout.textContent = `snapshot ${index + 1} of ${this.replay.frames.length} · step ${frame.step} · `
      + `${frame.sequences} sequences · test accuracy ${percent(frame.testAccuracy)} · loss ${fmt(frame.loss, 3)} · ${vectorLabel(vector)}`;
  }
}
