/** How characters are shown: the start/end token "\n" as ⏎, a space as ␣. */
export const START_TOKEN = '\n';

export function displayChar(ch) {
  if (ch === START_TOKEN) return '⏎';
  if (ch === ' ') return '␣';
  if (ch === '\t') return '⇥';
  return ch;
}

export function displayText(text) {
  return Array.from(text, displayChar).join('');
}

/** Characters of text that are not in vocab, in order of first appearance. */
export function outOfVocab(text, vocab) {
  const known = new Set(vocab);
  const bad = [];
  for (const ch of text) if (!known.has(ch) && !bad.includes(ch)) bad.push(ch);
  return bad;
}

const NAMES = {
  cell: 'cell state',
  hidden: 'hidden state',
  input_gate: 'input gate',
  forget_gate: 'forget gate',
  output_gate: 'output gate',
  candidate: 'candidate memory',
  reset_gate: 'reset gate',
  update_gate: 'update gate',
};

/** "forget_gate" → "forget gate". */
export function vectorLabel(name) {
  return NAMES[name] ?? name.replaceAll('_', ' ');
}

/** Short names for buttons: "forget gate" → "forget". */
export function shortVectorLabel(name) {
  const short = { cell: 'cell', hidden: 'hidden', candidate: 'candidate' };
  return short[name] ?? vectorLabel(name).replace(/ gate$/, '');
}

export function isGate(name) {
  return /gate$/.test(name);
}

export function cellLabel(cell) {
  const names = { lstm: 'LSTM', gru: 'GRU', rnn: 'RNN', peephole: 'peephole LSTM', cifg: 'CIFG LSTM', mgu: 'MGU' };
  return names[cell] ?? cell;
}

export function architecture(model) {
  const layers = model.layers === 1 ? '1 layer' : `${model.layers} layers`;
  return `${cellLabel(model.cell)} · ${layers} × ${model.hidden} units`;
}

export function percent(value) {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${Math.round(value * 1000) / 10}%`;
}

export function taskLabel(task) {
  return task.replaceAll('_', ' ');
}
