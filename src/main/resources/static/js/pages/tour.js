/**
 * A guided tour of a task's model: one step at a time, each driving a real view to a state, highlighting the
 * part to look at and saying what it shows with numbers computed from this model (the tour is data: see
 * tour/runner.js and the modules in tours/). ?model= picks another model of the task, ?step= the step; Back,
 * Next and the arrow keys move between steps, each a history entry.
 */
import { analysisApi, api, mechanismApi } from '../api.js';
import { pushState, readState, restoreOnHistory, writeState } from '../url-state.js';
import { ModelHeader } from '../model-header.js';
import { Notice } from '../notice.js';
import { modelTitle } from '../chars.js';
import { button, el, link, message } from '../dom.js';
import { clampStep, compose, load, remembering } from '../tour/runner.js';
import { drawView } from '../tour/stage.js';
import { tourHref } from '../tours/index.js';

const SCHEMA = { model: { type: 'string', default: '' }, step: { type: 'int', default: 1, min: 1 } };

const main = document.getElementById('tour');
const taskName = main.dataset.task;
const card = document.getElementById('tour-card');
const stage = document.getElementById('tour-stage');
const notice = new Notice(document.getElementById('notice'));
const header = new ModelHeader(document.getElementById('model-header'));
const state = readState(SCHEMA);

let tour = null;
let model = null;
let task = null;
let scope = null;
let call = null;
let showing = 0;

/** The API calls a tour may make, all about the model shown. */
function calls(id) {
  return {
    probes: ({ limit }) => analysisApi.probes(id, limit),
    unitProbes: (args) => analysisApi.unitProbes(id, args),
    lengthSweep: (args) => analysisApi.lengthSweep(id, args),
    intervene: (body) => analysisApi.intervene(id, body),
    card: ({ layer, unit, vector }) => mechanismApi.card(id, layer, unit, vector),
    byInput: ({ layer, unit, vector, groupBy }) => mechanismApi.byInput(id, layer, unit, { vector, groupBy }),
    patch: (body) => mechanismApi.patch(id, body),
    traceSamples: (args) => api.traceSamples(id, args),
    trace: ({ input, ...slice }) => api.trace(id, input, slice),
    generate: ({ prefix, max }) => api.generate(id, prefix, max),
  };
}

async function init() {
  try {
    tour = (await import(`../tours/${taskName}.js`)).default;
  } catch (err) {
    notice.error(err, `Could not load the tour of ${taskName}`);
    return;
  }
  const modelId = state.model || tour.task;
  try {
    model = await api.model(modelId);
    task = (await api.tasks()).find((t) => t.name === model.task) || null;
  } catch (err) {
    notice.error(err, `Could not open the model “${modelId}”`);
    return;
  }
  header.set(model, task, 'guided tour');
  document.title = `Tour: ${tour.title} · ${modelTitle(model)} · LSTM Explorer`;
  if (model.task !== tour.task) {
    const other = tourHref(model);
    notice.error(new Error(`${modelTitle(model)} is a model of ${model.task || 'no known task'}; this is the tour of ${tour.task}.`
      + (other ? ` Its own tour is at ${other}.` : '')));
    return;
  }
  if (!model.traceable) {
    notice.error(new Error(`${modelTitle(model)} is ${model.status}: it has no weights to show yet.`));
    return;
  }
  scope = { model, task };
  call = remembering(calls(model.id));
  try {
    await load(tour.data, scope, call);
  } catch (err) {
    notice.error(err, 'Could not compute what the tour shows');
    return;
  }
  state.step = clampStep(state.step, tour.steps.length);
  writeState(SCHEMA, state);
  show();
}

/** Draws the current step: its data first (shared calls are asked once), then the card and the view. */
async function show() {
  const number = state.step;
  const ask = ++showing;
  const step = tour.steps[number - 1];
  main.dataset.ready = 'false';
  renderCard(number, step.title.startsWith('=') ? '' : step.title, [el('p', 'tour-loading', 'Computing this step from the model…')], null);
  const stepScope = { ...scope };
  try {
    await load(step.data, stepScope, call);
  } catch (err) {
    if (ask !== showing) return;
    renderCard(number, step.title, [el('p', 'tour-error', `This step could not be computed for this model: ${message(err)}`)], null);
    stage.replaceChildren();
    main.dataset.step = String(number);
    main.dataset.ready = 'error';
    return;
  }
  if (ask !== showing) return;
  const shown = compose(step, stepScope);
  renderCard(number, shown.title, shown.sentences.map(sentence), shown.link);
  drawView(stage, shown.view, { model, task });
  main.dataset.step = String(number);
  main.dataset.stepId = step.id;
  main.dataset.ready = 'true';
}

/** One sentence: its text, every filled-in number a span naming the expression it came from. */
function sentence({ branch, parts }) {
  const p = el('p', `tour-sentence tour-${branch}`);
  p.dataset.branch = branch;
  for (const part of parts) {
    if (part.expr === undefined) { p.append(part.text); continue; }
    const value = el('span', `tour-num${part.missing ? ' tour-missing' : ''}`, part.text);
    value.dataset.expr = part.expr;
    if (typeof part.value === 'number' || typeof part.value === 'string') value.dataset.value = String(part.value);
    p.append(value);
  }
  if (branch === 'honest') p.title = 'The claim the tour makes does not hold for this model; this sentence says what does.';
  return p;
}

function renderCard(number, title, body, more) {
  const count = tour.steps.length;
  const progress = el('div', 'tour-progress', `${tour.title} · step ${number} of ${count}`);
  progress.id = 'tour-progress';
  const heading = el('h2', 'tour-title', title);
  heading.id = 'tour-title';
  const sentences = el('div', 'tour-sentences');
  sentences.id = 'tour-sentences';
  sentences.append(...body);
  const back = button('← Back', 'button', () => go(number - 1));
  back.id = 'tour-back';
  back.disabled = number <= 1;
  const next = button(number < count ? 'Next →' : 'Done', 'button button-primary', () => (number < count ? go(number + 1) : leave()));
  next.id = 'tour-next';
  const dots = el('ol', 'tour-dots');
  tour.steps.forEach((s, i) => {
    const item = el('li');
    const a = link(String(i + 1), `?${new URLSearchParams({ ...(state.model ? { model: state.model } : {}), step: String(i + 1) })}`);
    a.title = s.title;
    if (i + 1 === number) a.setAttribute('aria-current', 'step');
    a.addEventListener('click', (event) => { event.preventDefault(); go(i + 1); });
    item.append(a);
    dots.append(item);
  });
  const nav = el('nav', 'tour-nav');
  nav.setAttribute('aria-label', 'Tour steps');
  nav.append(back, dots, next);
  const parts = [progress, heading, sentences, nav];
  if (more?.href) {
    const out = link(more.text, more.href, 'tour-open');
    out.id = 'tour-open';
    parts.push(el('p', 'hint tour-hint'));
    parts[parts.length - 1].append(out, ' · ← → move between steps');
  }
  card.replaceChildren(...parts);
}

function go(number) {
  if (!tour || number < 1 || number > tour.steps.length || number === state.step) return;
  state.step = number;
  pushState(SCHEMA, state);
  show();
}

function leave() { window.location.href = `/models/${encodeURIComponent(model.id)}`; }

document.addEventListener('keydown', (event) => {
  if (!scope || event.altKey || event.ctrlKey || event.metaKey) return;
  const tag = event.target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
  if (event.key === 'ArrowRight') { event.preventDefault(); go(state.step + 1); }
  if (event.key === 'ArrowLeft') { event.preventDefault(); go(state.step - 1); }
});
restoreOnHistory();

init();
