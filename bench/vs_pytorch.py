"""Training throughput of PyTorch on the same models and data as `lstm-explorer bench`.

With --data-file instead of --task: the file as `bench --data-file` reads it, a text (--kind text) cut
into windows of --window characters, or lines (--kind lines), each line with its newline one sequence;
the vocabulary is the newline and the file's characters; the model is --layers x --hidden.

For one task: reads datasets/<task>/task.json (vocabulary, default model) and train.txt, builds
nn.LSTM (one-hot inputs, the task's default layers and hidden size) + nn.Linear, and trains by
next-character prediction as our Trainer does: the model reads "\\n" + s without its last character
and predicts s; batches of 32 sequences of similar length (runs of 8 batches sorted by length,
then shuffled), mean cross-entropy over real (non-padding) timesteps, Adam 0.01, gradient-norm
clipping at 1.0. Throughput counts real timesteps of forward + backward + update over a fixed
number of steps after a warm-up, as `bench` does. Prints one JSON line.

    /usr/bin/python3 bench/vs_pytorch.py --task counter [--threads 2] [--warmup 300] [--steps 1500] [--seed 1]
    /usr/bin/python3 bench/vs_pytorch.py --data-file FILE --kind text|lines [--window 100] --hidden 128 [--layers 1] ...
"""
import argparse
import json
import pathlib
import random
import sys
import time

import torch
from torch import nn


def batches(inputs, batch, rng, bucket_batches=8):
    """One epoch of batches: shuffled, cut into runs sorted by length, cut into batches, shuffled again."""
    order = list(range(len(inputs)))
    rng.shuffle(order)
    out = []
    bucket = batch * bucket_batches
    for start in range(0, len(order), bucket):
        run = sorted(order[start:start + bucket], key=lambda k: len(inputs[k]))
        out.extend(run[b:b + batch] for b in range(0, len(run), batch))
    rng.shuffle(out)
    return out


class Model(nn.Module):
    def __init__(self, vocab, hidden, layers):
        super().__init__()
        self.lstm = nn.LSTM(vocab, hidden, num_layers=layers, batch_first=True)
        self.decoder = nn.Linear(hidden, vocab)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.decoder(h)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--task")
    p.add_argument("--data-file")
    p.add_argument("--kind", choices=["text", "lines"], default="text")
    p.add_argument("--window", type=int, default=100)
    p.add_argument("--hidden", type=int)
    p.add_argument("--layers", type=int, default=1)
    p.add_argument("--datasets", default=str(pathlib.Path(__file__).resolve().parent.parent / "datasets"))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--steps", type=int, default=1500)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    if a.data_file:
        text = pathlib.Path(a.data_file).read_text()
        if a.kind == "text":
            sequences = [text[at:at + a.window] for at in range(0, len(text) - 1, a.window)]
        else:
            sequences = [line + "\n" for line in text.split("\n")[:-1 if text.endswith("\n") else None]]
        vocab = ["\n"] + sorted(set(text) - {"\n"})
        hidden, layers, name = a.hidden, a.layers, pathlib.Path(a.data_file).name
    else:
        root = pathlib.Path(a.datasets) / a.task
        task = json.loads((root / "task.json").read_text())
        vocab = task["vocabulary"]
        lines = (root / "train.txt").read_text().split("\n")
        sequences = [line + "\n" for line in lines if line]
        hidden, layers, name = task["defaultModel"]["hidden"], task["defaultModel"]["layers"], a.task
    index = {ch: k for k, ch in enumerate(vocab)}
    inputs = [[index[ch] for ch in "\n" + s[:-1]] for s in sequences]
    targets = [[index[ch] for ch in s] for s in sequences]

    model = Model(len(vocab), hidden, layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-1)
    eye = torch.eye(len(vocab))

    def tensors(batch):
        longest = max(len(inputs[k]) for k in batch)
        x = torch.zeros(len(batch), longest, dtype=torch.long)
        y = torch.full((len(batch), longest), -1, dtype=torch.long)
        for row, k in enumerate(batch):
            x[row, :len(inputs[k])] = torch.tensor(inputs[k])
            y[row, :len(targets[k])] = torch.tensor(targets[k])
        return eye[x], y, sum(len(inputs[k]) for k in batch)

    epoch = []

    def train(steps):
        nonlocal epoch
        timesteps = 0
        for _ in range(steps):
            if not epoch:
                epoch = batches(inputs, a.batch, rng)
            x, y, real = tensors(epoch.pop())
            optimizer.zero_grad()
            logits = model(x)
            loss = loss_fn(logits.reshape(-1, len(vocab)), y.reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            timesteps += real
        return timesteps

    train(a.warmup)
    t0 = time.perf_counter()
    timesteps = train(a.steps)
    seconds = time.perf_counter() - t0
    print(json.dumps({"task": name, "vocabulary": len(vocab), "torch": torch.__version__, "threads": a.threads, "layers": layers, "hidden": hidden,
                      "parameters": sum(p.numel() for p in model.parameters()), "steps": a.steps,
                      "timesteps_per_second": timesteps / seconds}))


if __name__ == "__main__":
    sys.exit(main())
