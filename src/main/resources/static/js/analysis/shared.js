/** What the analysis panels share: plain names of the tasks' variables, a prefix through the delimiter, load-once. */
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

/**
 * The open() of a panel whose analysis is computed once: shows `loading`, renders what `fetch` answers,
 * or shows `failure` with the reason and lets the next open() try again.
 */
export async function loadOnce(panel, loading, failure, fetch) {
  if (panel.loaded) return;
  panel.loaded = true;
  status(panel.root, 'loading', loading);
  try {
    panel.render(await fetch());
  } catch (err) {
    panel.loaded = false;
    status(panel.root, 'error', `${failure}: ${message(err)}`);
  }
}
