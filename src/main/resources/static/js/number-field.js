/**
 * What the training and lab forms say about a number field, given the server's range for it (limits.js):
 * the help with the range once it is known, and the error for what was typed. Pure, so tested in Node.
 */

/** "per layer, 1–64", "Adam, above 0 and at most 1": the field's help and, once known, its range. */
export function helpText(spec, range) {
  const known = spec.range && range && range.min !== null && range.max !== null;
  return [spec.help, known ? rangeText(range) : ''].filter(Boolean).join(', ');
}

/** "1–64", "above 0 and at most 1", "in (0, 1)". */
export function rangeText({ min, max, exclusiveMin = false, exclusiveMax = false }) {
  if (exclusiveMin && exclusiveMax) return `in (${min}, ${max})`;
  if (exclusiveMin) return `above ${min} and at most ${max}`;
  return `${min}–${max}`;
}

/** '' when raw is a number the range allows, else what is wrong with it. spec: {integer}; range: {min, max, exclusiveMin, exclusiveMax}. */
export function numberError(raw, spec, range = {}) {
  const { min = null, max = null, exclusiveMin = false, exclusiveMax = false } = range || {};
  const text = String(raw).trim();
  const value = Number(text);
  if (text === '') return 'Required.';
  if (!Number.isFinite(value)) return 'Not a number.';
  if (spec.integer && !Number.isInteger(value)) return 'A whole number, please.';
  if (min !== null && (exclusiveMin ? value <= min : value < min)) return exclusiveMin ? `Must be above ${min}.` : `At least ${min}.`;
  if (max !== null && (exclusiveMax ? value >= max : value > max)) return exclusiveMax ? `Must be below ${max}.` : `At most ${max}.`;
  return '';
}
