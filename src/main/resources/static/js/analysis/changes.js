/**
 * The interventions of the intervention panel as URL text: layer:vector:unit:mode:from[:value], one per change,
 * comma-separated; the value only for mode "value". Missing or unreadable parts read as their defaults.
 */
export function encodeChanges(changes) {
  return changes.map((c) => [c.layer, c.vector, c.unit, c.mode, c.from, ...(c.mode === 'value' ? [c.value] : [])].join(':')).join(',');
}

export function decodeChanges(text) {
  if (!text) return [];
  return text.split(',').map((part) => {
    const [layer, vector, unit, mode, from, value] = part.split(':');
    return { layer: Number(layer) || 0, vector: vector || 'cell', unit: Number(unit) || 0, mode: mode || 'zero', from: Number(from) || 0, value: Number(value) || 0 };
  });
}
