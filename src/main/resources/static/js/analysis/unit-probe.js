/** The neuron view's line saying which task variable this unit carries best (from the probe leaderboard). */
import { analysisApi } from '../api.js';
import { el, link } from './dom.js';
import { probeSentence } from './probes.js';

let board = null;   // one leaderboard per page: every unit of the model

export async function showBestVariable(container, modelId, model, layer, unit) {
  if (!container || !model || !model.task || model.status !== 'ready') { if (container) container.hidden = true; return; }
  try {
    board = board || analysisApi.probes(modelId, 1000);
    const ranking = (await board).ranking;
    const mine = ranking.filter((p) => p.layer === layer && p.unit === unit);
    container.hidden = false;
    if (!mine.length) {
      container.replaceChildren(el('span', '', 'None of this unit’s vectors is among the units most correlated with the task’s variables.'));
      return;
    }
    const best = mine[0];
    container.replaceChildren(el('span', 'unit-best-label', 'Best match: '), el('strong', '', probeSentence(best, model.layers)),
      el('span', 'probe-description', ` (R² = ${best.rSquared.toFixed(2)}) · `),
      link('all probes', `/models/${encodeURIComponent(modelId)}?tab=probes`));
  } catch (err) {
    container.hidden = false;
    container.replaceChildren(el('span', 'analysis-error', `Could not rank this unit: ${(err && err.readable) || err}`));
  }
}
