/**
 * The server's limits, read from /openapi.json — the one place they are stated — instead of repeated here:
 * the training form's ranges, the longest input, how many dataset sequences one trace takes.
 * limitsFrom(document) is pure; serverLimits() fetches the document once per page and answers null when it cannot
 * (the server still checks every request).
 */
import { api } from './api.js';

/** {min, max, exclusiveMin} of a JSON schema (null where it states none). */
export function rangeOf(schema = {}) {
  return { min: schema.minimum ?? null, max: schema.maximum ?? null, exclusiveMin: schema.exclusiveMinimum === true };
}

export function limitsFrom(doc) {
  const schemas = doc?.components?.schemas || {};
  const train = {};
  for (const [name, schema] of Object.entries(schemas.TrainRequest?.properties || {})) {
    if (schema.minimum !== undefined || schema.maximum !== undefined) train[name] = rangeOf(schema);
  }
  const traceParams = doc?.paths?.['/api/models/{id}/trace']?.get?.parameters || [];
  const n = traceParams.find((p) => p.name === 'n');
  return {
    train,
    input: schemas.TraceRequest?.properties?.input?.maxLength ?? null,   // characters, the start token included
    samples: n ? rangeOf(n.schema).max : null,
  };
}

let loading = null;

export function serverLimits() {
  loading = loading || api.openapi().then(limitsFrom, () => null);
  return loading;
}
