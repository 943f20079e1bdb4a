/**
 * View state lives in the URL so a reload or a shared link shows the same view.
 * A schema maps each key to {type: 'string'|'int'|'bool', default} (ints may have min and max, strings a list of
 * values: anything else reads as the default); values equal to the default stay out of the URL.
 */
/** One schema from several slices (a page's own keys, each panel's); a key declared twice is a mistake and throws. */
export function mergeSchemas(...schemas) {
  const merged = {};
  for (const schema of schemas) {
    for (const [key, spec] of Object.entries(schema)) {
      if (key in merged) throw new Error(`URL key "${key}" is declared twice`);
      merged[key] = spec;
    }
  }
  return merged;
}

/** String keys by their defaults, e.g. strings({ task: 'anbn' }) for { task: { type: 'string', default: 'anbn' } }. */
export function strings(defaults) {
  return Object.fromEntries(Object.entries(defaults).map(([key, value]) => [key, { type: 'string', default: value }]));
}

export function readState(schema, search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const [key, spec] of Object.entries(schema)) {
    const raw = params.get(key);
    state[key] = raw === null ? spec.default : parse(raw, spec);
  }
  return state;
}

function parse(raw, spec) {
  switch (spec.type) {
    case 'int': {
      const value = Number.parseInt(raw, 10);
      if (!Number.isFinite(value)) return spec.default;
      if (spec.min !== undefined && value < spec.min) return spec.min;
      if (spec.max !== undefined && value > spec.max) return spec.max;
      return value;
    }
    case 'bool': return raw === '1' || raw === 'true';
    default: return spec.values && !spec.values.includes(raw) ? spec.default : raw;
  }
}

/** Builds the query string for state (defaults and empty values omitted). */
export function toSearch(schema, state) {
  const params = new URLSearchParams();
  for (const [key, spec] of Object.entries(schema)) {
    const value = state[key];
    if (value === undefined || value === null || value === '' || value === spec.default) continue;
    if (spec.type === 'bool') { if (value) params.set(key, '1'); continue; }
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Replaces the current history entry (no reload): optionally a new path, always the new query. */
export function writeState(schema, state, path = window.location.pathname) {
  const url = `${path}${toSearch(schema, state)}`;
  if (url !== `${window.location.pathname}${window.location.search}`) history.replaceState(null, '', url);
}

/**
 * A new history entry (no reload) for a deliberate choice (a model, layer, vector, tab or unit), so that Back
 * returns to the view before it; typing goes through writeState and replaces the entry instead.
 */
export function pushState(schema, state, path = window.location.pathname) {
  const url = `${path}${toSearch(schema, state)}`;
  if (url !== `${window.location.pathname}${window.location.search}`) history.pushState(null, '', url);
}

/** Back and Forward between entries of this page: the page is rebuilt from the address, as a reload would. */
export function restoreOnHistory() {
  window.addEventListener('popstate', () => window.location.reload());
}
