/** The neuron view's line saying which task variable this unit carries best (from the probe leaderboard). */
import { analysisApi } from '../api.js';
import { el, link } from '../dom.js';
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
    // a unit often carries several related variables (the counter's count and its steps left): name them too
    const also = [];
    for (const p of mine) {
      const named = p.variable === best.variable || also.some((a) => a.variable === p.variable);
      if (Math.abs(p.r) >= 0.7 && !named && also.length < 2) also.push(p);
    }
    const parts = [el('span', 'unit-best-label', 'Best match: '), el('strong', '', probeSentence(best, model.layers)),
      el('span', 'probe-description', ` (R² = ${best.rSquared.toFixed(2)})`)];
    for (const p of also) parts.push(el('span', 'unit-also', `; also ${probeSentence(p, model.layers)}`));
    parts.push(el('span', 'probe-description', ' · '), link('all probes', `/models/${encodeURIComponent(modelId)}?tab=probes`));
    container.replaceChildren(...parts);
  } catch (err) {
    container.hidden = false;
    container.replaceChildren(el('span', 'analysis-error', `Could not rank this unit: ${(err && (err.plain || err.readable)) || err}`));
  }
}
