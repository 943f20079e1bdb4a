/**
 * Playground: type a sequence and the page traces it as you type (debounced). The start token ⏎ is shown in
 * front of the box because the model reads "\n" + text. Characters outside the vocabulary are flagged inline
 * and the text is not sent. "Generate" asks for the model's greedy continuation.
 *
 * Events: 'change' {text} (valid text, debounced; '' means "back to the test sequences"), 'generate' {text},
 * 'validity' {valid} (the typed text became readable or stopped being so: what is drawn may be out of date).
 */
import { Emitter } from './emitter.js';
import { displayChar, outOfVocab } from './chars.js';
import { serverLimits } from './limits.js';
import { generationLine } from './generation.js';
import { button, el } from './dom.js';

export class Playground extends Emitter {
  constructor(container, { delay = 250, generate = true, placeholder = 'type a sequence — empty shows test sequences',
    clearTitle = 'Back to the test sequences' } = {}) {
    super();
    this.vocab = [];
    this.delay = delay;
    this.canGenerate = generate;
    this._timer = 0;
    this._lastSent = null;

    this.root = el('div', 'playground');
    const row = el('div', 'playground-row');
    const label = Object.assign(el('label', 'playground-label', 'Your sequence'), { htmlFor: 'playground-input' });
    const start = Object.assign(el('span', 'start-token', '⏎'), { title: 'The start token: the model reads "\\n" before your text' });
    this.input = Object.assign(el('input'), { type: 'text', id: 'playground-input', name: 'input', autocomplete: 'off', spellcheck: false, placeholder });
    const field = el('div', 'playground-field');
    field.append(start, this.input);
    this.generateButton = Object.assign(button('Generate', 'button button-primary', () => this._generate()),
      { id: 'generate', title: 'Let the model continue your sequence greedily', hidden: !generate });
    this.clearButton = Object.assign(button('Clear', 'button', () => {
      this.input.value = '';
      this._changed(true);
      this.input.focus();
    }), { title: clearTitle });
    row.append(label, field, this.generateButton, this.clearButton);
    this.status = Object.assign(el('div', 'playground-status'), { id: 'playground-status' });
    this.output = Object.assign(el('div', 'generation'), { id: 'generation', hidden: true });
    this.root.append(row, this.status, this.output);
    container.append(this.root);

    // The server takes limits.input characters, one of them the start token.
    serverLimits().then((limits) => { if (limits?.input) this.input.maxLength = limits.input - 1; });

    this.input.addEventListener('input', () => this._changed());
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && this.canGenerate) { e.preventDefault(); this._generate(); }
    });
  }

  /**
   * The characters the text may have. explain(bad) may say why some are refused (default: "not in this model's
   * vocabulary"), e.g. which of two models lacks them.
   */
  setVocab(vocab, { explain = null } = {}) {
    this.vocab = vocab;
    this.explain = explain;
    this._validate();
  }

  /** The hint in the empty box, e.g. built from the task's own example. */
  setPlaceholder(text) { this.input.placeholder = text; }

  get value() { return this.input.value; }

  /** Sets the text without emitting (e.g. from the URL). */
  setValue(text) {
    this.input.value = text.slice(0, this._max());
    this._lastSent = this.input.value;
    this._validate();
  }

  setBusy(busy) { this.root.classList.toggle('busy', busy); }

  /** Generation result from POST /generate. */
  showGeneration(result) {
    const prefix = result.prefix ?? '';
    const continuation = result.continuation ?? '';
    const wrong = Number.isInteger(result.firstWrong) ? result.firstWrong : -1;
    const lines = [generationLine('Model', prefix, continuation, wrong, 'model')];
    if (typeof result.expected === 'string') lines.push(generationLine('Correct', prefix, result.expected, wrong, 'expected'));
    const verdict = document.createElement('div');
    verdict.className = 'generation-verdict';
    if (typeof result.expected !== 'string') {
      verdict.textContent = 'This input has no single correct continuation for the task.';
    } else if (wrong < 0) {
      verdict.classList.add('ok');
      verdict.textContent = '✓ The model continues exactly as the task requires.';
    } else {
      verdict.classList.add('bad');
      const got = continuation[wrong] === undefined ? 'stopped' : `wrote ${quote(continuation[wrong])}`;
      const want = result.expected[wrong] === undefined ? 'stop' : quote(result.expected[wrong]);
      verdict.textContent = `✗ Diverges at continuation character ${wrong + 1}: the model ${got}, the task wants ${want}.`;
    }
    if (result.stoppedBecause === 'cap') {
      const cap = document.createElement('div');
      cap.className = 'generation-note';
      cap.textContent = `Stopped after ${continuation.length} characters without emitting ⏎.`;
      lines.push(cap);
    }
    const actions = document.createElement('div');
    actions.className = 'generation-actions';
    const traceIt = document.createElement('button');
    traceIt.type = 'button';
    traceIt.className = 'button button-small';
    traceIt.id = 'trace-generation';
    traceIt.textContent = 'Show the model\'s continuation in the heat map';
    traceIt.addEventListener('click', () => {
      // The box is one line: the final ⏎ the model emits cannot be typed, so it is left out.
      this.input.value = `${prefix}${continuation}`.replace(/\n/g, '').slice(0, this._max());
      this._changed(true, true);
    });
    actions.append(traceIt);
    this.output.replaceChildren(...lines, verdict, actions);
    this.output.hidden = false;
  }

  hideGeneration() {
    this.output.hidden = true;
    this.output.replaceChildren();
  }

  showError(message) {
    this.status.replaceChildren(el('span', 'playground-error', message));
  }

  // ---- internal ----

  /** The box's maximum length, once the server's limit is known. */
  _max() { return this.input.maxLength > 0 ? this.input.maxLength : undefined; }

  _validate() {
    const bad = outOfVocab(this.input.value, this.vocab);
    const was = this.valid;
    this.valid = bad.length === 0;
    if (was !== undefined && was !== this.valid) queueMicrotask(() => this.emit('validity', { valid: this.valid }));
    this.input.classList.toggle('invalid', !this.valid);
    this.input.setAttribute('aria-invalid', String(!this.valid));
    if (!this.valid) {
      const echo = document.createElement('span');
      echo.className = 'echo';
      for (const ch of this.input.value) {
        const span = el('span', bad.includes(ch) ? 'echo-char bad' : 'echo-char', displayChar(ch));
        if (bad.includes(ch)) span.title = 'not in this model\'s vocabulary';
        echo.append(span);
      }
      const message = el('span', 'playground-error', this.explain ? this.explain(bad)
        : `${bad.map(quote).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not in this model's vocabulary — not sent.`);
      this.status.replaceChildren(echo, message);
    } else {
      const chars = this.vocab.map(displayChar).join(' ');
      this.status.replaceChildren(el('span', 'playground-hint',
        this.vocab.length ? `Vocabulary: ${chars}.${this.canGenerate ? ' Enter generates.' : ''}` : ''));
    }
    return this.valid;
  }

  _changed(now = false, keepGeneration = false) {
    this._validate();
    if (!keepGeneration) this.hideGeneration();
    clearTimeout(this._timer);
    if (!this.valid) return;
    const fire = () => {
      const text = this.input.value;
      if (text === this._lastSent) return;
      this._lastSent = text;
      this.emit('change', { text });
    };
    if (now) fire(); else this._timer = setTimeout(fire, this.delay);
  }

  _generate() {
    if (!this._validate()) return;
    this.emit('generate', { text: this.input.value });
  }
}

function quote(ch) {
  return `‘${displayChar(ch)}’`;
}
