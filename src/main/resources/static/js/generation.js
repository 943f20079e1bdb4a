/**
 * Greedy continuations on screen: one line per generation (⏎, the prefix faint, the continuation with the first
 * wrong character on marked) and, for several models at once, a verdict per model against the task's answer.
 */
import { displayChar, displayText } from './chars.js';
import { el } from './dom.js';

/** One line of a generation: the title, ⏎ + the prefix (faint), then text with the characters from wrong on marked. */
export function generationLine(title, prefix, text, wrong, kind) {
  const row = el('div', `generation-line generation-${kind}`);
  row.append(el('span', 'generation-title', title));
  const seq = el('span', 'generation-seq');
  seq.append(el('span', 'gen-start', '⏎'), el('span', 'gen-prefix', displayText(prefix)));
  Array.from(text).forEach((ch, i) => {
    const cls = wrong >= 0 && i >= wrong ? (i === wrong ? 'gen-char diverged first' : 'gen-char diverged') : 'gen-char';
    seq.append(el('span', cls, displayChar(ch)));
  });
  row.append(seq);
  return row;
}

/**
 * Several models' continuations of the same prefix, each line and verdict tagged with its run's key and colour,
 * then the task's answer.
 */
export class GenerationComparison {
  constructor(box) { this.box = box; }

  /** runs: [{key, label, color}]; results: the Promise.allSettled outcome of POST /generate for each run, in order. */
  show(runs, results) {
    const rows = [];
    const verdicts = [];
    let expected = null;
    let prefix = '';
    runs.forEach(({ key, label, color }, i) => {
      const r = results[i];
      if (r.status === 'rejected') {
        verdicts.push(el('div', 'generation-verdict bad', `${label}: ${r.reason.readable || r.reason.message}`));
        return;
      }
      const g = r.value;
      prefix = g.prefix ?? '';
      if (typeof g.expected === 'string') expected = g.expected;
      const line = generationLine(label, prefix, g.continuation ?? '', Number.isInteger(g.firstWrong) ? g.firstWrong : -1, 'model');
      line.dataset.side = key;
      const title = line.querySelector('.generation-title');
      title.style.borderLeftColor = color;
      title.title = label;
      rows.push(line);
      verdicts.push(verdict(key, label, g));
    });
    if (expected !== null) rows.push(generationLine('Correct', prefix, expected, -1, 'expected'));
    const parts = [el('h2', 'panel-title', 'Greedy continuations'), ...rows, ...verdicts];
    if (expected === null && results.some((r) => r.status === 'fulfilled')) {
      parts.push(el('div', 'generation-note', 'The task fixes no continuation for this input yet: end it with the delimiter (e.g. X) to check the answers.'));
    }
    this.box.replaceChildren(...parts);
    this.box.hidden = false;
  }

  hide() {
    this.box.hidden = true;
    this.box.replaceChildren();
  }
}

function verdict(key, label, g) {
  const box = el('div', 'generation-verdict');
  box.dataset.side = key;
  const continuation = g.continuation ?? '';
  if (typeof g.expected !== 'string') {
    box.textContent = `${label}: ${continuation.length} characters, ${g.stoppedBecause === 'cap' ? 'stopped at the cap' : 'then ⏎'}.`;
  } else if (!Number.isInteger(g.firstWrong)) {
    box.classList.add('ok');
    box.textContent = `✓ ${label} continues exactly as the task requires.`;
  } else {
    box.classList.add('bad');
    const w = g.firstWrong;
    const got = continuation[w] === undefined ? 'stopped' : `wrote ‘${displayChar(continuation[w])}’`;
    const want = g.expected[w] === undefined ? 'stop' : `‘${displayChar(g.expected[w])}’`;
    box.textContent = `✗ ${label} diverges at continuation character ${w + 1}: it ${got}, the task wants ${want}.`;
  }
  return box;
}
