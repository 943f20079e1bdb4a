/**
 * Turns API traces into heat-map matrices. Several traces are laid side by side as columns, one sequence after
 * another; the characters are the ones each timestep read (trace.input), so the start token shows as ⏎.
 */

/** The layer's {cell, vectors} from a trace that may have been sliced to one layer (layer=…) or not. */
export function layerOf(trace, layer) {
  const layers = trace.layers || [];
  const tagged = layers.find((l) => l.layer === layer);
  if (tagged) return tagged;
  if (layers.length === 1) return layers[0];
  return layers[layer] || null;
}

/**
 * Where column col lies when sequences are laid side by side with their first columns at starts:
 * {seq, t}, the sequence and its timestep.
 */
export function positionOf(starts, col) {
  let seq = 0;
  while (seq + 1 < starts.length && starts[seq + 1] <= col) seq++;
  return { seq, t: col - (starts[seq] ?? 0) };
}

function columns(traces) {
  const chars = [];
  const starts = [];
  for (const trace of traces) {
    starts.push(chars.length);
    for (const ch of Array.from(trace.input)) chars.push(ch);
  }
  return { chars, starts, cols: chars.length };
}

/** Units (rows) × timesteps (columns) of one vector of one layer. */
export function unitMatrix(traces, layer, vector) {
  const { chars, starts, cols } = columns(traces);
  let rows = 0;
  for (const trace of traces) {
    const values = layerOf(trace, layer)?.vectors?.[vector];
    if (values && values.length) { rows = values[0].length; break; }
  }
  const values = new Float32Array(rows * cols).fill(Number.NaN);
  traces.forEach((trace, s) => {
    const steps = layerOf(trace, layer)?.vectors?.[vector] || [];
    const offset = starts[s];
    for (let t = 0; t < steps.length && offset + t < cols; t++) {
      for (let r = 0; r < rows; r++) values[r * cols + offset + t] = steps[t][r];
    }
  });
  return { rows, cols, values, chars, starts, rowLabels: Array.from({ length: rows }, (_, r) => `unit ${r}`) };
}

/**
 * The vectors (rows) of one unit. unitIndex is where the unit sits in each timestep's array:
 * the unit number for an unsliced trace, 0 when the server sliced units=….
 */
export function vectorMatrix(traces, layer, vectorNames, unitIndex) {
  const { chars, starts, cols } = columns(traces);
  const rows = vectorNames.length;
  const values = new Float32Array(rows * cols).fill(Number.NaN);
  traces.forEach((trace, s) => {
    const vectors = layerOf(trace, layer)?.vectors || {};
    vectorNames.forEach((name, r) => {
      const steps = vectors[name] || [];
      for (let t = 0; t < steps.length; t++) {
        const row = steps[t];
        values[r * cols + starts[s] + t] = row.length === 1 ? row[0] : row[unitIndex];
      }
    });
  });
  return { rows, cols, values, chars, starts };
}

/**
 * Next-character probabilities: vocabulary (rows) × timesteps. markers[col] is the row of the character that
 * really came next, where known: the following input character, or lastNext(trace) after the last one.
 */
export function probabilityMatrix(traces, vocab, lastNext = () => null) {
  const { chars, starts, cols } = columns(traces);
  const rows = vocab.length;
  const values = new Float32Array(rows * cols).fill(Number.NaN);
  const markers = new Int32Array(cols).fill(-1);
  traces.forEach((trace, s) => {
    const probs = trace.probabilities || [];
    const input = Array.from(trace.input);
    for (let t = 0; t < probs.length; t++) {
      for (let k = 0; k < rows; k++) values[k * cols + starts[s] + t] = probs[t][k];
      const next = t + 1 < input.length ? input[t + 1] : lastNext(trace);
      markers[starts[s] + t] = next === null ? -1 : vocab.indexOf(next);
    }
  });
  return { rows, cols, values, chars, starts, markers };
}

/**
 * A matrix the server sent as ?encoding=f32 — {encoding: 'f32', shape: [rows, cols], data: base64 of little-endian
 * float32} — as rows of a Float32Array, indexed like the JSON form; anything else as it is.
 */
export function unpackMatrix(m) {
  if (!m || m.encoding !== 'f32') return m;
  const [rows, cols] = m.shape;
  const binary = atob(m.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(4 * i, true);
  return Array.from({ length: rows }, (_, r) => values.subarray(r * cols, (r + 1) * cols));
}

/** A trace with every f32 matrix (each layer's vectors, the probabilities) unpacked. */
export function unpackTrace(trace) {
  const layers = (trace.layers || []).map((layer) => ({
    ...layer,
    vectors: Object.fromEntries(Object.entries(layer.vectors || {}).map(([name, m]) => [name, unpackMatrix(m)])),
  }));
  return { ...trace, layers, probabilities: unpackMatrix(trace.probabilities) };
}
