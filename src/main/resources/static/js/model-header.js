/** Title strip for a model's pages: breadcrumb, name, architecture, accuracies, status, downloads. */
import { architecture, capitalise, modelTitle, percent, stoppedAt, taskLabel } from './chars.js';
import { el, fact, link } from './dom.js';
import { tourHref } from './tours/index.js';

export class ModelHeader {
  constructor(container) {
    this.root = document.createElement('div');
    this.root.className = 'model-header-inner';
    container.append(this.root);
  }

  /** model: ModelInfo; task: the task from /api/tasks or null; extra: trailing breadcrumb text (e.g. "unit 3"). */
  set(model, task = null, extra = null) {
    const crumbs = document.createElement('nav');
    crumbs.className = 'breadcrumb';
    crumbs.setAttribute('aria-label', 'Breadcrumb');
    crumbs.append(link('Models', '/'), sep());
    if (extra) {
      crumbs.append(link(model.id, `/models/${encodeURIComponent(model.id)}`), sep(), el('span', 'crumb-current', extra));
    } else {
      crumbs.append(el('span', 'crumb-current', model.id));
    }

    const title = document.createElement('div');
    title.className = 'model-title-row';
    const h1 = el('h1', 'model-title', modelTitle(model));
    const chip = el('span', `status-chip status-${model.status}`, model.status === 'cancelled' ? 'stopped' : model.status);
    title.append(h1, chip);

    const facts = modelFacts(model, { noTask: 'unknown (imported)' });

    const downloads = document.createElement('div');
    downloads.className = 'downloads';
    downloads.append(el('span', 'downloads-label', 'Download'));
    for (const [format, label] of [['model', 'model'], ['pytorch', 'PyTorch'], ['csv', 'CSV']]) {
      const a = link(label, `/api/models/${encodeURIComponent(model.id)}/export?format=${format}`);
      a.setAttribute('download', '');
      downloads.append(a);
    }

    const compare = link('Compare with…', `/compare?a=${encodeURIComponent(model.id)}`);
    compare.className = 'button button-small compare-link';
    compare.id = 'compare-link';
    compare.title = 'Put this model side by side with another one on the same input';
    downloads.prepend(compare);
    const tour = model.traceable ? tourHref(model) : null;
    if (tour && extra !== 'guided tour') {
      const take = link('Take the tour', tour);
      take.className = 'button button-small button-primary tour-link';
      take.id = 'tour-link';
      take.title = 'A guided walk through what this model computes, every number computed from it';
      downloads.prepend(take);
    }

    const description = task && task.description ? el('p', 'model-description', task.description) : null;
    // a stopped or interrupted run keeps the weights it reached, and every view works with them
    const stopped = model.traceable && stoppedAt(model) ? el('p', 'model-stopped', `${capitalise(stoppedAt(model))}.`) : null;
    if (stopped) stopped.id = 'model-stopped';
    this.root.replaceChildren(crumbs, title, facts, ...(stopped ? [stopped] : []), ...(description ? [description] : []), downloads);
  }
}

function sep() {
  const s = el('span', 'crumb-sep', '/');
  s.setAttribute('aria-hidden', 'true');
  return s;
}

/**
 * What a model is, as a <dl>: its task (or dataset), network and parameters, then its test and generalisation
 * accuracy, or for a dataset's language model its held-out bits per character and next-character accuracy.
 */
export function modelFacts(model, { className = 'facts', noTask = '—', test = 'test accuracy' } = {}) {
  const facts = el('dl', className);
  fact(facts, model.datasetKind ? 'dataset' : 'task', model.datasetKind ? `${model.task} (${model.datasetKind})`
    : model.task ? taskLabel(model.task) : noTask);
  fact(facts, 'network', architecture(model));
  if (model.parameters) fact(facts, 'parameters', model.parameters.toLocaleString('en'));
  if (model.datasetKind) {
    // a language model: no generalisation set
    fact(facts, 'bits per character', Number.isFinite(model.bitsPerCharacter) ? model.bitsPerCharacter.toFixed(3) : '—');
    fact(facts, 'next-character accuracy', percent(model.testAccuracy));
  } else {
    fact(facts, test, percent(model.testAccuracy));
    fact(facts, 'generalisation', percent(model.generalizationAccuracy));
  }
  return facts;
}
