/**
 * The parts the tours share, still data: the probes' best unit for a variable, the opening step, the step that
 * shows that unit, and the length sweep. Each tour module fills in its own words.
 */

/** The probes, the best unit for a variable as `top`, `clear` when |r| is at least the threshold, and 4 test traces. */
export function probeData(variable, threshold = 0.9) {
  return [
    { name: 'probes', api: 'probes', args: { limit: 1 } },
    { name: 'top', value: `probes.best[variable='${variable}']` },
    { name: 'clear', value: `abs(top.r) >= ${threshold}` },
    { name: 'samples', api: 'traceSamples', args: { sample: 'test', n: 4 } },
  ];
}

/** The layer and unit of `top`, as API arguments. */
export const TOP_UNIT = { layer: '=top.layer', unit: '=top.unit' };

/** " in layer 2" when the model has several layers, for naming `top`. */
export const IN_LAYER = "choose(model.layers > 1, ' in layer ' + (top.layer + 1), '')";

/** The link to `top`'s neuron view on a vector: `vector` is an expression, e.g. "'cell'" or 'top.vector'. */
export function neuronLink(vector) {
  return { text: 'Open its neuron view', href: `='/models/' + model.id + '/layers/' + top.layer + '/units/' + top.unit + '?vector=' + ${vector}` };
}

/** The first step: what the task asks (about), and how often this model gets it right (right: "gets … right"). */
export function overviewStep({ title, about, right, vector = 'cell' }) {
  return {
    id: 'task',
    title,
    view: { kind: 'trace', traces: '=samples.traces', layer: 0, vector, scale: 'fixed', highlight: 'map' },
    say: [
      about,
      `This one ({model.layers} {choose(model.layers == 1, "layer", "layers")} × {model.hidden} units) ${right}`,
    ],
    link: { text: 'Open the network view', href: `='/models/' + model.id + '?vector=${vector}'` },
  };
}

/**
 * The step that rings `top`'s row: claim when `clear`, else the honest sentence naming the units the variable is
 * spread over (the probes' three best of that layer and vector); more: further sentences.
 */
export function unitStep({ id, title, variable, claim, honest, scale = 'fixed', more = [] }) {
  return {
    id,
    title,
    data: [{ name: 'ranked', api: 'unitProbes', args: { layer: '=top.layer', vector: '=top.vector', variable, limit: 3 } }],
    view: { kind: 'trace', traces: '=samples.traces', layer: '=top.layer', vector: '=top.vector', scale, select: '=top.unit', highlight: 'row' },
    say: [
      { when: 'clear', claim, honest: `${honest} {and(pluck(ranked.ranking, 'unit'))}.` },
      ...more,
    ],
    link: {
      text: 'Open the probe leaderboard',
      href: `='/models/' + model.id + '?tab=probes&layer=' + top.layer + '&vector=' + top.vector + '&unit=' + top.unit${scale === 'fixed' ? '' : ` + '&cscale=${scale}'`}`,
    },
  };
}

/**
 * The length sweep with the first failing size `ff` ringed: right (past the training range), wrong (inside it),
 * every (no size fails), each a template; after: what the model writes after the delimiter; more: further sentences.
 */
export function sweepStep({ title, right, wrong, every, after, more = [] }) {
  return {
    id: 'sweep',
    title,
    data: [
      { name: 'sweep', api: 'lengthSweep', args: { perSize: 20, seed: 1 } },
      { name: 'ff', value: 'sweep.firstFailing' },
      { name: 'failure', value: 'sweep.points[size=ff]' },
    ],
    view: { kind: 'sweep', result: '=sweep', highlight: '=ff' },
    say: [
      'The length sweep scores random sequences of every size from {sweep.sizes.min} to {sweep.sizes.max}, far past the '
        + '{sweep.trainRange.max} it was trained on; the shaded band is the training range.',
      { if: 'ff == null', text: every },
      { if: 'ff != null', when: 'ff > sweep.trainRange.max', claim: right, honest: wrong },
      { if: 'failure != null', text: `Its example at {ff} reads “{shown(failure.example)}”; the model writes “{shown(failure.examplePredicted)}” ${after}.` },
      ...more,
    ],
    link: { text: 'Open the length sweep', href: "='/models/' + model.id + '?tab=sweep'" },
  };
}
