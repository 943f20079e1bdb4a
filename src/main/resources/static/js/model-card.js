/**
 * One model in the gallery: task, architecture, accuracies, a small heat-map thumbnail of its cell state on a
 * few test sequences, and a progress bar while it trains. The whole card links to the network view.
 * Events: 'delete' {id}.
 */
import { Emitter } from './emitter.js';
import { Heatmap } from './heatmap.js';
import { orderRows, rowVariances } from './row-order.js';
import { ProgressBar } from './progress.js';
import { architecture, inLine, modelTitle, percent, stoppedAt, taskLabel, vectorLabel } from './chars.js';
import { tourHref } from './tours/index.js';

/** A model with more units than this shows only its THUMBNAIL_ROWS most varying: more rows would be a blur. */
const LARGE_MODEL_UNITS = 64;
const THUMBNAIL_ROWS = 16;

export class ModelCard extends Emitter {
  /** deletable: show a Delete button (the browser made the model, or holds the instructor's token). */
  constructor(container, model, description = '', { deletable = false } = {}) {
    super();
    this.description = description;
    this.deletable = deletable;
    this.root = document.createElement('article');
    this.root.className = 'model-card';
    container.append(this.root);
    this.thumbnail = null;
    this.progress = null;
    this.set(model);
  }

  set(model) {
    this.model = model;
    const r = this.root;
    r.dataset.modelId = model.id;
    r.dataset.status = model.status;
    r.dataset.gallery = String(!!model.gallery);
    r.classList.toggle('is-training', model.status === 'training');

    const head = document.createElement('div');
    head.className = 'card-head';
    const title = document.createElement('h3');
    title.className = 'card-title';
    const a = document.createElement('a');
    a.href = `/models/${encodeURIComponent(model.id)}`;
    a.className = 'card-link';
    a.textContent = modelTitle(model);
    title.append(a);
    const chip = document.createElement('span');
    chip.className = `status-chip status-${model.status}`;
    chip.textContent = model.status === 'cancelled' ? 'stopped' : model.status;
    head.append(title, chip);

    const arch = document.createElement('div');
    arch.className = 'card-arch';
    arch.textContent = model.gallery ? architecture(model) : `${model.task ? `${taskLabel(model.task)} · ` : ''}${architecture(model)}`;

    const about = document.createElement('p');
    about.className = 'card-about';
    about.textContent = this.description;
    about.hidden = !this.description;

    const thumb = document.createElement('div');
    thumb.className = 'card-thumb';
    this.thumbSlot = thumb;
    this.thumbCaption = document.createElement('div');
    this.thumbCaption.className = 'card-thumb-caption';

    const stats = document.createElement('div');
    stats.className = 'card-stats';
    if (model.datasetKind) {
      // a language model: next-character accuracy, and the bits per character beside it
      stats.append(stat('next-character accuracy', model.testAccuracy));
      const bits = document.createElement('div');
      bits.className = 'stat stat-bits';
      bits.textContent = Number.isFinite(model.bitsPerCharacter) ? `${model.bitsPerCharacter.toFixed(2)} bits per character` : '';
      stats.append(bits);
    } else {
      stats.append(stat('test accuracy', model.testAccuracy), stat('generalisation', model.generalizationAccuracy));
    }
    this.note = document.createElement('p');
    this.note.className = 'card-note';
    this.note.hidden = true;

    const parts = [head, arch, about, thumb, this.thumbCaption, stats, this.note];
    const tour = model.traceable ? tourHref(model) : null;
    if (tour) {
      const take = document.createElement('a');
      take.href = tour;
      take.className = 'button button-small card-tour';
      take.textContent = 'Take the tour →';
      take.title = 'A guided walk through what this model computes, every number computed from it';
      parts.push(take);
    }
    this.progress = null;
    if (model.status === 'training') {
      const slot = document.createElement('div');
      slot.className = 'card-progress';
      this.progress = new ProgressBar(slot);
      this.setProgress(model.progress);
      parts.push(slot);
    }
    const stopped = model.traceable ? stoppedAt(model) : '';
    if (stopped) {
      const note = document.createElement('div');
      note.className = 'card-stopped';
      note.textContent = stopped.charAt(0).toUpperCase() + stopped.slice(1);
      parts.push(note);
    }
    if (model.error && !stopped) {
      const error = document.createElement('div');
      error.className = 'card-error';
      error.textContent = model.error;
      parts.push(error);
    }
    if (!model.gallery && this.deletable) {
      const foot = document.createElement('div');
      foot.className = 'card-foot';
      const when = document.createElement('span');
      when.className = 'card-date';
      when.textContent = model.createdAt ? new Date(model.createdAt).toLocaleString() : '';
      const del = document.createElement('button');
      del.type = 'button';
      del.className = 'button button-small button-quiet card-delete';
      del.textContent = 'Delete';
      del.title = `Delete ${model.id}`;
      del.addEventListener('click', () => this.emit('delete', { id: model.id }));
      foot.append(when, del);
      parts.push(foot);
    }
    r.replaceChildren(...parts);
    this.thumbnail = null;
    if (!model.traceable) {
      this.thumbSlot.classList.add('empty');
      this.thumbSlot.textContent = model.status === 'training' ? 'learning…' : 'no weights';
    }
    if (model.status === 'training' && !model.progress) this.setQueue(model.queue);
  }

  /** A queued training's place in line ("3rd in line, about 20 s"). */
  setQueue(place) {
    if (!this.progress) return;
    this.progress.set(0, inLine(place), 'queued');
    this.root.dataset.queuePosition = place ? String(place.position) : '';
  }

  /** A sentence under the stats, with a link (e.g. the unit the probes found, and the text view). */
  setNote(text, href = null, linkText = '') {
    this.note.replaceChildren(document.createTextNode(text));
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.className = 'card-note-link';
      a.textContent = linkText;
      this.note.append(document.createTextNode(' '), a);
    }
    this.note.hidden = !text;
  }

  setProgress(progress) {
    if (!this.progress) return;
    if (!progress) { this.setQueue(this.model.queue); return; }
    delete this.root.dataset.queuePosition;
    const acc = progress.testAccuracy === null || progress.testAccuracy === undefined ? '' : ` · test ${percent(progress.testAccuracy)}`;
    this.progress.set(progress.fraction, `${Math.round(progress.elapsedSeconds ?? 0)} s · loss ${fmt(progress.loss)}${acc}`);
  }

  /**
   * matrix from trace-data.unitMatrix, scale from colors.js. A model with more units than the thumbnail has rows
   * shows its most varying units over these sequences, and the caption says so.
   */
  setThumbnail(matrix, scale, vector) {
    this.thumbSlot.classList.remove('empty');
    this.thumbSlot.replaceChildren();
    this.thumbnail = new Heatmap(this.thumbSlot, { fit: true, labelWidth: 0, rowHeight: 7, maxHeight: 84, cellText: 'none', label: `${vectorLabel(vector)} thumbnail` });
    this.thumbnail.setData({ ...matrix, scales: scale });
    const sequences = `${matrix.starts.length} test sequences`;
    if (matrix.rows > LARGE_MODEL_UNITS) {
      this.thumbnail.setRowOrder(orderRows(matrix.rows, 'variance', rowVariances(matrix.values, matrix.rows, matrix.cols), THUMBNAIL_ROWS));
      this.thumbCaption.textContent = `${vectorLabel(vector)}, layer 1: the ${THUMBNAIL_ROWS} most varying of ${matrix.rows} units, ${sequences}`;
    } else {
      this.thumbCaption.textContent = `${vectorLabel(vector)}, layer 1, ${sequences}`;
    }
  }

  thumbnailFailed(message) {
    this.thumbSlot.classList.add('empty');
    this.thumbSlot.textContent = message;
  }
}

function stat(label, value) {
  const wrap = document.createElement('div');
  wrap.className = 'stat';
  const v = document.createElement('div');
  v.className = 'stat-value';
  v.textContent = percent(value);
  const bar = document.createElement('div');
  bar.className = 'stat-bar';
  const fill = document.createElement('div');
  fill.className = 'stat-fill';
  fill.style.width = `${Math.round((value ?? 0) * 100)}%`;
  bar.append(fill);
  const l = document.createElement('div');
  l.className = 'stat-label';
  l.textContent = label;
  wrap.title = `${label} accuracy`;
  wrap.append(v, bar, l);
  return wrap;
}

function fmt(value) {
  return Number.isFinite(value) ? value.toFixed(3) : '—';
}
