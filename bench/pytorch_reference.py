#!/usr/bin/python3
"""Reference numbers from PyTorch for the import parity test (src/test/java/lstmexplorer/io/PyTorchParityTest.java).

Builds the same seeded models as SeededExport.java (a 2 x 256 nn.LSTM and a 1 x 512 nn.GRU over a
90-character vocabulary, every weight drawn from SplitMix64), runs them in float64 over the same
seeded 2,000-character input, and writes what the test compares against: for every layer the cell
(LSTM) and hidden state, and the next-character probabilities, as

  - 100 sampled entries per series, [t, unit, value], at positions drawn from Python's Random(seed);
  - three checksums over every entry: sum, sum of |v|, and sum of v * ((7 t + 3 unit) mod 11 - 5).

Run once, with Debian's python3-torch (not a pip/pyenv python):

  /usr/bin/python3 bench/pytorch_reference.py > src/test/resources/pytorch-reference.json
"""
import json
import math
import random
import sys

import torch

MASK = (1 << 64) - 1
VOCAB = ["\n"] + [chr(c) for c in range(32, 121)]  # 90 characters
LENGTH = 2000
SAMPLES = 100


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self, scale):
        """In [-scale, scale): (2u - 1) * scale with u = the top 53 bits / 2^53, as in Java."""
        u = (self.next() >> 11) * (2.0 ** -53)
        return (2.0 * u - 1.0) * scale


def tensor(rng, rows, cols, scale):
    values = [rng.uniform(scale) for _ in range(rows * (cols or 1))]
    t = torch.tensor(values, dtype=torch.float64)
    return t.reshape(rows, cols) if cols else t


def seeded_model(cell, hidden, layers, seed):
    """The weights in SeededExport's order: per layer weight_ih, weight_hh, bias_ih, bias_hh; then the decoder."""
    rng = SplitMix64(seed)
    gates = {"lstm": 4, "gru": 3}[cell]
    scale = 3.0 / math.sqrt(hidden)
    weights = {}
    for l in range(layers):
        inputs = len(VOCAB) if l == 0 else hidden
        weights[f"weight_ih_l{l}"] = tensor(rng, gates * hidden, inputs, scale)
        weights[f"weight_hh_l{l}"] = tensor(rng, gates * hidden, hidden, scale)
        weights[f"bias_ih_l{l}"] = tensor(rng, gates * hidden, 0, scale)
        weights[f"bias_hh_l{l}"] = tensor(rng, gates * hidden, 0, scale)
    decoder_w = tensor(rng, len(VOCAB), hidden, scale)
    decoder_b = tensor(rng, len(VOCAB), 0, scale)
    text = "".join(VOCAB[rng.next() % len(VOCAB)] for _ in range(LENGTH))
    return weights, decoder_w, decoder_b, text


def run(cell, hidden, layers, seed):
    weights, decoder_w, decoder_b, text = seeded_model(cell, hidden, layers, seed)
    x = torch.zeros(LENGTH, len(VOCAB), dtype=torch.float64)
    for t, ch in enumerate(text):
        x[t, VOCAB.index(ch)] = 1.0
    series = {}
    with torch.no_grad():
        inputs = x
        for l in range(layers):
            # one layer at a time: nn.LSTM returns every timestep's h of its last layer only, and no c
            if cell == "lstm":
                step = torch.nn.LSTMCell(inputs.shape[1], hidden).double()
            else:
                step = torch.nn.GRUCell(inputs.shape[1], hidden).double()
            step.weight_ih.copy_(weights[f"weight_ih_l{l}"])
            step.weight_hh.copy_(weights[f"weight_hh_l{l}"])
            step.bias_ih.copy_(weights[f"bias_ih_l{l}"])
            step.bias_hh.copy_(weights[f"bias_hh_l{l}"])
            h = torch.zeros(1, hidden, dtype=torch.float64)
            c = torch.zeros(1, hidden, dtype=torch.float64)
            hs, cs = [], []
            for t in range(LENGTH):
                if cell == "lstm":
                    h, c = step(inputs[t:t + 1], (h, c))
                    cs.append(c[0].clone())
                else:
                    h = step(inputs[t:t + 1], h)
                hs.append(h[0].clone())
            if cell == "lstm":
                series[f"layer{l}.cell"] = torch.stack(cs)
            series[f"layer{l}.hidden"] = torch.stack(hs)
            inputs = series[f"layer{l}.hidden"]
        # the layer-by-layer loop must agree with the whole nn.LSTM / nn.GRU
        whole = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(len(VOCAB), hidden, layers).double()
        for name, value in weights.items():
            getattr(whole, name).copy_(value)
        out, _ = whole(x.unsqueeze(1))
        assert torch.max(torch.abs(out[:, 0, :] - inputs)).item() < 1e-12
        logits = inputs @ decoder_w.T + decoder_b
        series["probabilities"] = torch.softmax(logits, dim=1)
    picker = random.Random(seed)
    result = {"cell": cell, "hidden": hidden, "layers": layers, "seed": seed, "length": LENGTH, "series": {}}
    for name, values in series.items():
        steps, width = values.shape
        t_index = torch.arange(steps, dtype=torch.float64).unsqueeze(1)
        u_index = torch.arange(width, dtype=torch.float64).unsqueeze(0)
        weight = torch.remainder(7 * t_index + 3 * u_index, 11) - 5
        samples = []
        for _ in range(SAMPLES):
            t, u = picker.randrange(steps), picker.randrange(width)
            samples.append([t, u, values[t, u].item()])
        result["series"][name] = {
            "sum": values.sum().item(),
            "sumAbs": values.abs().sum().item(),
            "weightedSum": (values * weight).sum().item(),
            "samples": samples,
        }
    return result


def main():
    models = [run("lstm", 256, 2, 18), run("gru", 512, 1, 19)]
    json.dump({"torch": torch.__version__, "vocab": "".join(VOCAB), "models": models}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
