/**
 * The counter, as *Exploring LSTMs* tells it: one unit counts the a's and then the b's, the model needs it,
 * it counts a little past what it was trained on, and its cell state is sharper than its hidden state.
 * Every number comes from the model shown (see tour/runner.js for the format).
 */
import { TOP_UNIT as unit, neuronLink, overviewStep, probeData, sweepStep, unitStep } from './steps.js';

export default {
  task: 'counter',
  title: 'The counter',
  // "tracks", as the probe leaderboard says it; below 0.9 a unit only partly carries the count
  data: probeData('count', 0.9),
  steps: [
    overviewStep({
      title: 'A network that has to count',
      about: "The model reads some a's, an X, and must then write as many b's and a newline: to get it right it has to count. "
        + "Each row below is one unit's cell state over {len(samples.traces)} test sequences, on the fixed [−1, 1] scale.",
      right: 'writes the right b’s for {model.testAccuracy|pct} of the test sequences and {model.generalizationAccuracy|pct} of the '
        + 'longer ones, longer than any it was trained on.',
    }),
    {
      ...unitStep({
        id: 'probe',
        title: 'The unit that follows the count',
        variable: 'count',
        scale: 'unit',
        claim: "The probes correlate every unit with a's − b's at every test timestep: {vector(top.vector)} unit {top.unit} tracks it"
          + "{choose(top.r < 0, ' inversely', '')}, r = {top.r|2}.",
        honest: "No single unit clearly counts in this model: the best, {vector(top.vector)} unit {top.unit}, has only r = {top.r|2}; "
          + 'the count is spread over units',
        more: [
          {
            when: "top.vector == 'cell' && card.max > 1",
            claim: 'Its cell runs from {card.min|2} to {card.max|2} over the test set, so on the fixed [−1, 1] scale it would be one solid row. '
              + 'Here each unit has its own scale, ± its largest value: the row darkens with every a and pales with every b.',
            honest: 'Its values stay between {card.min|2} and {card.max|2} over the test set; here each unit has its own scale, ± its largest value.',
          },
          {
            if: 'model.testAccuracy < 0.9',
            text: 'Mind that the model itself is right on only {model.testAccuracy|pct} of the test sequences: a unit can follow the count '
              + 'without the model counting with it. The next steps test that.',
          },
        ],
      }),
      data: [{ name: 'card', api: 'card', args: { ...unit, vector: '=top.vector' } },
        { name: 'ranked', api: 'unitProbes', args: { layer: '=top.layer', vector: '=top.vector', variable: 'count', limit: 3 } }],
    },
    {
      id: 'neuron',
      title: 'Up on the a’s, down on the b’s',
      data: [{ name: 'card', api: 'card', args: { ...unit, vector: '=top.vector' } }],
      view: { kind: 'unit', traces: '=samples.traces', ...unit, vectors: ['cell', 'hidden'], highlight: 'chart' },
      say: [
        "The chart is unit {top.unit}'s cell state and hidden state over the same {len(samples.traces)} test sequences.",
        {
          when: 'clear',
          claim: 'Over the whole test set its {vector(top.vector)} is highest ({card.max|2}) after “{shown(card.top[0].before + card.top[0].ch)}” '
            + 'and lowest ({card.min|2}) after “{shown(card.bottom[0].before + card.bottom[0].ch)}”.',
          honest: 'It does not rise and fall cleanly with the count (r = {top.r|2}): it is highest ({card.max|2}) after '
            + '“{shown(card.top[0].before + card.top[0].ch)}”.',
        },
        {
          if: 'card.explanation != null',
          when: 'card.explanation.simulationScore >= 0.5',
          claim: 'A line from {card.explanation.variable} to the unit, fitted on half the test sequences, predicts it on the other half with R² = {card.explanation.simulationScore|2}.',
          honest: 'A line from {card.explanation.variable} to the unit, fitted on half the test sequences, predicts it on the other half with only R² = {card.explanation.simulationScore|2}.',
        },
      ],
      link: neuronLink('top.vector'),
    },
    {
      id: 'zero',
      title: 'Zero it, and the count is gone',
      data: [
        { name: 'held', value: "choose(top.vector == 'candidate', 'cell', top.vector)" },
        { name: 'iv', api: 'intervene', args: { prefix: 'aaaaaaX', interventions: [{ ...unit, vector: '=held', mode: 'zero', from: 0 }] } },
      ],
      view: { kind: 'intervention', result: '=iv', highlight: 'generations' },
      say: [
        {
          when: 'iv.intervenedGenerated != iv.originalGenerated',
          claim: 'Held at 0 from the start, {vector(held)} unit {top.unit} changes what the model writes after “{shown(iv.prefix)}”: '
            + '“{shown(iv.intervenedGenerated)}” instead of “{shown(iv.originalGenerated)}”.',
          honest: 'Held at 0 from the start, {vector(held)} unit {top.unit} does not change what the model writes after “{shown(iv.prefix)}”: '
            + '“{shown(iv.originalGenerated)}” both times.',
        },
        {
          when: 'iv.testAccuracyChange <= -0.1',
          claim: 'Test accuracy falls from {iv.originalTestAccuracy|pct} to {iv.intervenedTestAccuracy|pct} ({iv.testAccuracyChange|points}): the model counts with this unit.',
          honest: 'Test accuracy goes from {iv.originalTestAccuracy|pct} to {iv.intervenedTestAccuracy|pct} ({iv.testAccuracyChange|points}): '
            + 'this unit alone is not what the model counts with.',
        },
      ],
      link: { text: 'Try other interventions', href: "='/models/' + model.id + '?tab=intervene'" },
    },
    sweepStep({
      title: 'How far does it count?',
      right: "Trained on N from {sweep.trainRange.min} to {sweep.trainRange.max}, it counts right up to {ff - 1} a's and fails at {ff}.",
      wrong: 'It fails at N = {ff}, inside the range it was trained on (N {sweep.trainRange.min} to {sweep.trainRange.max}): it has not learned to count.',
      every: 'It gets every size right, from N = {sweep.sizes.min} to {sweep.sizes.max}.',
      after: 'after the X',
      more: [{
        if: 'ff != null',
        when: 'ff - 1 == 19',
        claim: '“Exploring LSTMs” saw the same: its counter was right up to 19 a’s.',
        honest: '“Exploring LSTMs” saw its counter right up to 19 a’s; this one {choose(ff - 1 < 19, "stops earlier", "goes further")}.',
      }],
    }),
    {
      id: 'sharper',
      title: 'The cell state is sharper than the hidden state',
      data: [
        { name: 'cellProbes', api: 'unitProbes', args: { layer: '=top.layer', vector: 'cell', variable: 'count', limit: '=model.hidden' } },
        { name: 'hiddenProbes', api: 'unitProbes', args: { layer: '=top.layer', vector: 'hidden', variable: 'count', limit: '=model.hidden' } },
        { name: 'cr', value: 'cellProbes.ranking[unit=top.unit].r' },
        { name: 'hr', value: 'hiddenProbes.ranking[unit=top.unit].r' },
        { name: 'c', value: "series(samples.traces, top.layer, 'cell', top.unit)" },
        { name: 'h', value: "series(samples.traces, top.layer, 'hidden', top.unit)" },
      ],
      view: { kind: 'unit', traces: '=samples.traces', ...unit, vectors: ['cell', 'tanh_cell', 'hidden'], highlight: 'chart' },
      say: [
        'The hidden state is the cell state squashed and gated, h = o · tanh(c). Over these {len(samples.traces)} test sequences unit '
          + "{top.unit}'s h follows tanh(c) with r = {pearson(h, tanhs(c))|2}; its cell reaches ±{maxAbs(c)|2}, its hidden state only ±{maxAbs(h)|2}.",
        {
          when: 'abs(cr) > abs(hr)',
          claim: "The cell carries the count more sharply: it follows a's − b's with r = {cr|2}, the hidden state with r = {hr|2}.",
          honest: "Here the hidden state follows a's − b's as closely as the cell (r = {hr|2} against {cr|2}): the cell is not the sharper one.",
        },
      ],
      link: neuronLink("'cell'"),
    },
  ],
};
