/** Title strip for a model's pages: breadcrumb, name, architecture, accuracies, status, downloads. */
import { architecture, percent, taskLabel } from './chars.js';

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
    crumbs.append(link('/', 'Models'), sep());
    if (extra) {
      crumbs.append(link(`/models/${encodeURIComponent(model.id)}`, model.id), sep(), text('span', 'crumb-current', extra));
    } else {
      crumbs.append(text('span', 'crumb-current', model.id));
    }

    const title = document.createElement('div');
    title.className = 'model-title-row';
    const h1 = text('h1', 'model-title', model.gallery ? taskLabel(model.task) : model.id);
    const chip = text('span', `status-chip status-${model.status}`, model.status);
    title.append(h1, chip);

    const facts = document.createElement('dl');
    facts.className = 'facts';
    fact(facts, 'task', taskLabel(model.task));
    fact(facts, 'network', architecture(model));
    if (model.parameters) fact(facts, 'parameters', model.parameters.toLocaleString('en'));
    fact(facts, 'test accuracy', percent(model.testAccuracy));
    fact(facts, 'generalisation', percent(model.generalizationAccuracy));

    const downloads = document.createElement('div');
    downloads.className = 'downloads';
    downloads.append(text('span', 'downloads-label', 'Download'));
    for (const [format, label] of [['model', 'model'], ['pytorch', 'PyTorch'], ['csv', 'CSV']]) {
      const a = link(`/api/models/${encodeURIComponent(model.id)}/export?format=${format}`, label);
      a.setAttribute('download', '');
      downloads.append(a);
    }

    const compare = link(`/compare?a=${encodeURIComponent(model.id)}`, 'Compare with…');
    compare.className = 'button button-small compare-link';
    compare.id = 'compare-link';
    compare.title = 'Put this model side by side with another one on the same input';
    downloads.prepend(compare);

    const description = task && task.description ? text('p', 'model-description', task.description) : null;
    this.root.replaceChildren(crumbs, title, facts, ...(description ? [description] : []), downloads);
  }
}

function link(href, label) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = label;
  return a;
}

function text(tag, className, value) {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = value;
  return el;
}

function sep() {
  const s = text('span', 'crumb-sep', '/');
  s.setAttribute('aria-hidden', 'true');
  return s;
}

function fact(list, term, value) {
  const wrap = document.createElement('div');
  wrap.append(text('dt', '', term), text('dd', '', value));
  list.append(wrap);
}
