/**
 * The copy machine: it reads a word over {a, b, c}, an X, and writes the word again. Which units know where in
 * the word the copy is, and which predict the letter due next? Every number comes from the model shown.
 */
import { IN_LAYER as where, overviewStep, probeData, sweepStep, unitStep } from './steps.js';

export default {
  task: 'copy_machine',
  title: 'The copy machine',
  data: [
    // the copy position and the letter due next are each "followed" from |r| = 0.7, as the probe leaderboard says it
    ...probeData('position', 0.7),
    { name: 'position', value: 'top' },
    { name: 'next', value: "probes.best[variable='next_char']" },
  ],
  steps: [
    overviewStep({
      title: 'Read a word, write it again',
      vector: 'hidden',
      about: 'The model reads a word over a, b and c, then an X, and must write the same word again: it has to hold the letters and know where it is in the copy.',
      right: 'copies {model.testAccuracy|pct} of the test words right and {model.generalizationAccuracy|pct} of the longer ones, '
        + 'longer than any it was trained on.',
    }),
    unitStep({
      id: 'position',
      title: 'The unit that knows the position',
      variable: 'position',
      claim: `{vector(top.vector)} unit {top.unit}{${where}} follows the copy position{choose(top.r < 0, ' inversely', '')}: r = {top.r|2} over {probes.samples} test timesteps.`,
      honest: `No single unit clearly knows the copy position: the best, {vector(top.vector)} unit {top.unit}{${where}}, has only r = {top.r|2}; it is spread over units`,
      more: ['The copy position counts the letters of the word read so far, and from the X on the letters already copied.'],
    }),
    {
      ...unitStep({
        id: 'next',
        title: 'The units that predict the next letter',
        variable: 'next_char',
        claim: `{vector(top.vector)} unit {top.unit}{${where}} predicts the letter due next{choose(top.r < 0, ', inversely', '')}: r = {top.r|2}.`,
        honest: `No single unit clearly predicts the next letter: the best, {vector(top.vector)} unit {top.unit}{${where}}, has only r = {top.r|2}; `
          + 'the letter is spread over units',
        more: ['While it copies, the letter due next is known (a, b or c, read as 0, 1, 2). The strip under the map is what the model predicts; its dots mark the letter that came next.'],
      }),
      data: [
        { name: 'top', value: 'next' },
        { name: 'clear', value: 'abs(top.r) >= 0.7' },
        { name: 'ranked', api: 'unitProbes', args: { layer: '=top.layer', vector: '=top.vector', variable: 'next_char', limit: 3 } },
      ],
    },
    {
      id: 'copy',
      title: 'A copy, letter by letter',
      data: [
        { name: 'top', value: 'position' },
        { name: 'prefix', value: "'abcabX'" },
        { name: 'gen', api: 'generate', args: { prefix: '=prefix', max: 40 } },
        { name: 'trace', api: 'trace', args: { input: "='\\n' + prefix + gen.continuation" } },
      ],
      view: {
        kind: 'trace', traces: ['=trace'], layer: '=top.layer', vector: '=top.vector', select: '=top.unit', highlight: 'row',
        labels: ['⏎abcabX and its copy'], caption: 'one word and what the model writes after it',
      },
      say: [
        'After “{shown(prefix)}” the model writes “{shown(gen.continuation)}”.',
        {
          when: 'gen.continuation == gen.expected',
          claim: 'That is the word again, letter for letter; the ringed row is the position unit, {vector(top.vector)} unit {top.unit}, as it counts through the word and the copy.',
          honest: 'The copy should read “{shown(gen.expected)}”: this model goes wrong after {choose(gen.firstWrong == null, len(gen.expected), gen.firstWrong)} letters.',
        },
      ],
      link: { text: 'Try your own word in the playground', href: "='/models/' + model.id + '?input=' + prefix" },
    },
    sweepStep({
      title: 'How long a word can it copy?',
      right: 'Trained on words of {sweep.trainRange.min} to {sweep.trainRange.max} letters, it copies every word up to {ff - 1} letters and first errs at {ff}.',
      wrong: 'It errs already on words of {ff} letters, inside the range it was trained on ({sweep.trainRange.min} to {sweep.trainRange.max}): it has not learned to copy.',
      every: 'It copies every length tried, up to {sweep.sizes.max} letters.',
      after: 'after the X',
    }),
  ],
};
