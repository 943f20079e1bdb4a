/**
 * The REST API (see API-CONTRACT.md). Every call returns parsed JSON or throws an ApiError with the
 * HTTP status and the server's readable message, so pages can always show what went wrong.
 */
export class ApiError extends Error {
  constructor(status, message, detail = null, body = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.field = body && typeof body.field === 'string' ? body.field : null;            // 400/422: the offending field
    this.characters = body && Array.isArray(body.characters) ? body.characters : null;  // 422: outside the vocabulary
  }

  /** A sentence for people: "Model not found (404)". */
  get readable() {
    const detail = typeof this.detail === 'string' && this.detail && this.detail !== this.message ? ` — ${this.detail}` : '';
    return this.status ? `${this.message}${detail} (${this.status})` : `${this.message}${detail}`;
  }
}

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
  const ids = [created.model?.id, created.job?.id, created.id].filter((id) => typeof id === 'string');
  for (const id of ids) tokens[id] = created.ownerToken;
  try { localStorage.setItem(TOKENS_KEY, JSON.stringify(tokens)); } catch { /* private mode: the session cannot stop it later */ }
  return created;
}

function ownerHeader(id) {
  const token = ownerTokens()[id];
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
    throw new ApiError(response.status, message, data ? data.detail ?? null : text.slice(0, 200), data);
  }
  if (data === null && text) throw new ApiError(response.status, 'The server sent something that is not JSON');
  return data;
}

export const api = {
  health: (opts) => request('GET', '/api/health', opts),
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

  /** Traces literal text (the caller prepends the "\n" start token). slice: {layer, vectors, units, from, to}. */
  trace: (id, input, slice = {}, opts) => request('POST', `/api/models/${enc(id)}/trace`, { ...opts, body: { input, ...slice } }),

  /** Traces n dataset sequences: {model, split, traces:[...]}. */
  traceSamples: (id, { sample = 'test', n = 5, offset = 0, ...slice } = {}, opts) =>
    request('GET', `/api/models/${enc(id)}/trace${query({ sample, n, offset, ...slice })}`, opts),

  generate: (id, prefix, max = 200, opts) => request('POST', `/api/models/${enc(id)}/generate`, { ...opts, body: { prefix, max } }),

  job: (id, opts) => request('GET', `/api/jobs/${enc(id)}`, opts),
  cancelJob: (id, opts) => request('DELETE', `/api/jobs/${enc(id)}`, { ...opts, headers: ownerHeader(id) }),
  jobEventsUrl: (id) => `/api/jobs/${enc(id)}/events`,
};

/**
 * Follows a training job over Server-Sent Events. handlers: {progress(Progress), end(kind, Job), error(message)}.
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
  hypothesis: (id, body, opts) => request('POST', `/api/models/${enc(id)}/hypothesis`, { ...opts, body }),
  intervene: (id, body, opts) => request('POST', `/api/models/${enc(id)}/intervene`, { ...opts, body }),
  saturation: (id, opts) => request('GET', `/api/models/${enc(id)}/saturation`, opts),
  lengthSweep: (id, { perSize = 20, seed = 1 } = {}, opts) => request('GET', `/api/models/${enc(id)}/length-sweep${query({ perSize, seed })}`, opts),
  gradientFlow: (id, sequence, target, opts) => request('POST', `/api/models/${enc(id)}/gradient-flow`, { ...opts, body: { sequence, target } }),
  replay: (id, input, layer, opts) => request('GET', `/api/models/${enc(id)}/replay${query({ input, layer })}`, opts),
};
