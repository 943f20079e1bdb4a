/** Small DOM helpers for the analysis panels. Text always goes in through textContent. */
export function el(tag, className = '', text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

export function button(text, className = 'button button-small', onClick = null) {
  const b = el('button', className, text);
  b.type = 'button';
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

export function link(text, href, className = '') {
  const a = el('a', className, text);
  a.href = href;
  return a;
}

/** A labelled control: <label><span>text</span>control</label>. */
export function labelled(text, control, className = 'control') {
  const label = el('label', className);
  label.append(el('span', 'control-label', text), control);
  return label;
}

export function select(options, value) {
  const s = el('select');
  for (const o of options) {
    const option = el('option', '', o.label);
    option.value = String(o.value);
    s.append(option);
  }
  if (value !== undefined) s.value = String(value);
  return s;
}

export function numberInput(value, min, max, step = 1) {
  const input = el('input', 'number-input');
  input.type = 'number';
  input.min = String(min);
  input.max = String(max);
  input.step = String(step);
  input.value = String(value);
  return input;
}

/** The message of an error, readable. */
export function message(err) {
  return (err && err.readable) || (err && err.message) || String(err);
}

/** A status line: loading, an error, or empty. */
export function status(root, kind, text) {
  const box = el('div', `analysis-status analysis-${kind}`, text);
  if (kind === 'error') box.setAttribute('role', 'alert');
  root.replaceChildren(box);
}

export function fmt(value, digits = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const text = Number(value).toFixed(digits);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

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
