/**
 * The selective counter: a unit counts the a's and not the X's among them. *Exploring LSTMs* saw its input
 * gate shut on the X; here the gate's mean on each character over the test set says whether this model does
 * the same, or ignores the X's another way. Every number comes from the model shown.
 */
import { TOP_UNIT as unit, neuronLink, overviewStep, probeData, sweepStep, unitStep } from './steps.js';

export default {
  task: 'selective_counter',
  title: 'The selective counter',
  data: probeData('count', 0.9),
  steps: [
    overviewStep({
      title: 'Count the a’s, not the X’s',
      about: 'The model reads a’s with X’s scattered among them, then a Y, and must write one b for every a: the X’s must not be counted.',
      right: 'gets {model.testAccuracy|pct} of the test sequences right and {model.generalizationAccuracy|pct} of the longer ones, '
        + 'longer than any it was trained on.',
    }),
    unitStep({
      id: 'counting',
      title: 'The unit that follows the count',
      variable: 'count',
      scale: 'unit',
      claim: "{vector(top.vector)} unit {top.unit} tracks a's − b's, the X's not counted{choose(top.r < 0, ', inversely', '')}: "
        + 'r = {top.r|2} over {probes.samples} test timesteps.',
      honest: "No single unit clearly counts in this model: the best, {vector(top.vector)} unit {top.unit}, has only r = {top.r|2}; "
        + 'the count is spread over units',
      more: ['Each unit is drawn on its own scale here, ± its largest value in view, so a count can be seen as a row that darkens.'],
    }),
    {
      id: 'gate',
      title: 'Does its input gate shut on the X?',
      data: [
        { name: 'gate', api: 'byInput', args: { ...unit, vector: 'input_gate' } },
        { name: 'onA', value: "gate.groups[ch='a']" },
        { name: 'onX', value: "gate.groups[ch='X']" },
        { name: 'isX', value: "probes.best[variable='is_x']" },
      ],
      view: {
        kind: 'bars', groups: ['=onA', '=onX'], labels: ['on a', 'on X'], max: 1, highlight: ['on X'],
        title: "='Input gate of unit ' + top.unit + ', over the test set'",
      },
      say: [
        'The input gate decides how much of what the unit reads gets into its cell: 1 lets it all in, 0 shuts it out.',
        {
          when: 'onX.mean < 0.5 && onA.mean - onX.mean >= 0.3',
          claim: 'Over the test set, unit {top.unit}’s input gate lets the a’s in ({onA.mean|2} on average over {onA.count} a’s) '
            + 'and shuts on the X ({onX.mean|2} over {onX.count} X’s), as “Exploring LSTMs” saw.',
          honest: 'Over the test set, unit {top.unit}’s input gate does not shut on the X: it is {onX.mean|2} on average over {onX.count} X’s, '
            + 'against {onA.mean|2} on the a’s. This model keeps the X’s out of the count some other way.',
        },
        {
          if: 'isX != null',
          text: 'The unit that reacts most to an X is {vector(isX.vector)} unit {isX.unit} (r = {isX.r|2} with reading an X).',
        },
      ],
      link: neuronLink("'input_gate'"),
    },
    {
      id: 'ignores',
      title: 'X’s in, and still the right count',
      data: [
        { name: 'prefix', value: "'aaXaXaXaY'" },
        { name: 'gen', api: 'generate', args: { prefix: '=prefix', max: 40 } },
        { name: 'trace', api: 'trace', args: { input: "='\\n' + prefix + gen.continuation", layer: '=top.layer' } },
      ],
      view: {
        kind: 'trace', traces: ['=trace'], layer: '=top.layer', vector: '=top.vector', scale: 'unit', select: '=top.unit', highlight: 'row',
        labels: ['⏎aaXaXaXaY and what it writes'], caption: 'one sequence and what the model writes after it',
      },
      say: [
        'After “{shown(prefix)}” (five a’s, three X’s) the model writes “{shown(gen.continuation)}”.',
        {
          when: 'gen.continuation == gen.expected',
          claim: 'That is one b for each a: the X’s were not counted.',
          honest: 'The right answer is “{shown(gen.expected)}”: this model {choose(len(gen.continuation) > len(gen.expected), "counts some X’s", "loses count")}.',
        },
      ],
      link: { text: 'Try your own in the playground', href: "='/models/' + model.id + '?input=' + prefix" },
    },
    sweepStep({
      title: 'How far does it count?',
      right: "Trained on N from {sweep.trainRange.min} to {sweep.trainRange.max}, it counts right up to {ff - 1} a's and fails at {ff}.",
      wrong: 'It fails at N = {ff}, inside the range it was trained on (N {sweep.trainRange.min} to {sweep.trainRange.max}): it has not learned to count.',
      every: 'It gets every size right, from N = {sweep.sizes.min} to {sweep.sizes.max}.',
      after: 'after the Y',
    }),
  ],
};
