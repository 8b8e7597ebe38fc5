"""PyTorch's side of the peers benchmark (tests/RnnGen.Benchmarks, `-- peers`), run by /usr/bin/python3.

    python3 peers.py <folder> [--quick] <case>...

For each case the C# side writes <case>.json (cell, hidden size, vocabulary size, the sentence's and the batch's
tokens, the generated code's outputs on the sentence) and <case>.bin (float32: weight_ih, weight_hh, bias_ih,
bias_hh, head.weight, head.bias, PyTorch's layouts and gate order). The network is built as the ONNX export builds it:
the input table (weight_ih's columns, one row per token) as an nn.Embedding, then nn.RNN/GRU/LSTM with an identity
weight_ih and the model's weight_hh and biases, then the head and a sigmoid. One thread, no_grad, timed with
time.perf_counter: a sentence per call, a token per call with the state fed back, the batch per call.
Prints JSON lines: first {"torch", "blas"}, then {"case", "mode", "median", "min", "max_abs_diff"} in ns per token,
or {"skip": reason} when torch cannot be imported.
"""
import json
import statistics
import sys
import time

try:
    import numpy as np
    import torch
except ImportError as e:  # the C# side prints the reason as its note
    print(json.dumps({"skip": f"torch is not importable in /usr/bin/python3 ({e})"}), flush=True)
    sys.exit(0)


def blas():
    """What torch.__config__.show() says of BLAS, and the BLAS library actually mapped into this process after a matmul."""
    import re
    config = torch.__config__.show()
    said = [f"{k}={v}" for k, v in re.findall(r"(BLAS_INFO|LAPACK_INFO|USE_MKLDNN|USE_OPENMP)=([^,\s]+)", config)]
    said += [l.strip(" -") for l in config.splitlines() if "MKL-DNN" in l or "oneDNN" in l]
    torch.ones(64, 64) @ torch.ones(64, 64)
    try:
        with open("/proc/self/maps") as f:
            mapped = sorted({l.split()[-1] for l in f if re.search(r"blas|mkl", l.split()[-1], re.I) and "/" in l})
    except OSError:
        mapped = []
    return "torch.__config__.show(): " + ", ".join(said) + "; loaded: " + (", ".join(mapped) if mapped else "no BLAS library mapped")


def build(case, folder):
    with open(f"{folder}/{case}.json") as f:
        meta = json.load(f)
    cell, h, v = meta["cell"], meta["hidden"], meta["vocabulary"]
    g = {"rnn": 1, "gru": 3, "lstm": 4}[cell]
    raw = np.fromfile(f"{folder}/{case}.bin", dtype="<f4")
    sizes = [g * h * v, g * h * h, g * h, g * h, h, 1]
    parts, at = [], 0
    for n in sizes:
        parts.append(torch.from_numpy(raw[at:at + n].copy()))
        at += n
    wih, whh, bih, bhh, wy, by = parts
    table = torch.nn.Embedding(v, g * h)
    table.weight.data = wih.reshape(g * h, v).t().contiguous()
    kind = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[cell]
    rnn = kind(g * h, h)
    rnn.weight_ih_l0.data = torch.eye(g * h)
    rnn.weight_hh_l0.data = whh.reshape(g * h, h)
    rnn.bias_ih_l0.data = bih
    rnn.bias_hh_l0.data = bhh
    head = torch.nn.Linear(h, 1)
    head.weight.data = wy.reshape(1, h)
    head.bias.data = by
    return meta, table, rnn, head


def timed(run, repeats, tokens):
    run()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        times.append((time.perf_counter() - t0) * 1e9 / tokens)
    return statistics.median(times), min(times)


def main():
    folder, quick = sys.argv[1], "--quick" in sys.argv
    cases = [a for a in sys.argv[2:] if not a.startswith("--")]
    torch.set_num_threads(1)
    print(json.dumps({"torch": torch.__version__, "blas": blas(), "threads": torch.get_num_threads()}), flush=True)
    with torch.no_grad():
        for case in cases:
            meta, table, rnn, head = build(case, folder)
            lstm = meta["cell"] == "lstm"
            tokens = torch.tensor(meta["tokens"], dtype=torch.long)
            n, b = len(meta["tokens"]), meta["batchSize"]
            batch = torch.tensor(meta["batch"], dtype=torch.long).reshape(b, n).t().contiguous()  # [T, B]

            def sentence():
                y, _ = rnn(table(tokens).unsqueeze(1))
                return torch.sigmoid(head(y))

            def streamed():
                state, ys = None, []
                for t in range(n):
                    y, state = rnn(table(tokens[t:t + 1]).unsqueeze(1), state)
                    ys.append(torch.sigmoid(head(y)))
                return ys

            def batched():
                y, _ = rnn(table(batch))
                return torch.sigmoid(head(y))

            expected = np.array(meta["expected"], dtype=np.float64)
            diff = float(np.abs(sentence().reshape(-1).double().numpy() - expected).max())
            diff_streamed = float(np.abs(torch.cat([y.reshape(-1) for y in streamed()]).double().numpy() - expected).max())
            repeats = 3 if quick else max(15, min(400, int(2e8 / (meta["hidden"] ** 2 * n))))
            for mode, run, count in (("sentence", sentence, n), ("token", streamed, n), ("batch", batched, n * b)):
                median, best = timed(run, repeats if mode != "batch" else max(3, repeats // 8), count)
                print(json.dumps({"case": case, "mode": mode, "median": median, "min": best,
                                  "max_abs_diff": diff_streamed if mode == "token" else diff}), flush=True)


if __name__ == "__main__":
    main()
