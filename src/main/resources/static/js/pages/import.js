/**
 * Import page: a model file or PyTorch export dropped or picked, uploaded with a progress bar, the
 * server's refusal shown word for word; the snippet that writes the export, ready to copy.
 */
import { api } from '../api.js';
import { ProgressBar } from '../progress.js';
import { Notice } from '../notice.js';
import { taskLabel } from '../chars.js';

const SNIPPET = `import json

# model: holds one nn.LSTM (or nn.GRU, nn.RNN; not bidirectional,
#        no proj_size) and one nn.Linear decoder to the characters
# chars: the characters in the order of the one-hot input
def rounded(x):  # 8 significant digits keep float32's precision
    return [rounded(v) for v in x] if isinstance(x, list) else float(f"{x:.8g}")

state = {name: rounded(tensor.tolist())
         for name, tensor in model.state_dict().items()}
with open("model.json", "w") as f:
    json.dump({"vocab": list(chars), "state_dict": state}, f)
`;

const notice = new Notice(document.getElementById('notice'));
const fileInput = document.getElementById('import-file');
const dropZone = document.getElementById('drop-zone');
const dropText = document.getElementById('drop-text');
const nameInput = document.getElementById('import-name');
const taskSelect = document.getElementById('import-task');
const startButton = document.getElementById('import-start');
const result = document.getElementById('import-result');
const limitsLine = document.getElementById('import-limits');
const progress = new ProgressBar(document.getElementById('import-progress'));
const snippet = document.getElementById('python-snippet');
const copyButton = document.getElementById('copy-snippet');

let file = null;
let maxBytes = Infinity;

snippet.textContent = SNIPPET;
progress.set(0, 'No file yet.', 'idle');

/** Sizes in MB of 2^20 bytes, as the server states its limit. */
function megabytes(bytes) {
  const mb = bytes / 1048576;
  return `${mb.toFixed(mb < 1 ? 2 : mb < 10 ? 1 : 0)} MB`;
}

function choose(chosen) {
  notice.clear();
  result.replaceChildren();
  file = chosen || null;
  dropZone.classList.toggle('chosen', !!file);
  if (!file) {
    dropText.textContent = 'Drop the JSON file here, or click to choose it';
    startButton.disabled = true;
    return;
  }
  dropText.textContent = `${file.name} · ${megabytes(file.size)}`;
  if (file.size > maxBytes) {
    notice.error(`${file.name} is ${megabytes(file.size)}; the server takes uploads of up to ${megabytes(maxBytes)}`);
    startButton.disabled = true;
    return;
  }
  startButton.disabled = false;
  progress.set(0, 'Ready to upload.', 'idle');
}

fileInput.addEventListener('change', () => choose(fileInput.files[0]));
for (const type of ['dragenter', 'dragover']) {
  dropZone.addEventListener(type, (event) => { event.preventDefault(); dropZone.classList.add('dragging'); });
}
for (const type of ['dragleave', 'drop']) {
  dropZone.addEventListener(type, () => dropZone.classList.remove('dragging'));
}
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  if (event.dataTransfer.files.length) choose(event.dataTransfer.files[0]);
});

startButton.addEventListener('click', async () => {
  if (!file) return;
  notice.clear();
  result.replaceChildren();
  startButton.disabled = true;
  try {
    const info = await api.importModel(file, { name: nameInput.value.trim() || undefined, task: taskSelect.value || undefined },
      (sent, total) => progress.set(total ? sent / total : 0, sent < total
        ? `Uploading… ${megabytes(sent)} of ${megabytes(total)}`
        : 'Uploaded; the server is reading the weights…'));
    progress.set(1, `Imported: ${info.layers} × ${info.hidden} ${info.cell.toUpperCase()}, ${info.vocab.length} characters, `
      + `${info.parameters.toLocaleString('en')} parameters.`, 'done');
    const link = document.createElement('a');
    link.className = 'button button-primary';
    link.id = 'open-imported';
    link.href = `/models/${encodeURIComponent(info.id)}`;
    link.textContent = `Open ${info.name || info.id}`;
    result.append(link);
  } catch (err) {
    progress.set(0, 'Not imported.', 'failed');
    notice.error(err, `${file.name} was not imported`);
  } finally {
    startButton.disabled = !file;
  }
});

copyButton.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(SNIPPET);
    copyButton.textContent = 'Copied';
  } catch {
    // no clipboard access (plain http on another host): select the text so Ctrl+C copies it
    const range = document.createRange();
    range.selectNodeContents(snippet);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    copyButton.textContent = 'Selected: press Ctrl+C';
  }
  setTimeout(() => { copyButton.textContent = 'Copy'; }, 2000);
});

async function init() {
  try {
    const [tasks, doc] = await Promise.all([api.tasks(), api.openapi()]);
    for (const task of tasks) {
      const option = document.createElement('option');
      option.value = task.name;
      option.textContent = taskLabel(task.name);
      taskSelect.append(option);
    }
    const schema = doc.paths['/api/models/import'].post.requestBody.content['application/json'].schema;
    maxBytes = schema['x-max-bytes'];
    limitsLine.textContent = `Up to ${schema['x-max-hidden'].toLocaleString('en')} units per layer, ${schema['x-max-layers']} layers, `
      + `${schema['x-max-vocab']} characters and ${megabytes(maxBytes)}.`;
  } catch (err) {
    notice.error(err, 'Could not load the tasks and limits');
  }
}

init();
