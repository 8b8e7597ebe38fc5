#!/usr/bin/env python3
"""Writes the PyTorch fixtures that PyTorchParityTests compare RnnGen's generated code with.

Each fixture is an nn.RNN + nn.Linear with seeded random weights, saved as a safetensors file in
RnnGen's tensor names, and a JSON file with input sequences and PyTorch's outputs for them.

    Waa = rnn.weight_hh_l0          (a x a)
    Wax = rnn.weight_ih_l0          (a x x)
    ba  = rnn.bias_ih_l0 + rnn.bias_hh_l0   (nn.RNN has two hidden biases; RnnGen's ba is their sum)
    Wya = linear.weight             (y x a)
    by  = linear.bias               (y)

Run with Debian's python3-torch (apt-get install python3-torch): /usr/bin/python3 make_fixtures.py
CI does not run this script; it only reads the files it wrote.
"""
import json
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def save_safetensors(path, tensors):
    """A safetensors file of F32 tensors, written by hand (no safetensors package needed)."""
    header, blobs, offset = {}, [], 0
    for name, tensor in tensors.items():
        data = tensor.detach().contiguous().to(torch.float32).numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def make(name, a, x, y, nonlinearity, output, one_hot, sequences, seed):
    torch.manual_seed(seed)
    rnn = torch.nn.RNN(input_size=x, hidden_size=a, nonlinearity=nonlinearity, batch_first=True)
    linear = torch.nn.Linear(a, y)
    save_safetensors(os.path.join(HERE, name + ".safetensors"), {
        "Waa": rnn.weight_hh_l0,
        "Wax": rnn.weight_ih_l0,
        "ba": rnn.bias_ih_l0 + rnn.bias_hh_l0,
        "Wya": linear.weight,
        "by": linear.bias,
    })
    cases = []
    with torch.no_grad():
        for seq in sequences:
            if one_hot:
                inputs = torch.nn.functional.one_hot(torch.tensor(seq), x).to(torch.float32)
            else:
                inputs = torch.tensor(seq, dtype=torch.float32)
            hidden, _ = rnn(inputs.unsqueeze(0))          # a<1..T>, from a<0> = 0
            z = linear(hidden.squeeze(0))
            if output == "sigmoid":
                out = torch.sigmoid(z)
            elif output == "softmax":
                out = torch.softmax(z, dim=-1)
            elif output == "tanh":
                out = torch.tanh(z)
            else:
                out = z
            cases.append({"inputs": seq, "outputs": out.tolist()})
    spec = {"a": a, "x": x, "y": y, "hiddenActivation": nonlinearity, "outputActivation": output,
            "encoding": "one-hot" if one_hot else "dense", "torch": torch.__version__, "cases": cases}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(spec, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    g = torch.Generator().manual_seed(7)
    make("onehot-tanh-sigmoid", a=24, x=40, y=1, nonlinearity="tanh", output="sigmoid", one_hot=True,
         sequences=[torch.randint(0, 40, (n,), generator=g).tolist() for n in (1, 7, 15)], seed=1)
    make("dense-relu-softmax", a=19, x=5, y=4, nonlinearity="relu", output="softmax", one_hot=False,
         sequences=[(torch.rand((n, 5), generator=g) * 2 - 1).tolist() for n in (3, 9)], seed=2)
    make("onehot-tanh-linear", a=100, x=300, y=3, nonlinearity="tanh", output="linear", one_hot=True,
         sequences=[torch.randint(0, 300, (n,), generator=g).tolist() for n in (5, 20)], seed=3)
