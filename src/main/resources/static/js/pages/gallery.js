/**
 * Gallery: a card per model, the four task models and the code model first, then this browser's own, then (collapsed)
 * everyone else's on the server. Delete shows only where it would work: on the browser's own models,
 * or everywhere once the instructor's token is entered.
 */
import { analysisApi, api, datasetsApi, followJob, ownership } from '../api.js';
import { ModelCard } from '../model-card.js';
import { Notice } from '../notice.js';
import { scaleFor } from '../colors.js';
import { unitMatrix } from '../trace-data.js';
import { el, link } from '../dom.js';

const notice = new Notice(document.getElementById('notice'));
const galleryGrid = document.getElementById('gallery-models');
const userGrid = document.getElementById('user-models');
const othersSection = document.getElementById('others-section');
const othersGrid = document.getElementById('other-models');
const cards = new Map();
const following = new Map();
let cellVectors = new Map();
let descriptions = new Map();
let corpora = [];

/**
 * Cards come at once: while the gallery models train on a first start, each shows its progress and is
 * filled in when its job ends. Until the server is ready the list is polled, so a card appears as soon
 * as its job is queued.
 */
async function load() {
  const [cells, tasks, datasets] = await Promise.all([api.cells().catch(() => []), api.tasks().catch(() => []),
    datasetsApi.list().catch(() => [])]);
  cellVectors = new Map(cells.map((c) => [c.name, c.vectors]));
  descriptions = new Map(tasks.map((t) => [t.name, t.description]));
  corpora = datasets.filter((d) => d.gallery);
  for (let attempt = 0; ; attempt++) {
    try {
      const [health, models] = await Promise.all([api.health(), api.models()]);
      // each call draws the cards once; while it polls, again only when a model came or went
      const shown = [...cards.keys()].join('|');
      if (attempt === 0 || models.map((m) => m.id).join('|') !== shown) {
        await describeCorpora(models);
        render(models);
        for (const m of models) if (m.gallery && m.datasetKind && m.status === 'ready') describeUnit(m);
      }
      if (health.ready) { notice.clear(); return; }
      notice.info('Training the gallery models… each card fills in when its model is ready.');
    } catch (err) {
      notice.error(err, 'Could not load the models');
    }
    await sleep(Math.min(3000, 500 + attempt * 250));
  }
}

function render(models) {
  galleryGrid.replaceChildren();
  userGrid.replaceChildren();
  othersGrid.replaceChildren();
  cards.clear();
  const own = models.filter((m) => !m.gallery && ownership.owns(m.id));
  const others = models.filter((m) => !m.gallery && !ownership.owns(m.id));
  for (const model of models) addCard(model);
  othersSection.hidden = !others.length;
  document.getElementById('others-count').textContent = `(${others.length})`;
  if (!own.length) {
    const empty = el('div', 'empty-state');
    empty.append(el('span', '', 'No models of your own yet. '), link('Train one', '/train'), ' — it takes a few seconds.');
    userGrid.append(empty);
  }
  document.body.dataset.loaded = 'true';
  loadThumbnails(models.filter((m) => m.traceable));
}

/** The description of each gallery model that reads a gallery dataset (the code model), once. */
async function describeCorpora(models) {
  for (const d of corpora) {
    if (descriptions.has(d.id) || !models.some((m) => m.id === d.id)) continue;
    const model = await api.model(d.id).catch(() => null);
    if (model) descriptions.set(d.id, corpusDescription(model, d));
  }
}

/** How a corpus model was made, from its own training summary and its dataset. */
function corpusDescription(model, dataset) {
  const s = model && model.training;
  const made = s ? ` ${s.config.layers}×${s.config.hidden} ${s.config.cell}, trained ${Math.round(s.seconds)} s (${s.steps.toLocaleString('en')} steps`
    + ` of ${s.config.batch} windows of ${s.config.window}) with the train command the README shows.` : '';
  return `Trained on ${dataset.name}: ${dataset.characters.toLocaleString('en')} characters of this project’s code, frozen in `
    + `datasets/${dataset.id}/, the last 10% held out.${made}`;
}

/** The unit the probes rank best for the line position or the indentation, with the text view that shows it. */
async function describeUnit(model) {
  try {
    const board = await analysisApi.probes(model.id, 1);
    const best = ['line_position', 'indent'].map((v) => board.best.find((p) => p.variable === v))
      .filter(Boolean).sort((a, b) => Math.abs(b.r) - Math.abs(a.r))[0];
    if (!best) return;
    const href = `/models/${encodeURIComponent(model.id)}/text?layer=${best.layer}&vector=${best.vector}&unit=${best.unit}`;
    cards.get(model.id)?.setNote(`The probes find: ${best.sentence}.`, href, 'See it in the text view →');
  } catch { /* the note is optional */ }
}

function addCard(model) {
  const grid = model.gallery ? galleryGrid : ownership.owns(model.id) ? userGrid : othersGrid;
  const card = new ModelCard(grid, model, model.gallery ? descriptions.get(model.task) || '' : '',
    { deletable: !model.gallery && ownership.mayChange(model.id) });
  card.on('delete', ({ id }) => remove(id));
  cards.set(model.id, card);
  if (model.status === 'training' && model.jobId) follow(model);
  return card;
}

function follow(model) {
  if (following.has(model.id)) return;
  const stop = followJob(model.jobId, {
    progress: (progress) => cards.get(model.id)?.setProgress(progress),
    queued: (place) => cards.get(model.id)?.setQueue(place),
    end: async () => {
      following.delete(model.id);
      try {
        const fresh = await api.model(model.id);
        const card = cards.get(model.id);
        if (!card) return;
        card.set(fresh);
        if (fresh.traceable) loadThumbnails([fresh]);
      } catch (err) {
        notice.error(err, `Reloading ${model.id}`);
      }
    },
    error: (message) => { following.delete(model.id); notice.error(new Error(message), model.id); },
  });
  following.set(model.id, stop);
}

function thumbnailVector(model) {
  const vectors = cellVectors.get(model.cell) || [];
  return vectors.includes('cell') ? 'cell' : 'hidden';
}

/** Two at a time: the server has other work to do. */
async function loadThumbnails(models) {
  const queue = models.slice();
  const worker = async () => {
    while (queue.length) {
      const model = queue.shift();
      const card = cards.get(model.id);
      if (!card) continue;
      const vector = thumbnailVector(model);
      try {
        const result = await api.traceSamples(model.id, { sample: 'test', n: 3, layer: 0, vectors: vector });
        card.setThumbnail(unitMatrix(result.traces, 0, vector), scaleFor(vector), vector);
      } catch (err) {
        card.thumbnailFailed(err.readable || 'no trace');
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

async function remove(id) {
  if (!window.confirm(`Delete the model ${id}? This cannot be undone.`)) return;
  try {
    await api.deleteModel(id);
    following.get(id)?.();
    following.delete(id);
    const card = cards.get(id);
    card?.root.remove();
    cards.delete(id);
    if (!userGrid.querySelector('.model-card') || !othersGrid.querySelector('.model-card')) load();
  } catch (err) {
    notice.error(err, `Deleting ${id}`);
  }
}

function setUpInstructor() {
  const details = document.getElementById('instructor');
  const input = document.getElementById('instructor-token');
  const status = document.getElementById('instructor-status');
  const show = () => {
    status.textContent = ownership.instructor() ? 'Token saved in this browser: Delete shows on every model.' : '';
    document.body.dataset.instructor = String(!!ownership.instructor());
  };
  details.open = !!ownership.instructor();
  show();
  document.getElementById('instructor-form').addEventListener('submit', (event) => {
    event.preventDefault();
    ownership.setInstructor(input.value.trim());
    input.value = '';
    show();
    load();
  });
  document.getElementById('instructor-forget').addEventListener('click', () => {
    ownership.setInstructor('');
    show();
    load();
  });
}

function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

setUpInstructor();
load();
