/** Small DOM helpers for widgets and pages. Text always goes in through textContent, never as HTML. */
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

/** The message of an error, in plain words for people (ApiError.plain), else its text. */
export function message(err) {
  return (err && (err.plain || err.readable)) || (err && err.message) || String(err);
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

/** One term and its value in a <dl class="facts">. */
export function fact(list, term, value) {
  const wrap = el('div');
  wrap.append(el('dt', '', term), el('dd', '', value));
  list.append(wrap);
}
