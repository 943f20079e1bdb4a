/**
 * Upload a dataset: drop a file or pick one, name it, say whether it is one text or one sequence per line,
 * see what the server will store (first lines, vocabulary, train/test split), send it with a progress bar.
 * The preview is computed here from the file; once stored, the server's own counts replace it.
 * Events: 'uploaded' Dataset, 'error' ApiError.
 */
import { Emitter } from './emitter.js';
import { ProgressBar } from './progress.js';
import { displayChar } from './chars.js';
import { datasetsApi } from './api.js';
import { serverLimits } from './limits.js';
import { el, fact, labelled } from './dom.js';
import { characters, lines as linesOf, normalize, split as splitOf } from './dataset-preview.js';

const PREVIEW_LINES = 12;
const PICK_TEXT = 'Drop a UTF-8 text file here, or click to pick one';

export class DatasetUpload extends Emitter {
  constructor(container) {
    super();
    this.file = null;
    /** The server's bounds (from /openapi.json; null until read or when it cannot be): bytes and distinct characters. */
    this.maxBytes = null;
    this.maxVocab = null;
    this.root = el('form', 'dataset-upload');
    this.root.id = 'dataset-upload';
    this.root.noValidate = true;

    this.drop = el('label', 'drop-zone');
    this.drop.id = 'drop-zone';
    this.input = document.createElement('input');
    this.input.type = 'file';
    this.input.id = 'dataset-file';
    this.input.accept = '.txt,.text,.csv,.tsv,.log,.md,.java,.py,.js,.c,.h,.json,text/*';
    this.dropText = el('span', 'drop-text', PICK_TEXT);
    this.limitsRead = serverLimits().then((limits) => {
      this.maxBytes = limits?.datasetBytes ?? null;
      this.maxVocab = limits?.datasetVocab ?? null;
      if (limits?.datasetName) this.name.maxLength = limits.datasetName;
      if (this.maxBytes !== null && !this.file) this.dropText.textContent = `${PICK_TEXT} (up to ${this.maxBytes / (1 << 20)} MB)`;
    });
    this.drop.append(this.input, this.dropText);

    const fields = el('div', 'field-grid');
    this.name = document.createElement('input');
    this.name.type = 'text';
    this.name.id = 'dataset-name';
    this.name.required = true;
    fields.append(labelled('Name', this.name, 'field'));
    this.kind = document.createElement('select');
    this.kind.id = 'dataset-kind';
    for (const [value, label] of [['text', 'text — one continuous corpus, trained in windows'],
      ['lines', 'lines — one sequence per line']]) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = label;
      this.kind.append(o);
    }
    fields.append(labelled('Kind', this.kind, 'field'));

    this.preview = el('div', 'dataset-preview');
    this.preview.id = 'dataset-preview';
    this.progressSlot = el('div', 'dataset-progress');
    this.progress = new ProgressBar(this.progressSlot);
    this.progressSlot.hidden = true;

    const actions = el('div', 'form-actions');
    this.send = el('button', 'button button-primary button-large', 'Upload');
    this.send.type = 'submit';
    this.send.id = 'upload-dataset';
    this.send.disabled = true;
    actions.append(this.send);
    this.root.append(this.drop, fields, this.preview, this.progressSlot, actions);
    container.append(this.root);

    this.input.addEventListener('change', () => { if (this.input.files[0]) this.pick(this.input.files[0]); });
    for (const type of ['dragenter', 'dragover']) {
      this.drop.addEventListener(type, (e) => { e.preventDefault(); this.drop.classList.add('dragging'); });
    }
    for (const type of ['dragleave', 'drop']) {
      this.drop.addEventListener(type, () => this.drop.classList.remove('dragging'));
    }
    this.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      const file = e.dataTransfer?.files?.[0];
      if (file) this.pick(file);
    });
    this.kind.addEventListener('change', () => this.showPreview());
    this.root.addEventListener('submit', (e) => { e.preventDefault(); this.upload(); });
  }

  /** Takes a file (from the picker, a drop or a test) and previews it. */
  async pick(file) {
    this.file = file;
    this.text = null;
    await this.limitsRead;
    if (!this.name.value) this.name.value = file.name.replace(/\.[^.]*$/, '').slice(0, this.name.maxLength > 0 ? this.name.maxLength : undefined);
    this.dropText.textContent = `${file.name} · ${(file.size / 1024).toFixed(1)} KB`;
    if (this.maxBytes !== null && file.size > this.maxBytes) {
      this.previewMessage(`This file has ${file.size.toLocaleString('en')} bytes; the most a dataset may have is ${this.maxBytes.toLocaleString('en')}.`);
      this.send.disabled = true;
      return;
    }
    this.text = normalize(await file.text());
    this.showPreview();
    this.send.disabled = false;
  }

  previewMessage(text) { this.preview.replaceChildren(el('p', 'hint', text)); }

  /** First lines, distinct characters and the split the server will make, as far as the browser can tell. */
  showPreview(stored = null) {
    if (this.text === null || this.text === undefined) return;
    const text = this.text;
    const lines = linesOf(text);
    const vocab = stored ? stored.vocab : characters(text);
    const count = stored ? stored.vocab.length : vocab.length + 1;
    const kind = this.kind.value;
    const parts = [];
    parts.push(el('h3', 'panel-subtitle', stored ? 'Stored' : 'Preview'));
    const first = el('pre', 'dataset-lines');
    first.id = 'dataset-lines';
    first.textContent = lines.slice(0, PREVIEW_LINES).join('\n') + (lines.length > PREVIEW_LINES ? '\n…' : '');
    parts.push(first);
    const facts = el('dl', 'facts');
    facts.id = 'dataset-facts';
    fact(facts, 'characters', (stored ? stored.characters : text.length).toLocaleString('en'));
    fact(facts, 'lines', lines.length.toLocaleString('en'));
    fact(facts, 'vocabulary', `${count} characters (with the newline)${this.maxVocab !== null && count > this.maxVocab ? ` — more than ${this.maxVocab}, the server will refuse it` : ''}`);
    const split = stored ? stored.splits : splitOf(text, kind);
    const unit = stored ? stored.splitUnit : split.unit;
    fact(facts, 'split', `${split.train.toLocaleString('en')} train / ${split.test.toLocaleString('en')} test ${unit}`
      + (kind === 'text' ? ' (the last 10% is the test split)' : ' (a seeded 10% of the lines)'));
    parts.push(facts);
    const chars = el('p', 'dataset-vocab');
    chars.id = 'dataset-vocab';
    chars.textContent = vocab.filter((c) => c !== '\n').map(displayChar).join(' ');
    parts.push(chars);
    this.preview.replaceChildren(...parts);
  }

  async upload() {
    if (!this.file || !this.text) return;
    if (!this.name.value.trim()) { this.name.focus(); this.previewMessage('Give the dataset a name.'); return; }
    this.send.disabled = true;
    this.progressSlot.hidden = false;
    this.progress.set(0, 'Uploading…');
    try {
      const stored = await datasetsApi.upload(this.file, {
        name: this.name.value.trim(), kind: this.kind.value,
        onProgress: (f) => this.progress.set(f, f < 1 ? `Uploading… ${Math.round(f * 100)}%` : 'Checking and storing…'),
      });
      this.progress.set(1, `Stored as ${stored.id}.`, 'done');
      this.showPreview(stored);
      this.emit('uploaded', stored);
    } catch (err) {
      this.progress.set(0, 'Not stored.', 'failed');
      this.emit('error', err);
    } finally {
      this.send.disabled = false;
    }
  }
}
