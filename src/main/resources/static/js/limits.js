/**
 * The server's limits, read from /openapi.json — the one place they are stated — instead of repeated here:
 * the training form's ranges (and a dataset model's larger maxima), a model's and a dataset's name, the longest input, a dataset upload's size and
 * vocabulary, the text view's length, how many dataset sequences one trace takes.
 * limitsFrom(document) is pure; serverLimits() fetches the document once per page and answers null when it cannot
 * (the server still checks every request).
 */
import { api } from './api.js';

/** {min, max, exclusiveMin} of a JSON schema (null where it states none), and exclusiveMax where it excludes the maximum. */
export function rangeOf(schema = {}) {
  const range = { min: schema.minimum ?? null, max: schema.maximum ?? null, exclusiveMin: schema.exclusiveMinimum === true };
  if (schema.exclusiveMaximum === true) range.exclusiveMax = true;
  return range;
}

/** name → range of the properties of an object schema that state one. */
function rangesOf(properties = {}) {
  const ranges = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (schema.minimum !== undefined || schema.maximum !== undefined) ranges[name] = rangeOf(schema);
  }
  return ranges;
}

export function limitsFrom(doc) {
  const schemas = doc?.components?.schemas || {};
  const datasetTrain = {};   // where a dataset model may go further (x-maximumForDatasets)
  for (const [name, schema] of Object.entries(schemas.TrainRequest?.properties || {})) {
    if (schema['x-maximumForDatasets'] !== undefined) datasetTrain[name] = { max: schema['x-maximumForDatasets'] };
  }
  const lab = schemas.LabRequest?.properties || {};
  const traceParams = doc?.paths?.['/api/models/{id}/trace']?.get?.parameters || [];
  const n = traceParams.find((p) => p.name === 'n');
  const datasetPost = doc?.paths?.['/api/datasets']?.post;
  const upload = Object.values(datasetPost?.requestBody?.content || {})[0]?.schema || {};
  return {
    train: rangesOf(schemas.TrainRequest?.properties),
    datasetTrain,
    lab: rangesOf(lab),   // the lab's numbers, and how many cells and seeds it takes
    labCells: lab.cells?.maxItems !== undefined ? { min: lab.cells.minItems ?? null, max: lab.cells.maxItems } : null,
    labSeeds: lab.seeds?.maxItems !== undefined ? { min: lab.seeds.minItems ?? null, max: lab.seeds.maxItems } : null,
    name: schemas.TrainRequest?.properties?.name?.maxLength ?? null,   // characters of a model's display name
    datasetName: (datasetPost?.parameters || []).find((p) => p.name === 'name')?.schema?.maxLength ?? null,
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
