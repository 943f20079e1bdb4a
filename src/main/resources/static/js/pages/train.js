/** Train page: settings form, Start/Stop, live loss and accuracy over the job's Server-Sent Events. */
import { api, datasetsApi, followJob } from '../api.js';
import { readState, strings, writeState } from '../url-state.js';
import { TrainForm } from '../train-form.js';
import { serverLimits } from '../limits.js';
import { LineChart } from '../linechart.js';
import { ProgressBar } from '../progress.js';
import { Notice } from '../notice.js';
import { architecture, inLine, modelTitle, percent, taskLabel } from '../chars.js';

const d3 = window.d3;
const SCHEMA = strings({
  task: '', dataset: '', window: '', cell: '', name: '', hidden: '', layers: '', learningRate: '', batch: '', seed: '',
  maxSeconds: '', afterLearned: '', trainMax: '', lengths: '', job: '',
});

const state = readState(SCHEMA);
const notice = new Notice(document.getElementById('notice'));
const form = new TrainForm(document.getElementById('train-form-panel'));
const progress = new ProgressBar(document.getElementById('progress'));
const statusLine = document.getElementById('job-status');
const result = document.getElementById('result');
const lossChart = new LineChart(document.getElementById('loss-chart'), {
  height: 170, series: [{ key: 'loss', label: 'loss (per character)', color: '#f59322' }],
  xLabel: 'sequences seen', yInclude: [0], yFormat: d3.format('.2f'), emptyXDomain: [0, 1000], emptyYDomain: [0, 1.5], xMin: 0,
});
const accuracyChart = new LineChart(document.getElementById('accuracy-chart'), {
  height: 170, series: [{ key: 'accuracy', label: 'test accuracy', color: '#0877bd' }],
  xLabel: 'sequences seen', yDomain: [0, 1], yFormat: d3.format('.0%'), emptyXDomain: [0, 1000], xMin: 0,
});

let job = null;
/** The id of the last job whose end was shown. */
let ended = null;
let stopFollowing = null;
/** A start waiting to be tried again after a 429: {timer, config}. Stop cancels it. */
let retry = null;

form.on('change', (values) => { Object.assign(state, values); writeState(SCHEMA, state); });
form.on('submit', start);
form.on('stop', stop);

async function init() {
  try {
    const [tasks, cells, limits, datasets] = await Promise.all([
      api.tasks(), api.cells(), serverLimits(), datasetsApi.list().catch(() => []),
    ]);
    form.setLimits(limits?.train, limits?.datasetTrain, limits?.name);
    form.setOptions(tasks, cells, datasets);
    const bad = form.setValues(state);
    if (bad.length) notice.info(`Some settings in the link could not be used (${bad.join(', ')}); they are marked below.`);
    Object.assign(state, form.values());
    writeState(SCHEMA, state);
  } catch (err) {
    notice.error(err, 'Could not load the tasks and cell types');
    return;
  }
  progress.set(0, 'Not started. Pick the settings and press Start.', 'idle');
  setStatus('idle', 'idle');
  if (state.job) resume(state.job);
}

async function start(config) {
  notice.clear();
  result.replaceChildren();
  form.setRunning(true);
  try {
    const response = await api.createModel(config);
    job = response.job;
    state.job = job.id;
    writeState(SCHEMA, state);
    lossChart.clear();
    accuracyChart.clear();
    lastX = -1;
    describeCharts(!!config.dataset);
    setStatus(job.status, `${job.status} · ${modelTitle(response.model)}`);
    showQueued(job.queue);
    follow(job.id);
  } catch (err) {
    if (err.status === 429 && err.limit !== 'stored-models') {
      waitAndRetry(config, err);
      return;
    }
    form.setRunning(false);
    notice.error(err, 'The server refused to start training');
    form.showServerError(err.field, typeof err.detail === 'string' && err.detail ? err.detail : err.message);
  }
}

/** A full queue (or this person's limit) is a wait, not a failure: say when, and try again by itself. */
function waitAndRetry(config, err) {
  let left = Math.max(1, err.retryAfter ?? 10);
  const why = err.limit === 'queue' ? 'Every place in the training queue is taken.'
    : err.limit === 'jobs-per-client' ? 'You already have as many trainings queued or running as one person may have.'
      : 'You have started many trainings in the last minute.';
  setStatus('waiting', 'waiting');
  const tick = () => {
    if (left <= 0) { retry = null; start(config); return; }
    progress.set(0, `${why} Trying again in ${left} s…`, 'queued');
    notice.info(`${why} Trying again by itself in ${left} s — or press Stop to give up.`);
    left -= 1;
    retry = { timer: setTimeout(tick, 1000), config };
  };
  tick();
}

function showQueued(place) {
  setStatus('queued', 'queued');
  progress.set(0, `Waiting for a free trainer: ${inLine(place)}.`, 'queued');
}

async function stop() {
  if (retry) {
    clearTimeout(retry.timer);
    retry = null;
    notice.clear();
    form.setRunning(false);
    setStatus('idle', 'idle');
    progress.set(0, 'Not started. Pick the settings and press Start.', 'idle');
    return;
  }
  if (!job) return;
  const stopping = job.id;
  form.stopButton.disabled = true;
  try {
    await api.cancelJob(stopping);
    // the job's end may come over its event stream before this answer: it is not stopping any more then
    if (ended !== stopping) setStatus('stopping', 'stopping…');
  } catch (err) {
    notice.error(err, 'Could not stop the job');
    form.stopButton.disabled = false;
  }
}

/** Reload with ?job=… : show what happened so far and keep following if it still runs. */
async function resume(jobId) {
  try {
    job = await api.job(jobId);
  } catch (err) {
    notice.error(err, 'Could not find that training job');
    state.job = '';
    writeState(SCHEMA, state);
    return;
  }
  for (const point of job.curve || []) addPoint(point);
  if (job.status === 'queued' || job.status === 'running') {
    form.setRunning(true);
    setStatus(job.status, job.status);
    if (job.status === 'queued') showQueued(job.queue);
    follow(job.id);
  } else {
    finish(job.status, job);
  }
}

function follow(jobId) {
  stopFollowing?.();
  stopFollowing = followJob(jobId, {
    progress: (p) => {
      setStatus('running', 'running');
      addPoint(p);
      const acc = Number.isFinite(p.bitsPerCharacter)
        ? ` · ${fmt(p.bitsPerCharacter)} bits/char · next-character accuracy ${percent(p.testAccuracy)}`
        : p.testAccuracy === null || p.testAccuracy === undefined ? '' : ` · test accuracy ${percent(p.testAccuracy)}`;
      progress.set(p.fraction, `${Math.round(p.elapsedSeconds ?? 0)} s · step ${p.step} · ${fmtInt(p.sequences)} sequences · loss ${fmt(p.loss)}${acc}`, 'running');
    },
    queued: (place) => showQueued(place),
    end: (kind, finalJob) => finish(kind, finalJob),
    error: (message) => { notice.error(new Error(message)); form.setRunning(false); },
  });
}

let lastX = -1;
function addPoint(p) {
  const x = p.sequences ?? p.step;
  if (x === undefined || x === lastX) return;
  lastX = x;
  // a dataset model: the held-out bits per character in place of the training loss
  if (Number.isFinite(p.bitsPerCharacter)) { describeCharts(true); lossChart.append('loss', { x, y: p.bitsPerCharacter }); }
  else if (Number.isFinite(p.loss)) lossChart.append('loss', { x, y: p.loss });
  if (Number.isFinite(p.testAccuracy)) accuracyChart.append('accuracy', { x, y: p.testAccuracy });
}

async function finish(kind, finalJob) {
  form.setRunning(false);
  job = finalJob || job;
  ended = job?.id ?? null;
  setStatus(kind, kind);
  if (finalJob && Array.isArray(finalJob.curve) && finalJob.curve.length) {
    lastX = -1;
    lossChart.clear();
    accuracyChart.clear();
    for (const point of finalJob.curve) addPoint(point);
  }
  const p = job && job.progress;
  const fraction = kind === 'done' ? 1 : (p ? p.fraction : 0);
  const reached = p ? ` at step ${p.step.toLocaleString('en')}: loss ${fmt(p.loss)}, test accuracy ${percent(p.testAccuracy)}` : '';
  progress.set(fraction, kind === 'done' ? 'Finished.' : kind === 'cancelled' ? `Stopped${reached}.` : 'Failed.', kind);
  if (kind === 'failed') notice.error(new Error(job && job.error ? job.error : 'Training failed.'), 'Training failed');
  if (!job || !job.modelId) return;
  let model = null;
  try { model = await api.model(job.modelId); } catch { /* deleted or never saved */ }
  const box = document.createElement('div');
  box.className = `result-box result-${kind}`;
  const text = document.createElement('p');
  if (model && kind === 'done') {
    const learned = model.training && model.training.secondsToLearn !== null && model.training.secondsToLearn !== undefined
      ? ` It reached 100% after ${model.training.secondsToLearn.toFixed(1)} s.` : '';
    text.textContent = model.datasetKind
      ? `${model.task} · ${architecture(model)}: ${fmt(model.bitsPerCharacter)} bits per character, next-character accuracy ${percent(model.testAccuracy)} on the test split.`
      : `${taskLabel(model.task)} · ${architecture(model)}: test accuracy ${percent(model.testAccuracy)}, generalisation ${percent(model.generalizationAccuracy)}.${learned}`;
  } else if (kind === 'cancelled' && model && model.traceable) {
    text.textContent = `Stopped at step ${(model.steps ?? p?.step ?? 0).toLocaleString('en')}: test accuracy ${percent(model.testAccuracy)}, `
      + `generalisation ${percent(model.generalizationAccuracy)}${p ? `, loss ${fmt(p.loss)}` : ''}. The model keeps the weights it had then; every view works with them.`;
  } else if (kind === 'cancelled') {
    text.textContent = 'Training was stopped before its first step; no model was produced.';
  } else if (kind !== 'done') {
    text.textContent = 'No model was produced.';
  }
  box.append(text);
  if (model && model.traceable) {
    const link = document.createElement('a');
    link.className = 'button button-primary';
    link.id = 'model-link';
    link.href = `/models/${encodeURIComponent(model.id)}`;
    link.textContent = `Open ${modelTitle(model)} →`;
    box.append(link);
    if (model.datasetKind) {
      const text = document.createElement('a');
      text.className = 'button';
      text.id = 'text-view-link';
      text.href = `/models/${encodeURIComponent(model.id)}/text`;
      text.textContent = 'Text view →';
      box.append(text);
    }
  }
  result.replaceChildren(box);
}

/** Chart titles: loss and test accuracy for a task, held-out bits per character and next-character accuracy for a dataset. */
function describeCharts(dataset) {
  document.getElementById('loss-title').textContent = dataset ? 'Bits per character (test split)' : 'Loss';
  document.getElementById('accuracy-title').textContent = dataset ? 'Next-character accuracy' : 'Test accuracy';
}

function setStatus(kind, text) {
  statusLine.className = `job-status status-chip status-${kind}`;
  statusLine.textContent = text;
  statusLine.dataset.status = kind;
}

function fmt(value) { return Number.isFinite(value) ? value.toFixed(3) : '—'; }
function fmtInt(value) { return Number.isFinite(value) ? value.toLocaleString('en') : '—'; }

init();
