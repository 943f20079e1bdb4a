/** What the analysis panels share: plain names of the tasks' variables, a prefix through the delimiter, the panel base classes. */
import { message, status } from '../dom.js';

/** Plain names of the tasks' ground-truth variables. */
const VARIABLES = {
  count: "a's − b's",
  phase: 'the phase (before / after the delimiter)',
  steps_left: 'the steps left',
  is_x: 'reading an X',
  state: 'the remembered state (A / B)',
  x_seen: "the x's seen",
  position: 'the position in the word',
  next_char: 'the letter due next',
  current_char: 'the letter just read',
};

export function variableLabel(name) { return VARIABLES[name] ?? name.replaceAll('_', ' '); }

/** The part of a sequence through the task's delimiter (the whole text when there is none). */
export function throughDelimiter(sequence, delimiter) {
  const text = sequence.replace(/\n$/, '');
  if (!delimiter) return text;
  const at = text.indexOf(delimiter);
  return at < 0 ? text : text.slice(0, at + 1);
}

/** What every panel holds: its root element and the ctx AnalysisPanels gives it (see panels.js). */
export class Panel {
  constructor(root, ctx) {
    this.root = root;
    this.ctx = ctx;
  }
}

/**
 * A panel whose analysis is computed once: open() shows `loading`, renders what fetch() answers, or shows
 * `failure` with the reason and lets the next open() try again. Subclasses give fetch() and render(result).
 */
export class LoadOncePanel extends Panel {
  constructor(root, ctx, loading, failure) {
    super(root, ctx);
    this.loading = loading;
    this.failure = failure;
    this.loaded = false;
  }

  async open() {
    if (this.loaded) return;
    this.loaded = true;
    status(this.root, 'loading', this.loading);
    try {
      this.render(await this.fetch());
    } catch (err) {
      this.loaded = false;
      status(this.root, 'error', `${this.failure}: ${message(err)}`);
    }
  }
}
