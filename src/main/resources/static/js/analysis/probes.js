/**
 * Probe leaderboard: every unit against the task's known variables, ranked by |r|, said in plain words,
 * each with a link to its neuron view and a one-click clamp that tests the claim.
 */
import { analysisApi } from '../api.js';
import { vectorLabel } from '../chars.js';
import { button, el, fmt, link } from '../dom.js';
import { LoadOncePanel, variableLabel } from './shared.js';

/** "cell unit 8 tracks a's − b's, r = 0.98" (names the layer when there are several). */
export function probeSentence(p, layers) {
  const a = Math.abs(p.r);
  const verb = a >= 0.9 ? 'tracks' : a >= 0.7 ? 'follows' : a >= 0.4 ? 'partly follows' : 'hardly follows';
  const where = layers > 1 ? ` in layer ${p.layer + 1}` : '';
  const inversely = p.r < 0 && a >= 0.4 ? ' inversely' : '';
  return `${vectorLabel(p.vector)} unit ${p.unit}${where} ${verb} ${variableLabel(p.variable)}${inversely}, r = ${fmt(p.r)}`;
}

export function neuronHref(modelId, p) {
  return `/models/${encodeURIComponent(modelId)}/layers/${p.layer}/units/${p.unit}?vector=${encodeURIComponent(p.vector)}`;
}

export class ProbePanel extends LoadOncePanel {
  constructor(root, ctx) {
    super(root, ctx, 'Correlating every unit with the task’s variables…', 'Could not rank the units');
  }

  fetch() { return analysisApi.probes(this.ctx.model.id, 30); }

  render(board) {
    const layers = this.ctx.model.layers;
    const intro = el('p', 'analysis-intro',
      `Each unit’s value at every timestep of ${board.sequences} test sequences (${board.samples} timesteps) is correlated `
      + 'with what the task says is true at that moment. |r| near 1: the unit carries that variable. '
      + `Clamping it to its mean tests the claim: if the unit really carries ${claimOf(board)}, the output breaks.`);
    const best = el('ol', 'probe-best');
    best.id = 'probe-best';
    for (const p of board.best) {
      const item = el('li', 'probe-best-item');
      const sentence = el('span', 'probe-sentence', probeSentence(p, layers));
      const description = el('span', 'probe-description', board.variables?.[p.variable] ?? '');
      const actions = el('span', 'probe-actions');
      actions.append(link('neuron view', neuronHref(this.ctx.model.id, p), 'probe-link'),
        button(`Clamp ${vectorLabel(p.vector)} unit ${p.unit} → watch the output`, 'button button-small button-primary probe-clamp',
          () => this.ctx.panels.clamp(p)));
      item.append(sentence, description, actions);
      best.append(item);
    }
    const table = el('table', 'analysis-table probe-table');
    table.id = 'probe-table';
    const head = el('tr');
    for (const h of ['#', 'finding', 'r', 'R²', 'unit mean', '']) head.append(el('th', '', h));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    board.ranking.forEach((p, i) => {
      const row = el('tr');
      const actions = el('td', 'probe-row-actions');
      actions.append(link('neuron', neuronHref(this.ctx.model.id, p), 'probe-link'), ' ',
        button('clamp', 'button button-small', () => this.ctx.panels.clamp(p)));
      row.append(el('td', 'num', i + 1), el('td', '', probeSentence(p, layers)), el('td', 'num', fmt(p.r)),
        el('td', 'num', fmt(p.rSquared)), el('td', 'num', fmt(p.mean)), actions);
      body.append(row);
    });
    table.append(body);
    const parts = [intro, el('h3', 'panel-subtitle', 'The best unit for each variable'), best,
      el('h3', 'panel-subtitle', `The ${board.ranking.length} strongest of ${board.pairs} unit–variable pairs`), table];
    if (board.constantVariables?.length)
      parts.push(el('p', 'hint', `Never changes in the test set, so nothing can correlate with it: ${board.constantVariables.map(variableLabel).join(', ')}.`));
    this.root.replaceChildren(...parts);
  }
}

/** What the top unit is claimed to carry, named as the task names it: "‘count’", "‘remembered’"… */
function claimOf(board) {
  const top = board.best?.[0];
  return top ? `‘${top.variable}’ as the probes say` : 'the variable the probes name';
}
