/**
 * The state memorizer: a unit holds the first letter, A or B, through the x's, and patching that unit alone
 * from an A-sequence into a B-sequence makes the model write the other letter. Every number comes from the
 * model shown.
 */
import { TOP_UNIT as unit, neuronLink, overviewStep, probeData, sweepStep, unitStep } from './steps.js';

export default {
  task: 'state_memorizer',
  title: 'The state memorizer',
  data: [
    ...probeData('state', 0.9),
    // the vector the unit is read and patched in: its cell state when the probes name a gate or the candidate
    { name: 'held', value: "choose(top.vector == 'hidden', 'hidden', 'cell')" },
  ],
  steps: [
    overviewStep({
      title: 'Remember one letter',
      about: 'The model reads an A or a B, then some x’s and a Y, and must then write the first letter in lower case: it has to remember one bit across the x’s.',
      right: 'gets {model.testAccuracy|pct} of the test sequences right and {model.generalizationAccuracy|pct} of the longer ones, '
        + 'with more x’s than any it was trained on.',
    }),
    unitStep({
      id: 'unit',
      title: 'The unit that holds the letter',
      variable: 'state',
      claim: '{vector(top.vector)} unit {top.unit} separates A from B: it tracks the remembered letter (+1 for A, −1 for B) with r = {top.r|2} '
        + 'over {probes.samples} test timesteps.',
      honest: 'No single unit clearly holds the letter in this model: the best, {vector(top.vector)} unit {top.unit}, has only r = {top.r|2}; '
        + 'it is spread over units',
      more: ['Its row is ringed: it takes one colour after an A and the other after a B, and keeps it.'],
    }),
    {
      id: 'xs',
      title: 'Its value across the x’s',
      data: [
        { name: 'byState', api: 'byInput', args: { ...unit, vector: '=held', groupBy: 'state' } },
        { name: 'xA', value: "where(byState.groups, 'ch', 'x')[variable=1]" },
        { name: 'xB', value: "where(byState.groups, 'ch', 'x')[variable=-1]" },
      ],
      view: {
        kind: 'bars', groups: ['=xA', '=xB'], labels: ['x after an A', 'x after a B'],
        title: "='The ' + vector(held) + ' of unit ' + top.unit + ' on the x’s, over the test set'",
        caption: 'Bars: the mean over every x of the test set; thin lines: from the smallest value to the largest.',
      },
      say: [
        'On the x’s after an A its {vector(held)} is {xA.mean|2} on average ({xA.count} x’s); after a B it is {xB.mean|2} ({xB.count} x’s).',
        {
          when: 'xA.min > xB.max || xB.min > xA.max',
          claim: 'The two never meet: after an A it stays between {xA.min|2} and {xA.max|2}, after a B between {xB.min|2} and {xB.max|2}. One number tells the letter at every x.',
          honest: 'The two ranges overlap (after an A {xA.min|2} to {xA.max|2}, after a B {xB.min|2} to {xB.max|2}): at some x’s this unit alone cannot tell the letter.',
        },
      ],
      link: neuronLink('held'),
    },
    {
      id: 'patch',
      title: 'Move the unit, move the memory',
      data: [
        { name: 'base', value: "'BxxxxxY'" },
        { name: 'source', value: "'AxxxxxY'" },
        // after the last x (timestep 6: B is read at 1), before the Y
        { name: 'patch', api: 'patch', args: { base: '=base', source: '=source', at: 6, sourceAt: 6, patches: [{ layer: '=top.layer', vector: 'state', units: ['=top.unit'] }] } },
        { name: 'flips', value: 'patch.patchedRun.text == patch.sourceRun.text && patch.baseRun.text != patch.sourceRun.text' },
      ],
      view: {
        kind: 'patch', result: '=patch', highlight: 'lines', title: "='Unit ' + top.unit + ' patched from the A-sequence into the B-sequence'",
        caption: 'Base: the B-sequence as it is. Source: the A-sequence. Patched: the B-sequence with this one unit’s state (cell and hidden) taken from the A-sequence after the last x.',
      },
      say: [
        'Read as it is, ⏎{shown(base)} makes the model write “{shown(patch.baseRun.text)}”, and ⏎{shown(source)} “{shown(patch.sourceRun.text)}”.',
        {
          when: 'flips',
          claim: 'Give the B-sequence unit {top.unit}’s state from the A-sequence after the last x, every other unit untouched, and it writes “{shown(patch.patchedRun.text)}”: the output letter flips. The memory is in this unit.',
          honest: 'With unit {top.unit}’s state taken from the A-sequence after the last x it writes “{shown(patch.patchedRun.text)}”: the letter does not flip, so this unit alone does not carry the memory.',
        },
      ],
      link: { text: 'Try other patches', href: "='/models/' + model.id + '?tab=patch&pbase=' + base + '&psource=' + source + '&pvector=state&punits=' + top.unit + '&pat=6&psat=6'" },
    },
    sweepStep({
      title: 'How long does it remember?',
      right: 'Trained on 1 to {sweep.trainRange.max} x’s, it remembers the letter across up to {ff - 1} x’s and first errs at {ff}.',
      wrong: 'It errs already at {ff} x’s, inside the range it was trained on (1 to {sweep.trainRange.max}): it has not learned to remember.',
      every: 'Trained on 1 to {sweep.trainRange.max} x’s, it remembers the letter across every length tried, up to {sweep.sizes.max} x’s.',
      after: 'after the Y',
    }),
  ],
};
