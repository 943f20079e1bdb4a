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

/** The vocabulary shown: "a b X ⏎". */
export function vocabText(vocab = []) { return vocab.map(displayChar).join(' '); }

/** Whether two vocabularies hold the same characters, in any order. */
export function sameCharacters(x = [], y = []) {
  const a = new Set(x);
  const b = new Set(y);
  return a.size === b.size && [...a].every((ch) => b.has(ch));
}

/** "‘Y’ is not in counter's vocabulary — not sent": which of the models ({id, vocab}) lacks which of the typed characters. */
export function missingText(bad, models) {
  const parts = models.map((m) => {
    const lacks = bad.filter((ch) => !m.vocab.includes(ch));
    return lacks.length ? `${lacks.map((ch) => `‘${displayChar(ch)}’`).join(', ')} ${lacks.length === 1 ? 'is' : 'are'} not in ${m.id}'s vocabulary` : '';
  }).filter(Boolean);
  return `${parts.join('; ')} — not sent.`;
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
  const names = { lstm: 'LSTM', gru: 'GRU', rnn: 'RNN', peephole: 'peephole LSTM', cifg: 'CIFG LSTM', mgu: 'MGU', gru1: 'GRU1', gru2: 'GRU2', gru3: 'GRU3' };
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

/** What a model is called on its pages: its name if it was given one, the task for a gallery model, else the id as it is. */
export function modelTitle(model) {
  if (model.name) return model.name;
  if (model.gallery && model.task) return capitalise(taskLabel(model.task));
  return model.id;
}

export function capitalise(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

/** "1st", "2nd", "3rd", "11th". */
export function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th'}`;
}

/** A queued job's place: "3rd in line, about 20 s" (from the server's QueuePlace). */
export function inLine(place) {
  if (!place) return 'waiting for a free trainer';
  const s = Math.max(1, Math.round(place.startsInSeconds));
  const when = s < 90 ? `about ${s} s` : `about ${Math.round(s / 60)} min`;
  return `${place.position === 1 ? 'next' : ordinal(place.position)} in line, ${when}`;
}

/** How a stopped or interrupted model came to be what it is: "stopped at step 412; these are the weights it had". */
export function stoppedAt(model) {
  const steps = model.steps ?? model.training?.steps;
  const at = Number.isFinite(steps) ? ` at step ${steps.toLocaleString('en')}` : '';
  if (model.status === 'cancelled') return `stopped${at}; these are the weights it had`;
  if (model.status === 'interrupted') return `interrupted${at} when the server stopped; these are the weights it had`;
  return '';
}

/**
 * What to suggest in an empty sequence box: the shortest one-line example of the task (without its final ⏎), else
 * the start of a sample of the model's own data (a dataset model), else ''.
 */
export function exampleInput(task, sample = '') {
  const lines = (task?.examples || []).map((e) => e.replace(/\n$/, '')).filter((e) => e && !e.includes('\n'));
  if (lines.length) return lines.reduce((a, b) => (b.length < a.length ? b : a));
  const text = sample.replace(/^\n/, '').split('\n')[0] || '';
  return text.slice(0, 24);
}

export function placeholderFor(example, rest = 'empty shows test sequences') {
  return example ? `type e.g. ${example} — ${rest}` : `type a sequence — ${rest}`;
}
