/**
 * The server's limits, read from /openapi.json — the one place they are stated — instead of repeated here:
 * the training form's ranges (and a dataset model's larger maxima), the longest input, a dataset upload's size and
 * vocabulary, the text view's length, how many dataset sequences one trace takes.
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
  const datasetTrain = {};   // where a dataset model may go further (x-maximumForDatasets)
  for (const [name, schema] of Object.entries(schemas.TrainRequest?.properties || {})) {
    if (schema.minimum !== undefined || schema.maximum !== undefined) train[name] = rangeOf(schema);
    if (schema['x-maximumForDatasets'] !== undefined) datasetTrain[name] = { max: schema['x-maximumForDatasets'] };
  }
  const traceParams = doc?.paths?.['/api/models/{id}/trace']?.get?.parameters || [];
  const n = traceParams.find((p) => p.name === 'n');
  const upload = Object.values(doc?.paths?.['/api/datasets']?.post?.requestBody?.content || {})[0]?.schema || {};
  return {
    train,
    datasetTrain,
    datasetBytes: upload['x-maxBytes'] ?? null,             // the largest dataset upload
    datasetVocab: upload['x-maxDistinctCharacters'] ?? null, // distinct characters a dataset may have
    textView: schemas.TextViewRequest?.properties?.input?.maxLength ?? null, // characters the text view reads
    input: schemas.TraceRequest?.properties?.input?.maxLength ?? null,   // characters, the start token included
    samples: n ? rangeOf(n.schema).max : null,
  };
}

let loading = null;

export function serverLimits() {
  loading = loading || api.openapi().then(limitsFrom, () => null);
  return loading;
}
