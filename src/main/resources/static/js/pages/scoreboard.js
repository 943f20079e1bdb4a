/**
 * Scoreboard: every cell type on every task, from GET /api/scoreboard (bench over three seeds), with the commit
 * and command that made it. One table section per task, one row per cell: sequences until 100% test accuracy,
 * accuracies, throughput, learning curves; the best value of each column per task is marked.
 */
import { api } from '../api.js';
import { Notice } from '../notice.js';
import { Sparkline } from '../sparkline.js';
import { cellLabel, percent, taskLabel } from '../chars.js';
import { el } from '../dom.js';

const d3 = window.d3;
const REFERENCE = 'lstm';
const notice = new Notice(document.getElementById('notice'));
const int = d3.format(',');
const rate = d3.format(',.0f');

async function init() {
  const board = await notice.attempt(api.scoreboard(), 'Could not load the scoreboard');
  if (board === undefined) return;
  const rows = board && Array.isArray(board.rows) ? board.rows : [];
  if (!rows.length) {
    notice.info('The scoreboard is empty.');
    return;
  }
  let tasks = [];
  let cells = [];
  try {
    [tasks, cells] = await Promise.all([api.tasks(), api.cells()]);
  } catch { /* names and descriptions only; the numbers stand on their own */ }
  for (const row of rows) Object.assign(row, summarise(row));
  explain(rows, board);
  findings(rows);
  table(rows, tasks, cells);
  document.body.dataset.ready = 'true';
}

/** Median of the seeds that learned, how many did, and the median time for those. */
function summarise(row) {
  const seeds = Array.isArray(row.per_seed) ? row.per_seed : [];
  const learned = seeds.filter((s) => Number.isFinite(s.sequences_to_learn));
  return {
    runs: seeds.length || (row.seeds || []).length,
    learnedCount: learned.length,
    medianSequences: median(learned.map((s) => s.sequences_to_learn)),
    medianSeconds: median(learned.map((s) => s.seconds_to_learn).filter(Number.isFinite)),
  };
}

function median(values) {
  if (!values.length) return null;
  const v = values.slice().sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function explain(rows, board) {
  const seeds = rows[0].seeds || [];
  const threads = rows[0].threads;
  const how = document.getElementById('how');
  const runs = Array.isArray(board.runs) && board.runs.length ? board.runs : [{ commit: board.commit, command: board.command }];
  const made = el('ul', 'scoreboard-provenance');
  made.id = 'scoreboard-provenance';
  for (const run of runs) {
    const item = el('li');
    item.append(el('code', 'scoreboard-command', run.command), text(' at commit '), el('code', 'scoreboard-commit', run.commit));
    made.append(item);
  }
  how.replaceChildren(
    text(`Every cell type was trained on every task at the task's default size (batch 32, Adam 0.01) with seeds ${seeds.join(', ')}, `
      + `each run stopping once it reached 100% test sequence accuracy or at its time limit, on ${threads === 1 ? 'one training thread' : `${threads} training threads`}. `
      + `${runs.length === 1 ? 'This table was made by' : 'This table was merged from'}:`),
    made,
    text('“Sequences to 100%” is the median over the seeds that got there (the count says when not all did); test and generalisation '
      + 'accuracy are the medians at the end of the runs; generalisation uses longer sequences than any seen in training. '
      + 'Throughput is training timesteps per second. The curves show test accuracy against sequences seen, one line per seed, on the same scale for every cell of a task.'),
  );
}

/** Sentences drawn from the numbers, for the questions people ask first. */
function findings(rows) {
  const find = (task, cell) => rows.find((r) => r.task === task && r.cell === cell);
  const items = [];
  const rnn = find('copy_machine', 'rnn');
  const lstm = find('copy_machine', REFERENCE);
  if (rnn && lstm && rnn.medianSequences && lstm.medianSequences) {
    const factor = rnn.medianSequences / lstm.medianSequences;
    items.push(`Can a plain RNN learn the copy machine? Yes — ${rnn.learnedCount} of ${rnn.runs} seeds reached 100% — but it needed `
      + `${factor.toFixed(1)}× the sequences of the LSTM (${int(rnn.medianSequences)} against ${int(lstm.medianSequences)}), `
      + `and it generalises to longer strings at ${percent(rnn.generalization_accuracy)}.`);
  } else if (rnn) {
    items.push(`The plain RNN reached 100% on the copy machine in ${rnn.learnedCount} of ${rnn.runs} seeds.`);
  }
  const counter = rows.filter((r) => r.task === 'counter');
  const ref = find('counter', REFERENCE);
  if (counter.length && ref) {
    const best = counter.reduce((a, b) => (b.generalization_accuracy > a.generalization_accuracy ? b : a));
    if (best.cell !== REFERENCE && best.generalization_accuracy > ref.generalization_accuracy) {
      items.push(`Counting past the training lengths: the ${cellLabel(best.cell)}'s counter gets ${percent(best.generalization_accuracy)} of the `
        + `longer sequences right, the standard LSTM's ${percent(ref.generalization_accuracy)} — its peephole connections let the gates read the cell state, where the count is kept.`);
    }
  }
  const list = el('ul', 'findings-list');
  for (const item of items) list.append(el('li', '', item));
  document.getElementById('findings').replaceChildren(...(items.length ? [list] : []));
}

function table(rows, tasks, cells) {
  const taskOrder = tasks.length ? tasks.map((t) => t.name) : [...new Set(rows.map((r) => r.task))];
  for (const r of rows) if (!taskOrder.includes(r.task)) taskOrder.push(r.task);
  const cellOrder = cells.length ? cells.map((c) => c.name) : [...new Set(rows.map((r) => r.cell))];
  for (const r of rows) if (!cellOrder.includes(r.cell)) cellOrder.push(r.cell);
  const cellInfo = new Map(cells.map((c) => [c.name, c]));

  const tableEl = el('table', 'scoreboard-table');
  tableEl.id = 'scoreboard-table';
  const caption = el('caption', 'visually-hidden', 'Each task × cell type: sequences to reach 100% test accuracy, accuracies, throughput, learning curves');
  const head = el('thead');
  const hr = el('tr');
  const columns = [
    ['Cell', ''], ['Parameters', 'num'], ['Sequences to 100%', 'num'], [`vs ${cellLabel(REFERENCE)}`, 'num'], ['Seconds to 100%', 'num'],
    ['Test', 'num'], ['Generalisation', 'num'], ['Timesteps / s', 'num'], ['Test accuracy while training', ''], ['', ''],
  ];
  for (const [label, cls] of columns) {
    const th = el('th', cls, label);
    th.scope = 'col';
    hr.append(th);
  }
  head.append(hr);
  tableEl.append(caption, head);

  for (const taskName of taskOrder) {
    const taskRows = cellOrder.map((c) => rows.find((r) => r.task === taskName && r.cell === c)).filter(Boolean);
    if (!taskRows.length) continue;
    const task = tasks.find((t) => t.name === taskName);
    const body = el('tbody', 'scoreboard-task');
    body.dataset.task = taskName;
    const titleRow = el('tr', 'task-row');
    const th = el('th', 'task-cell');
    th.colSpan = columns.length;
    th.scope = 'rowgroup';
    th.append(el('span', 'task-name', taskLabel(taskName)));
    if (task) {
      const gen = task.generalizationRange && task.trainRange
        ? ` Trained on ${task.sizeName || 'size'} ${task.trainRange.min}–${task.trainRange.max}; generalisation ${task.generalizationRange.min}–${task.generalizationRange.max}.`
        : '';
      th.append(el('span', 'task-about', `${task.description || ''}${gen}`));
    }
    titleRow.append(th);
    body.append(titleRow);

    const best = {
      sequences: minOf(taskRows.filter((r) => r.learnedCount === r.runs).map((r) => r.medianSequences)),
      seconds: minOf(taskRows.filter((r) => r.learnedCount === r.runs).map((r) => r.medianSeconds)),
      test: maxOf(taskRows.map((r) => r.test_accuracy)),
      generalization: maxOf(taskRows.map((r) => r.generalization_accuracy)),
      throughput: maxOf(taskRows.map((r) => r.timesteps_per_second)),
    };
    const reference = taskRows.find((r) => r.cell === REFERENCE);
    const xMax = Math.max(1, ...taskRows.flatMap((r) => (r.per_seed || []).flatMap((s) => (s.curve || []).map((p) => p[0]))));

    for (const r of taskRows) {
      const tr = el('tr', 'cell-row');
      tr.dataset.cell = r.cell;
      const name = el('th', 'cell-name', cellLabel(r.cell));
      name.scope = 'row';
      const info = cellInfo.get(r.cell);
      if (info && info.description) name.title = info.description;
      tr.append(name);
      tr.append(el('td', 'num', int(r.parameters)));

      const seqCell = el('td', 'num seq');
      if (r.medianSequences === null) {
        seqCell.append(el('span', 'not-learned', `not learned (0/${r.runs})`));
      } else {
        seqCell.append(text(int(Math.round(r.medianSequences))));
        if (r.learnedCount < r.runs) seqCell.append(el('span', 'seeds-note', ` ${r.learnedCount}/${r.runs} seeds`));
      }
      mark(seqCell, r.learnedCount === r.runs && r.medianSequences === best.sequences);
      tr.append(seqCell);

      const factor = reference && reference.medianSequences && r.medianSequences && r.cell !== REFERENCE
        ? `${(r.medianSequences / reference.medianSequences).toFixed(1)}×` : (r.cell === REFERENCE ? '1×' : '—');
      tr.append(el('td', 'num factor', factor));

      const secCell = el('td', 'num', r.medianSeconds === null ? '—' : r.medianSeconds.toFixed(2));
      mark(secCell, r.learnedCount === r.runs && r.medianSeconds === best.seconds);
      tr.append(secCell);

      const testCell = el('td', 'num', percent(r.test_accuracy));
      mark(testCell, r.test_accuracy === best.test && !allEqual(taskRows, 'test_accuracy'));
      tr.append(testCell);
      const genCell = el('td', 'num', percent(r.generalization_accuracy));
      mark(genCell, r.generalization_accuracy === best.generalization && !allEqual(taskRows, 'generalization_accuracy'));
      tr.append(genCell);
      const tputCell = el('td', 'num', rate(r.timesteps_per_second));
      mark(tputCell, r.timesteps_per_second === best.throughput);
      tr.append(tputCell);

      const curveCell = el('td', 'curve');
      const spark = new Sparkline(curveCell, {
        width: 170, height: 30, xDomain: [0, xMax], yDomain: [0, 1], color: r.cell === REFERENCE ? '#f59322' : '#0877bd',
        label: `${cellLabel(r.cell)} on ${taskLabel(taskName)}: test accuracy against sequences seen (up to ${int(xMax)}), one line per seed`,
      });
      spark.setData((r.per_seed || []).map((s) => (s.curve || []).map((p) => ({ x: p[0], y: p[2] }))), r.medianSequences);
      tr.append(curveCell);

      const train = el('td', 'train-link');
      const a = el('a', '', 'train');
      a.href = `/train?task=${encodeURIComponent(taskName)}&cell=${encodeURIComponent(r.cell)}`;
      a.title = `Train a ${cellLabel(r.cell)} on ${taskLabel(taskName)} yourself`;
      train.append(a);
      tr.append(train);
      body.append(tr);
    }
    tableEl.append(body);
  }
  const key = el('p', 'hint', `Green: the best of the task's cells in that column (fastest to learn among cells every seed learned, most accurate, highest throughput). `
    + `“vs ${cellLabel(REFERENCE)}”: sequences needed relative to the standard LSTM. The dashed rule in a curve marks the median sequences to 100%.`);
  document.getElementById('scoreboard').replaceChildren(tableEl, key);
}

function mark(td, isBest) {
  if (!isBest) return;
  td.classList.add('best');
  td.title = 'best for this task';
  td.append(el('span', 'visually-hidden', ' (best for this task)'));
}

function allEqual(rows, key) { return rows.every((r) => r[key] === rows[0][key]); }
function minOf(values) { const v = values.filter(Number.isFinite); return v.length ? Math.min(...v) : null; }
function maxOf(values) { const v = values.filter(Number.isFinite); return v.length ? Math.max(...v) : null; }

function text(value) { return document.createTextNode(value); }

init();
