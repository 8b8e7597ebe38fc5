#!/usr/bin/env python3
"""Writes the PyTorch fixtures for GRU, LSTM and Elman (nn.RNN) stacks into cells/.

How to run (once, by hand; CI never runs it and does not need torch, it only reads the files):

    apt-get install python3-torch          # Debian's PyTorch; no other package is needed
    /usr/bin/python3 make_cell_fixtures.py

The script is deterministic: running it again with the same torch version rewrites the same files.

Each fixture is the module Model below with PyTorch's default initialisation after
torch.manual_seed(seed). Fixture set: cell {rnn (tanh), gru, lstm} x layers {1, 2} x {uni, bi}
x input {one-hot through an embedding (vocab 30, E = 6), dense (x = 5)} = 24 fixtures, a = 12,
y = 3, the head's output activation rotating over sigmoid, softmax and linear. Names look like
gru-l2-bi-onehot, lstm-l1-uni-dense, rnn-l1-uni-onehot.

For every fixture <name> the script writes:

  cells/<name>.safetensors   exactly model.state_dict(), F32, in PyTorch's names and shapes:
      embedding.weight                [vocab, E]        (one-hot fixtures only)
      rnn.weight_ih_l{k}[_reverse]    [G*a, in_k]       G = 1 rnn, 3 gru (r, z, n), 4 lstm (i, f, g, o)
      rnn.weight_hh_l{k}[_reverse]    [G*a, a]
      rnn.bias_ih_l{k}[_reverse]      [G*a]
      rnn.bias_hh_l{k}[_reverse]      [G*a]
      head.weight                     [y, a*dirs]
      head.bias                       [y]
  cells/<name>.json          the spec and three cases (sequences of lengths 1, 7 and 1000):
      { "cell", "layers", "bidirectional", "encoding": "one-hot" | "dense",
        "x": vocabulary size (one-hot) or dense size, "embedding": E or 0, "a", "y",
        "hiddenActivation", "outputActivation", "torch": torch.__version__,
        "cases": [ { "inputs": token ints | lists of floats,
                     "outputs":   T x y, the float32 model's activated head outputs from h<0> = c<0> = 0,
                     "outputs64": the same from a float64 copy of the model (copy.deepcopy(model).double()) } ] }

Dense inputs are drawn uniform in [-1, 1] and rounded to 6 decimals; the model is fed the float32
nearest to each decimal (which is what a reader parsing the JSON as float32 gets; the script checks
this), and the float64 copy is fed those same float32 values widened to float64. Floats are written
with Python's repr (full precision).
"""
import copy
import json
import os
import sys
from fractions import Fraction

import numpy as np
import torch

sys.dont_write_bytecode = True                                      # no __pycache__ beside the fixtures
from make_fixtures import save_safetensors  # noqa: E402  (the hand-written safetensors writer)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cells")

A, Y, VOCAB, EMBEDDING, DENSE = 12, 3, 30, 6, 5
LENGTHS = (1, 7, 1000)
OUTPUTS = ("sigmoid", "softmax", "linear")


class Model(torch.nn.Module):
    def __init__(self, cell, x, a, layers, bidirectional, y, embedding, vocab, nonlinearity):
        super().__init__()
        self.embedding = torch.nn.Embedding(vocab, embedding) if embedding else None   # one-hot input only
        rnn_in = embedding if embedding else x
        if cell == "rnn": self.rnn = torch.nn.RNN(rnn_in, a, num_layers=layers, nonlinearity=nonlinearity, bidirectional=bidirectional, batch_first=True)
        if cell == "gru": self.rnn = torch.nn.GRU(rnn_in, a, num_layers=layers, bidirectional=bidirectional, batch_first=True)
        if cell == "lstm": self.rnn = torch.nn.LSTM(rnn_in, a, num_layers=layers, bidirectional=bidirectional, batch_first=True)
        self.head = torch.nn.Linear(a * (2 if bidirectional else 1), y)


def activate(name, z):
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "softmax":
        return torch.softmax(z, dim=-1)
    if name == "linear":
        return z
    raise ValueError(name)


def run(model, inputs, one_hot, output):
    """The head's activated outputs, T x y, for one sequence (batch of one, h<0> = c<0> = 0)."""
    with torch.no_grad():
        x = model.embedding(inputs) if one_hot else inputs
        hidden, _ = model.rnn(x.unsqueeze(0))
        return activate(output, model.head(hidden.squeeze(0)))


def nearest_float32(text):
    """The float32 nearest to the decimal `text`, checked exactly (so parsing the JSON as float32 gives it)."""
    f = np.float32(float(text))
    exact = Fraction(text)
    for neighbour in (np.nextafter(f, np.float32(-2)), np.nextafter(f, np.float32(2))):
        assert abs(Fraction(float(neighbour)) - exact) > abs(Fraction(float(f)) - exact), text
    return f


def dense_sequence(generator, n):
    """n rows of DENSE values uniform in [-1, 1], rounded to 6 decimals: (JSON rows, float32 tensor)."""
    raw = (torch.rand((n, DENSE), generator=generator, dtype=torch.float64) * 2 - 1).tolist()
    rows = [[round(v, 6) + 0.0 for v in row] for row in raw]          # + 0.0 turns -0.0 into 0.0
    values = np.array([[nearest_float32(repr(v)) for v in row] for row in rows], dtype=np.float32)
    return rows, torch.from_numpy(values)


def make(name, cell, layers, bidirectional, one_hot, output, seed):
    torch.manual_seed(seed)
    model = Model(cell, DENSE, A, layers, bidirectional, Y,
                  EMBEDDING if one_hot else 0, VOCAB, "tanh").eval()
    model64 = copy.deepcopy(model).double()
    save_safetensors(os.path.join(OUT, name + ".safetensors"), model.state_dict())

    generator = torch.Generator().manual_seed(1000 + seed)
    cases = []
    for n in LENGTHS:
        if one_hot:
            tokens = torch.randint(0, VOCAB, (n,), generator=generator)
            inputs, x32, x64 = tokens.tolist(), tokens, tokens
        else:
            inputs, x32 = dense_sequence(generator, n)
            x64 = x32.double()
        out32 = run(model, x32, one_hot, output)
        out64 = run(model64, x64, one_hot, output)
        assert out32.dtype == torch.float32 and out64.dtype == torch.float64
        cases.append({"inputs": inputs, "outputs": out32.tolist(), "outputs64": out64.tolist()})
        print(f"{name:22} T={n:5}  max |float32 - float64| = {(out32.double() - out64).abs().max().item():.3e}")

    spec = {"cell": cell, "layers": layers, "bidirectional": bidirectional,
            "encoding": "one-hot" if one_hot else "dense", "x": VOCAB if one_hot else DENSE,
            "embedding": EMBEDDING if one_hot else 0, "a": A, "y": Y,
            "hiddenActivation": "tanh", "outputActivation": output, "torch": torch.__version__}
    write_json(os.path.join(OUT, name + ".json"), spec, cases)


def write_json(path, spec, cases):
    """Plain JSON, one time step (an input row or an output row) per line, so diffs stay readable."""
    def rows(values):
        return "[\n" + ",\n".join("    " + json.dumps(v) for v in values) + "\n   ]"
    lines = ["{"] + [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in spec.items()] + [' "cases": [']
    parts = []
    for case in cases:
        inputs = json.dumps(case["inputs"]) if case["inputs"] and isinstance(case["inputs"][0], int) else rows(case["inputs"])
        parts.append("  {\n"
                     f'   "inputs": {inputs},\n'
                     f'   "outputs": {rows(case["outputs"])},\n'
                     f'   "outputs64": {rows(case["outputs64"])}\n'
                     "  }")
    text = "\n".join(lines) + "\n" + ",\n".join(parts) + "\n ]\n}\n"
    json.loads(text)                                                    # well-formed
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    index = 0
    for cell in ("rnn", "gru", "lstm"):
        for layers in (1, 2):
            for bidirectional in (False, True):
                for one_hot in (True, False):
                    name = f"{cell}-l{layers}-{'bi' if bidirectional else 'uni'}-{'onehot' if one_hot else 'dense'}"
                    make(name, cell, layers, bidirectional, one_hot, OUTPUTS[index % len(OUTPUTS)], seed=index + 1)
                    index += 1
