/**
 * The counting lab page: the settings form, the run's live progress (the lab's job over Server-Sent
 * Events, the lab itself polled for each finished run), the results table, the accuracy chart and the
 * published findings. The settings and the lab id live in the URL, so a link shows the same lab.
 */
import { api, followJob, shareOwner } from '../api.js';
import { Notice } from '../notice.js';
import { ProgressBar } from '../progress.js';
import { readState, strings, writeState } from '../url-state.js';
import { LabForm } from '../lab/lab-form.js';
import { serverLimits } from '../limits.js';
import { LabResults, playgroundUrl } from '../lab/lab-results.js';
import { LabChart } from '../lab/lab-chart.js';
import { LabFindings } from '../lab/lab-findings.js';
import { cellLabel, percent } from '../chars.js';
import { link } from '../dom.js';

const SCHEMA = strings({
  task: 'anbn', cells: 'lstm,gru', seeds: '1,2,3', max: '', lengths: 'uniform', secs: '60', thr: '0.05', lab: '',
});
const POLL_MS = 1000;
const FINAL = ['done', 'failed', 'cancelled'];

const state = readState(SCHEMA);
const notice = new Notice(document.getElementById('notice'));
const form = new LabForm(document.getElementById('lab-form-panel'));
const progress = new ProgressBar(document.getElementById('lab-progress'));
const statusLine = document.getElementById('lab-status');
const results = new LabResults(document.getElementById('lab-results'));
const chart = new LabChart(document.getElementById('lab-chart'));
const findings = new LabFindings(document.getElementById('lab-findings'));
const exportBox = document.getElementById('lab-export');
let stopFollowing = null;
let poller = null;

form.on('change', (v) => {
  Object.assign(state, { task: v.task, cells: v.cells.join(','), seeds: v.seeds.join(','), max: v.trainMax, lengths: v.lengths,
    secs: v.maxSeconds, thr: v.threshold });
  writeState(SCHEMA, state);
});
form.on('submit', start);
form.on('stop', async () => {
  if (!state.lab) return;
  try {
    show(await api.cancelLab(state.lab));
  } catch (err) {
    notice.error(err, 'Could not stop the lab');
  }
});
results.on('select', (run) => chart.setHighlight(run));
chart.on('open', (run) => { if (run.modelId) window.location.href = playgroundUrl(run); });

async function init() {
  try {
    const [tasks, cells, limits] = await Promise.all([api.tasks(), api.cells(), serverLimits()]);
    form.setOptions(tasks, cells);
    form.setLimits(limits?.lab, limits?.labCells);
  } catch (err) {
    notice.error(err, 'Could not load the tasks and cells');
    return;
  }
  form.setValues({ task: state.task, cells: list(state.cells), seeds: list(state.seeds).map(Number), trainMax: state.max,
    lengths: state.lengths, maxSeconds: state.secs, threshold: state.thr });
  if (state.lab) {
    try {
      follow(await api.lab(state.lab));
    } catch (err) {
      notice.error(err, `Could not load lab ${state.lab}`);
      state.lab = '';
      writeState(SCHEMA, state);
    }
  }
  document.body.dataset.ready = 'true';
}

async function start(request) {
  notice.clear();
  form.showError('');
  try {
    const created = await api.startLab(request);
    state.lab = created.lab.id;
    writeState(SCHEMA, state);
    follow(created.lab);
  } catch (err) {
    notice.error(err, 'The lab did not start');
    if (err.field) form.showError(`${err.field}: ${err.detail || err.message}`);
  }
}

/** Shows a lab and, while it runs, follows its job and polls it. */
function follow(lab) {
  show(lab);
  stopFollowing?.();
  clearInterval(poller);
  if (FINAL.includes(lab.status)) return;
  form.setRunning(true);
  stopFollowing = followJob(lab.jobId, {
    progress: (p) => progress.set(p.fraction, caption(lab, p)),
    end: () => refresh(),
    error: (message) => notice.info(message),
  });
  poller = setInterval(refresh, POLL_MS);
}

async function refresh() {
  try {
    const lab = await api.lab(state.lab);
    show(lab);
    if (FINAL.includes(lab.status)) {
      clearInterval(poller);
      stopFollowing?.();
    }
  } catch (err) {
    clearInterval(poller);
    notice.error(err, 'Lost the lab');
  }
}

function show(lab) {
  for (const run of lab.runs) if (run.modelId) shareOwner(lab.id, run.modelId);
  const running = !FINAL.includes(lab.status);
  form.setRunning(running);
  document.body.dataset.labStatus = lab.status;
  const training = lab.runs.find((r) => r.status === 'training' || r.status === 'sweeping');
  if (running) {
    progress.set(lab.progress ? lab.progress.fraction : lab.done / lab.total, caption(lab, lab.progress));
    statusLine.textContent = training ? `Run ${lab.done + 1} of ${lab.total}: ${cellLabel(training.cell)}, seed ${training.seed} (${training.status})`
      : `Queued: ${lab.total} runs wait for a training worker.`;
  } else {
    const state_ = lab.status === 'done' ? 'done' : 'failed';
    progress.set(lab.status === 'done' ? 1 : lab.done / lab.total, `${lab.done} of ${lab.total} runs finished`, state_);
    statusLine.textContent = lab.status === 'done' ? `Done: ${lab.total} runs of ${lab.task} trained on sizes 1–${lab.trainMax} (${lab.lengths}), `
      + `swept to ${lab.sweepSizes.max}${lab.threshold !== 0.05 ? `, threshold ${lab.threshold}` : ''}.`
      : `The lab ${lab.status === 'cancelled' ? 'was stopped' : 'failed'}${lab.error ? `: ${lab.error}` : ''}; the finished runs stay below.`;
  }
  results.setLab(lab);
  chart.setLab(lab);
  findings.setFindings(lab.findings);
  exportBox.replaceChildren('Export: ', download('CSV', api.labExportUrl(lab.id, 'csv'), 'lab-export-csv'), ' · ',
    download('JSON', api.labExportUrl(lab.id, 'json'), 'lab-export-json'));
}

function caption(lab, p) {
  if (!p) return `${lab.done} of ${lab.total} runs`;
  return `${lab.done} of ${lab.total} runs · step ${p.step} · test accuracy ${percent(p.testAccuracy)} · ${p.elapsedSeconds.toFixed(1)} s`;
}

function download(text, href, className) {
  const a = link(text, href, className);
  a.setAttribute('download', '');
  return a;
}

function list(csv) { return (csv || '').split(',').map((s) => s.trim()).filter(Boolean); }

init();
