"""A char-LSTM on a text with PyTorch, trained as `lstm-explorer bench --dataset` trains ours.

The text (\\r\\n and \\r read as \\n) keeps its last 10% for testing. Training reads windows of 100
characters of the rest, one starting every 25 characters while the rest is at most 1,000,000 characters (one
after another beyond), as ours cuts them, each from the start token "\\n" (the model reads "\\n" + w without its last
character and predicts w), 32 windows a batch in shuffled order, mean cross-entropy, Adam 0.01,
gradient-norm clipping at 1.0, one-hot inputs into nn.LSTM + nn.Linear. Then, as ours:

  - throughput: real timesteps/s of forward + backward + update over --steps after --warmup steps;
  - a fresh model (same seed) trained for --seconds, then measured on the first 10,000 or so test
    characters in windows of 100 from the start token: bits per character and next-character accuracy;
  - the best unit's |r| with the line position (characters since the last newline, counted in the
    whole text) among the hidden and the cell state (nn.LSTM does not expose its gates), after each
    test character a window reads as input: all but its last, whose state ours never computes, so
    both sides correlate the same 9,900 or so states with the same values.

Prints one JSON line.

    /usr/bin/python3 bench/vs_pytorch_text.py --text datasets/code/java-sources.txt [--hidden 64] [--threads 2] [--seconds 120]
                                              [--seed 1] [--lr 0.01]
"""
import argparse
import json
import math
import random
import sys
import time

import torch
from torch import nn

TEST_SHARE, TEST_CHARACTERS = 0.1, 10_000


class Model(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.lstm = nn.LSTM(vocab, hidden, batch_first=True)
        self.decoder = nn.Linear(hidden, vocab)

    def forward(self, x, state=None):
        h, state = self.lstm(x, state)
        return self.decoder(h), h, state


OVERLAPPED_UP_TO = 1_000_000


def windows(text, start, end, width, limit=None, stride=None):
    out = []
    at = start
    while at + 2 <= end and (limit is None or at - start < limit):
        out.append((at, text[at:min(end, at + width)]))
        at += stride or width
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--text", required=True)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seconds", type=float, default=120)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--window", type=int, default=100)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--lr", type=float, default=0.01)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    text = open(a.text, encoding="utf-8").read().replace("\r\n", "\n").replace("\r", "\n")
    vocab = sorted(set(text) | {"\n"})
    index = {ch: k for k, ch in enumerate(vocab)}
    eye = torch.eye(len(vocab))
    test_start = len(text) - round(len(text) * TEST_SHARE)
    train = [w for _, w in windows(text, 0, test_start, a.window,
                                   stride=max(1, a.window // 4) if test_start <= OVERLAPPED_UP_TO else a.window)]
    test = windows(text, test_start, len(text), a.window, TEST_CHARACTERS)

    def tensors(batch):
        longest = max(len(w) for w in batch)
        x = torch.zeros(len(batch), longest, dtype=torch.long)
        y = torch.full((len(batch), longest), -1, dtype=torch.long)
        for row, w in enumerate(batch):
            x[row, :len(w)] = torch.tensor([index[ch] for ch in "\n" + w[:-1]])
            y[row, :len(w)] = torch.tensor([index[ch] for ch in w])
        return eye[x], y, sum(len(w) for w in batch)

    def fresh():
        torch.manual_seed(a.seed)
        model = Model(len(vocab), a.hidden)
        return model, torch.optim.Adam(model.parameters(), lr=a.lr), random.Random(a.seed), []

    loss_fn = nn.CrossEntropyLoss(ignore_index=-1)

    def step(model, optimizer, rng, epoch):
        if not epoch:
            order = train[:]
            rng.shuffle(order)
            epoch.extend(order[k:k + a.batch] for k in range(0, len(order), a.batch))
        x, y, real = tensors(epoch.pop())
        optimizer.zero_grad()
        logits, _, _ = model(x)
        loss = loss_fn(logits.reshape(-1, len(vocab)), y.reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        return real

    # throughput over a fixed number of steps after a warm-up
    model, optimizer, rng, epoch = fresh()
    for _ in range(a.warmup):
        step(model, optimizer, rng, epoch)
    t0 = time.perf_counter()
    timesteps = sum(step(model, optimizer, rng, epoch) for _ in range(a.steps))
    throughput = timesteps / (time.perf_counter() - t0)

    # a fresh run of --seconds
    model, optimizer, rng, epoch = fresh()
    t0 = time.perf_counter()
    steps = 0
    while time.perf_counter() - t0 < a.seconds:
        step(model, optimizer, rng, epoch)
        steps += 1
    seconds = time.perf_counter() - t0

    # held-out bits per character, accuracy, and the states after each test character
    line_position, position = [], 0
    for ch in text:
        position = 0 if ch == "\n" else position + 1
        line_position.append(position)
    nats, right, count = 0.0, 0, 0
    states, variable = [], []
    with torch.no_grad():
        for at, w in test:
            x = eye[torch.tensor([index[ch] for ch in "\n" + w[:-1]])].unsqueeze(0)
            state, hs, cs = None, [], []
            for t in range(x.shape[1]):
                logits, h, state = model(x[:, t:t + 1], state)
                hs.append(h[0, 0])
                cs.append(state[1][0, 0])
                target = index[w[t]]
                logp = torch.log_softmax(logits[0, 0], dim=0)
                nats -= logp[target].item()
                right += int(logp.argmax().item() == target)
                count += 1
            # the state after reading w[t] is the one after input t + 1 (input 0 is the start token); as
            # ours, the model reads "\n" + w without its last character, which it only predicts
            for t in range(len(w) - 1):
                states.append(torch.cat([hs[t + 1], cs[t + 1]]))
                variable.append(line_position[at + t])
    s = torch.stack(states).double()
    v = torch.tensor(variable, dtype=torch.double)
    s, v = s - s.mean(0), v - v.mean()
    r = (s * v[:, None]).sum(0) / (s.norm(dim=0) * v.norm()).clamp_min(1e-12)
    print(json.dumps({"torch": torch.__version__, "threads": a.threads, "hidden": a.hidden, "seed": a.seed, "learning_rate": a.lr, "vocabulary": len(vocab),
                      "characters": len(text), "timesteps_per_second": throughput, "steps": steps, "seconds": seconds,
                      "bits_per_character": nats / count / math.log(2), "next_char_accuracy": right / count,
                      "line_position_r": r.abs().max().item()}))


if __name__ == "__main__":
    sys.exit(main())
