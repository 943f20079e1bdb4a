/**
 * What the dynamics of one model show, in sentences computed from the numbers the server gave: a
 * sentence is said only when the data says it, and where an expected pattern is absent it says that.
 * Pure: no DOM, so Node's test runner checks it.
 */

/** |λ| this close to 1 counts as a memory or an integrator. */
export const NEAR_ONE = 0.05;

const show = (ch) => (ch === '\n' ? '⏎' : ch === ' ' ? '␣' : ch);
const num = (x, digits = 2) => {
  const text = Number(x).toFixed(digits);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
};

/** Points of one input: counts by stability, and the stable points some test states settle on. */
export function summariseInput(input) {
  const stable = input.points.filter((p) => p.stability === 'stable');
  const saddles = input.points.filter((p) => p.stability === 'saddle');
  const unstable = input.points.filter((p) => p.stability === 'unstable');
  const reached = stable.filter((p) => p.reached && p.reached.samples > 0);
  return { input: input.input, stable, saddles, unstable, reached };
}

/** One sentence per input character. */
export function inputSentence(input) {
  const s = summariseInput(input);
  const x = show(input.input);
  if (input.points.length === 0) {
    return `Under ${x}: no fixed or slow point was found from the test states (${input.candidates} distinct minima, all with q above 1e-4): `
      + 'the state keeps moving while this character repeats.';
  }
  const parts = [];
  if (s.stable.length) parts.push(`${s.stable.length} stable`);
  if (s.saddles.length) parts.push(`${s.saddles.length} saddle${s.saddles.length > 1 ? 's' : ''}`);
  if (s.unstable.length) parts.push(`${s.unstable.length} unstable`);
  let text = `Under ${x}: ${parts.join(', ')} point${input.points.length > 1 ? 's' : ''}.`;
  if (s.reached.length) {
    const where = s.reached.map((p) => {
      const example = p.reached.examples[0] ? `“${Array.from(p.reached.examples[0], show).join('')}”` : '';
      const vars = Object.entries(p.reached.variables || {}).map(([k, v]) => `${k} = ${num(v)}`).join(', ');
      return `${p.reached.samples} test state${p.reached.samples > 1 ? 's' : ''} settle on one${example ? ` after ${example}` : ''}${vars ? ` (${vars})` : ''}`;
    });
    text += ` ${where.join('; ')}.`;
  } else if (s.stable.length) {
    text += ' None of the sampled test states settles on a stable point within the steps tried.';
  }
  return text;
}

/**
 * The memory claim: every input with two or more stable points that test states settle on, each told
 * apart by a task variable where one does. Returns {holds, text}.
 */
export function memoryClaim(dynamics) {
  const found = [];
  for (const input of dynamics.inputs) {
    const s = summariseInput(input);
    if (s.reached.length < 2) continue;
    const names = Object.keys(s.reached[0].reached.variables || {});
    const telling = names.find((name) => new Set(s.reached.map((p) => num(p.reached.variables[name]))).size === s.reached.length);
    const by = telling ? `, one per value of ${telling} (${s.reached.map((p) => num(p.reached.variables[telling])).join(' and ')})` : '';
    found.push(`under ${show(input.input)} there are ${s.reached.length} stable fixed points that test states settle on${by}`);
  }
  if (found.length) return { holds: true, text: `A memory: ${found.join('; ')}.` };
  return { holds: false, text: 'No input character has two stable points that test states settle on: this model shows no attractor memory.' };
}

/**
 * The integrator claim at a trajectory point: some mode with |λ| within NEAR_ONE of 1 led by the given unit
 * (the probe's best unit for a variable). unit: {layer, vector, unit, variable} or null.
 */
export function integratorClaim(point, unit) {
  if (!point) return null;
  const near = point.modes.filter((m) => Math.abs(m.eigenvalue.modulus - 1) < NEAR_ONE);
  const where = `at timestep ${point.t} of test sequence ${point.sequence}, under ${show(point.input)}`;
  if (!near.length) {
    return { holds: false, text: `No eigenvalue within ${NEAR_ONE} of 1 ${where}: nothing is carried unchanged to the next step here.` };
  }
  if (!unit) {
    const m = near[0];
    return { holds: true, text: `|λ| = ${num(m.eigenvalue.modulus, 3)} ${where}, led by ${name(m.units[0])}.` };
  }
  const led = near.find((m) => m.units[0] && m.units[0].layer === unit.layer && m.units[0].vector === unit.vector && m.units[0].unit === unit.unit);
  if (led) {
    return { holds: true, text: `An integrator: |λ| = ${num(led.eigenvalue.modulus, 3)} ${where}, its mode led by ${name(unit)}, `
      + `the probes' unit for ${unit.variable}.` };
  }
  return { holds: false, text: `${near.length} eigenvalue${near.length > 1 ? 's' : ''} within ${NEAR_ONE} of 1 ${where}, but none is led by `
    + `${name(unit)}, the probes' unit for ${unit.variable} (they are led by ${near.map((m) => name(m.units[0])).join(', ')}).` };
}

export function name(u) {
  return `${u.layer > 0 ? `layer ${u.layer + 1} ` : ''}${u.vector} ${u.unit}`;
}
