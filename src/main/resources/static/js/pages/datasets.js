/** The datasets page: upload one, see them all, train on one, delete your own. */
import { datasetsApi } from '../api.js';
import { DatasetUpload } from '../dataset-upload.js';
import { Notice } from '../notice.js';
import { el } from '../dom.js';

const notice = new Notice(document.getElementById('notice'));
const list = document.getElementById('dataset-list');
const upload = new DatasetUpload(document.getElementById('upload-panel'));

upload.on('uploaded', (d) => {
  notice.info(`Stored “${d.name}” as ${d.id}: ${d.characters.toLocaleString('en')} characters, ${d.vocab.length} distinct. Train a model on it from its row below.`);
  refresh();
});
upload.on('error', (err) => notice.error(err, 'The dataset was not stored'));

async function refresh() {
  const datasets = await notice.attempt(datasetsApi.list(), 'Could not list the datasets');
  if (datasets === undefined) return;
  if (!datasets.length) {
    list.replaceChildren(el('p', 'hint', 'No datasets yet.'));
    return;
  }
  const table = el('table', 'dataset-table');
  const head = el('tr');
  for (const h of ['name', 'kind', 'characters', 'vocabulary', 'train / test', 'labels', '']) head.append(el('th', '', h));
  table.append(head);
  for (const d of datasets) {
    const row = el('tr');
    row.dataset.dataset = d.id;
    row.append(el('td', '', d.gallery ? `${d.name} (gallery)` : d.name), el('td', '', d.kind), el('td', 'num', d.characters.toLocaleString('en')),
      el('td', 'num', String(d.vocab.length)), el('td', 'num', `${d.splits.train.toLocaleString('en')} / ${d.splits.test.toLocaleString('en')} ${d.splitUnit}`),
      el('td', '', d.labels.join(', ') || '—'));
    const actions = el('td', 'row-actions');
    const train = el('a', 'button button-small button-primary', 'Train on it');
    train.href = `/train?dataset=${encodeURIComponent(d.id)}`;
    actions.append(train);
    if (!d.gallery) {
      const del = el('button', 'button button-small', 'Delete');
      del.type = 'button';
      del.addEventListener('click', async () => {
        if (!window.confirm(`Delete the dataset “${d.name}”?`)) return;
        try {
          await datasetsApi.remove(d.id);
          refresh();
        } catch (err) {
          notice.error(err, 'Could not delete the dataset');
        }
      });
      actions.append(del);
    }
    row.append(actions);
    table.append(row);
  }
  list.replaceChildren(table);
}

refresh();
