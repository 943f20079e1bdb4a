/**
 * The REST API (described by /openapi.json, shown on /api). Every call returns parsed JSON or throws an ApiError with the
 * HTTP status and the server's readable message, so pages can always show what went wrong.
 */
import { capitalise } from './chars.js';
import { unpackTrace } from './trace-data.js';

export class ApiError extends Error {
  constructor(status, message, detail = null, body = null, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.field = body && typeof body.field === 'string' ? body.field : null;            // 400/422: the offending field
    this.characters = body && Array.isArray(body.characters) ? body.characters : null;  // 422: outside the vocabulary
    this.limit = body && typeof body.limit === 'string' ? body.limit : null;            // 429: which limit was reached
    this.retryAfter = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null; // 429: seconds to wait
  }

  /** The API's precise wording: "not found — model 'x' does not exist (404)". */
  get readable() {
    const detail = typeof this.detail === 'string' && this.detail && this.detail !== this.message ? ` — ${this.detail}` : '';
    return this.status ? `${this.message}${detail} (${this.status})` : `${this.message}${detail}`;
  }

  /** The same for a person, in plain words: "Only the person who made this model can delete it." */
  get plain() { return plainMessage(this); }
}

/** A person's sentence for an API error; the precise text stays in err.readable (and the console). */
export function plainMessage(err) {
  const detail = typeof err.detail === 'string' ? err.detail : '';
  if (err.status === 0) return err.message;
  if (err.status === 403) {
    if (/gallery model/.test(detail)) return 'The task models belong to the server and cannot be deleted.';
    if (/\bstop\b/.test(detail)) return 'Only the person who started this training can stop it.';
    if (/\bdelete\b/.test(detail)) return 'Only the person who made this model can delete it.';
    return 'Only the person who made this model can do that.';
  }
  if (err.status === 429) {
    const wait = err.retryAfter ? ` Try again in about ${err.retryAfter} s.` : '';
    if (err.limit === 'queue') return `Every place in the training queue is taken.${wait}`;
    if (err.limit === 'jobs-per-client') return `You already have as many trainings queued or running as one person may have. Stop one, or wait until one finishes.${wait}`;
    if (err.limit === 'stored-models') return 'This server keeps no more models; delete some of yours first.';
    return `The server is busy with many requests from you.${wait}`;
  }
  const unit = /unit must be from (\d+) to (\d+); got (-?\d+)/.exec(detail);
  if (unit) return `Unit ${unit[3]} does not exist; this layer has units ${unit[1]}–${unit[2]}.`;
  const layer = /layer must be from (\d+) to (\d+); got (-?\d+)/.exec(detail);
  if (layer) return `Layer ${Number(layer[3]) + 1} does not exist; this model has ${layerCount(Number(layer[2]) + 1)}.`;
  if (err.status === 404) return detail ? `${capitalise(detail)}. It may have been deleted.` : 'Not found. It may have been deleted.';
  if (err.status >= 500) return `Something went wrong on the server${detail ? `: ${detail}` : ''}. Try again.`;
  return capitalise(detail || err.message) + (/[.!?]$/.test(detail || err.message) ? '' : '.');
}

function layerCount(n) { return n === 1 ? '1 layer' : `layers 1 to ${n}`; }


const enc = encodeURIComponent;

function query(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Owner tokens of the models this browser created, by model id and job id: the server hands one out
 * when a model is created and asks for it to stop or delete the model.
 */
const TOKENS_KEY = 'lstm-explorer.owner-tokens';

function ownerTokens() {
  try { return JSON.parse(localStorage.getItem(TOKENS_KEY)) || {}; } catch { return {}; }
}

function rememberOwner(created) {
  if (!created || typeof created.ownerToken !== 'string') return created;
  const tokens = ownerTokens();
  const ids = [created.model?.id, created.job?.id, created.lab?.id, created.lab?.jobId, created.id].filter((id) => typeof id === 'string');
  for (const id of ids) tokens[id] = created.ownerToken;
  try { localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens)); } catch { /* private mode: the session cannot stop it later */ }
  return created;
}

/** The instructor's token, once entered on this browser: it may stop or delete any user model. */
const INSTRUCTOR_KEY = 'lstm-explorer.instructor-token';

export const ownership = {
  /** True when this browser created the model (it holds its owner token). */
  owns: (id) => typeof ownerTokens()[id] === 'string',
  instructor: () => { try { return localStorage.getItem(INSTRUCTOR_KEY) || ''; } catch { return ''; } },
  setInstructor: (token) => {
    try {
      if (token) localStorage.setItem(INSTRUCTOR_KEY, token); else localStorage.removeItem(INSTRUCTOR_KEY);
    } catch { /* private mode: the token lasts for this page only */ }
  },
  /** May this browser delete (or stop) the model? */
  mayChange: (id) => ownership.owns(id) || !!ownership.instructor(),
};

/** Lets this browser act as the owner of {@code to} (a lab's model) with the token it holds for {@code from} (the lab). */
export function shareOwner(from, to) {
  const tokens = ownerTokens();
  if (!tokens[from] || tokens[to] === tokens[from]) return;
  tokens[to] = tokens[from];
  try { localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens)); } catch { /* private mode */ }
}

function ownerHeader(id) {
  const token = ownerTokens()[id] || ownership.instructor();
  return token ? { 'X-Owner-Token': token } : {};
}

async function request(method, path, { body, signal, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: { ...(body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, 'Cannot reach the LSTM Explorer server — is it still running?');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const message = data && typeof data.error === 'string' ? data.error : (response.statusText || 'Request failed');
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(response.status, message, data ? data.detail ?? null : text.slice(0, 200), data, retryAfter);
  }
  if (data === null && text) throw new ApiError(response.status, 'The server sent something that is not JSON');
  return data;
}

/**
 * Uploads a model file (a File or Blob of JSON) to the import endpoint with XMLHttpRequest, the one
 * browser API that reports upload progress: onProgress(sentBytes, totalBytes) while it sends, then
 * onProgress(total, total) once the server has it all and is parsing. Resolves to the ModelInfo; the
 * owner token is kept as for trained models.
 */
function uploadModel(file, { name, task } = {}, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/models/import${query({ name, task })}`);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => onProgress(file.size, file.size);
    xhr.onerror = () => reject(new ApiError(0, 'Cannot reach the LSTM Explorer server — is it still running?'));
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300 && data) resolve(rememberOwner(data));
      else reject(new ApiError(xhr.status, data && typeof data.error === 'string' ? data.error : (xhr.statusText || 'Upload failed'),
        data ? data.detail ?? null : xhr.responseText.slice(0, 200), data));
    };
    xhr.send(file);
  });
}

export const api = {
  health: (opts) => request('GET', '/api/health', opts),
  /** The OpenAPI document: every endpoint, and the ranges of every parameter (see limits.js). */
  openapi: (opts) => request('GET', '/openapi.json', opts),
  tasks: (opts) => request('GET', '/api/tasks', opts),
  cells: (opts) => request('GET', '/api/cells', opts),
  /** n sequences of a task's fixed split: {task, split, total, offset, sequences} (each ends in "\n"). */
  samples: (task, { split = 'test', n = 1, offset = 0 } = {}, opts) =>
    request('GET', `/api/tasks/${enc(task)}/samples${query({ split, n, offset })}`, opts),
  /** The cell scoreboard: one row per task × cell type, as bench --cells all wrote it. */
  scoreboard: (opts) => request('GET', '/api/scoreboard', opts),
  models: (opts) => request('GET', '/api/models', opts),
  model: (id, opts) => request('GET', `/api/models/${enc(id)}`, opts),
  deleteModel: (id, opts) => request('DELETE', `/api/models/${enc(id)}`, { ...opts, headers: ownerHeader(id) }),
  createModel: async (config, opts) => rememberOwner(await request('POST', '/api/models', { ...opts, body: config })),
  importModel: uploadModel,
  openapi: (opts) => request('GET', '/openapi.json', opts),

  /** Traces literal text (the caller prepends the "\n" start token). slice: {layer, vectors, units, from, to}. */
  trace: async (id, input, slice = {}, opts = {}) => {
    const trace = await request('POST', `/api/models/${enc(id)}/trace${opts.f32 ? '?encoding=f32' : ''}`, { ...opts, body: { input, ...slice } });
    return opts.f32 ? unpackTrace(trace) : trace;
  },

  /**
   * Traces n dataset sequences: {model, split, traces:[...]}. opts.f32: the server sends the numbers as base64
   * float32 (a quarter of the bytes, for large models), unpacked here into the same shape.
   */
  traceSamples: async (id, { sample = 'test', n = 5, offset = 0, ...slice } = {}, opts = {}) => {
    const response = await request('GET', `/api/models/${enc(id)}/trace${query({ sample, n, offset, ...slice, encoding: opts.f32 ? 'f32' : null })}`, opts);
    return opts.f32 ? { ...response, traces: response.traces.map(unpackTrace) } : response;
  },

  generate: (id, prefix, max = 200, opts) => request('POST', `/api/models/${enc(id)}/generate`, { ...opts, body: { prefix, max } }),

  job: (id, opts) => request('GET', `/api/jobs/${enc(id)}`, opts),
  cancelJob: (id, opts) => request('DELETE', `/api/jobs/${enc(id)}`, { ...opts, headers: ownerHeader(id) }),
  jobEventsUrl: (id) => `/api/jobs/${enc(id)}/events`,

  /** The counting lab: {lab, ownerToken} (the token is kept, and opens the lab's models too). */
  startLab: async (lab, opts) => rememberOwner(await request('POST', '/api/labs', { ...opts, body: lab })),
  lab: (id, opts) => request('GET', `/api/labs/${enc(id)}`, opts),
  cancelLab: (id, opts) => request('DELETE', `/api/labs/${enc(id)}`, { ...opts, headers: ownerHeader(id) }),
  labExportUrl: (id, format) => `/api/labs/${enc(id)}/export?format=${enc(format)}`,
};

/**
 * Follows a training job over Server-Sent Events. handlers: {progress(Progress), queued(QueuePlace), end(kind, Job),
 * error(message)}.
 * Returns a function that stops listening.
 */
export function followJob(jobId, handlers) {
  const source = new EventSource(api.jobEventsUrl(jobId));
  let finished = false;
  const parse = (event) => {
    try { return JSON.parse(event.data); } catch { return null; }
  };
  source.addEventListener('progress', (event) => {
    const progress = parse(event);
    if (progress) handlers.progress?.(progress);
  });
  source.addEventListener('queued', (event) => {
    const place = parse(event);
    if (place) handlers.queued?.(place);
  });
  for (const kind of ['done', 'failed', 'cancelled']) {
    source.addEventListener(kind, (event) => {
      finished = true;
      source.close();
      handlers.end?.(kind, parse(event));
    });
  }
  source.onerror = () => {
    if (finished) return;
    // The browser retries by itself while the state is CONNECTING; a CLOSED source will not come back.
    if (source.readyState === EventSource.CLOSED) handlers.error?.('Lost the connection to the training job.');
  };
  return () => { finished = true; source.close(); };
}

/** The analysis endpoints (probes, hypothesis, interventions, saturation, sweep, gradient flow, replay). */
export const analysisApi = {
  probes: (id, limit = 30, opts) => request('GET', `/api/models/${enc(id)}/probes${query({ limit })}`, opts),
  /** Every unit of one layer and vector by |r| with one variable: {ranking: [{unit, r, …}], variables}. */
  unitProbes: (id, { layer, vector, variable, limit }, opts) =>
    request('GET', `/api/models/${enc(id)}/probes${query({ layer, vector, variable, limit })}`, opts),
  hypothesis: (id, body, opts) => request('POST', `/api/models/${enc(id)}/hypothesis`, { ...opts, body }),
  intervene: (id, body, opts) => request('POST', `/api/models/${enc(id)}/intervene`, { ...opts, body }),
  saturation: (id, opts) => request('GET', `/api/models/${enc(id)}/saturation`, opts),
  lengthSweep: (id, { perSize = 20, seed = 1 } = {}, opts) => request('GET', `/api/models/${enc(id)}/length-sweep${query({ perSize, seed })}`, opts),
  gradientFlow: (id, sequence, target, opts) => request('POST', `/api/models/${enc(id)}/gradient-flow`, { ...opts, body: { sequence, target } }),
  replay: (id, input, layer, opts) => request('GET', `/api/models/${enc(id)}/replay${query({ input, layer })}`, opts),
};

/** How the network computes: dynamics, patching between inputs, attribution, unit cards and unit search. */
export const mechanismApi = {
  dynamics: (id, { layer = 0, vectors, point } = {}, opts) => request('GET', `/api/models/${enc(id)}/dynamics${query({ layer, vectors, point })}`, opts),
  /** Starts (or joins) the dynamics as a job: {id, status, fraction, stage, done, total, result}; id null and result set when cached. */
  startDynamics: (id, { layer = 0, vectors, point } = {}, opts) =>
    request('POST', `/api/models/${enc(id)}/dynamics/jobs${query({ layer, vectors, point })}`, opts),
  dynamicsJob: (id, job, opts) => request('GET', `/api/models/${enc(id)}/dynamics/jobs/${enc(job)}`, opts),
  cancelDynamics: (id, job, opts) => request('DELETE', `/api/models/${enc(id)}/dynamics/jobs/${enc(job)}`, opts),
  probes: (id, opts) => request('GET', `/api/models/${enc(id)}/probes${query({ limit: 1 })}`, opts),
  patch: (id, body, opts) => request('POST', `/api/models/${enc(id)}/patch`, { ...opts, body }),
  patchEffects: (id, body, opts) => request('POST', `/api/models/${enc(id)}/patch/effects`, { ...opts, body }),
  attribution: (id, body, opts) => request('POST', `/api/models/${enc(id)}/attribution`, { ...opts, body }),
  card: (id, layer, unit, vector, opts) => request('GET', `/api/models/${enc(id)}/layers/${layer}/units/${unit}/card${query({ vector })}`, opts),
  /** One unit's value by the character it reads over the test set: {groups: [{ch, variable, count, mean, min, max}]}. */
  byInput: (id, layer, unit, { vector, groupBy } = {}, opts) =>
    request('GET', `/api/models/${enc(id)}/layers/${layer}/units/${unit}/by-input${query({ vector, groupBy })}`, opts),
  searchUnits: (id, q, limit = 10, opts) => request('GET', `/api/models/${enc(id)}/units/search${query({ q, limit })}`, opts),
};

/** Datasets: upload (with progress), list, samples, delete; and the text view of a model. */
export const datasetsApi = {
  list: (opts) => request('GET', '/api/datasets', opts),
  get: (id, opts) => request('GET', `/api/datasets/${enc(id)}`, opts),
  samples: (id, { split = 'test', n = 10, offset = 0 } = {}, opts) =>
    request('GET', `/api/datasets/${enc(id)}/samples${query({ split, n, offset })}`, opts),
  remove: (id, opts) => request('DELETE', `/api/datasets/${enc(id)}`, { ...opts, headers: ownerHeader(id) }),
  /** One unit of a model over a long text: {text, values, min, max, ...}; input null for the model's test text. */
  textView: (modelId, { input = null, layer = 0, vector = 'hidden', unit = 0 } = {}, opts) =>
    request('POST', `/api/models/${enc(modelId)}/text`, { ...opts, body: { ...(input === null ? {} : { input }), layer, vector, unit } }),

  /**
   * Uploads a text as text/plain. fetch cannot report upload progress, so this uses XMLHttpRequest;
   * onProgress(fraction) hears it. Resolves with the Dataset (its owner token remembered), rejects with an ApiError.
   */
  upload: (file, { name, kind, onProgress = () => {} }) => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/datasets${query({ name, kind })}`);
    xhr.setRequestHeader('Content-Type', 'text/plain; charset=utf-8');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'Cannot reach the LSTM Explorer server — is it still running?')));
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300 && data) { onProgress(1); resolve(rememberOwner(data)); return; }
      const message = data && typeof data.error === 'string' ? data.error : (xhr.statusText || 'Upload failed');
      reject(new ApiError(xhr.status, message, data ? data.detail ?? null : xhr.responseText.slice(0, 200), data));
    });
    xhr.send(file);
  }),
};
