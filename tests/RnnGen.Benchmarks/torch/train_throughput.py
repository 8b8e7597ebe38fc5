"""PyTorch's side of the training benchmark: the textbook Elman tagger (one-hot x over a vocabulary, tanh, a sigmoid
output), trained with binary cross-entropy and Adam on the same batch shape as RnnGen's side, one thread.

    OMP_NUM_THREADS=1 python3 train_throughput.py --hidden 100 --vocab 10000 --batch 32 --length 20

Two forms of the same network, both timed with time.perf_counter over whole optimizer steps (forward, backward,
Adam update):
  textbook: Wax x<t> + ba is a row read (nn.Embedding holds Wax's columns), the recurrence a Python loop of
            torch ops (exactly the textbook's computation);
  nn.RNN:   nn.Embedding(vocab, a) then nn.RNN(a, a): PyTorch's fused recurrent layer, which also multiplies by its
            own W_ih (a x a more work a token than the textbook's network).
Prints one line per form: `form tokens_per_second median_ms min_ms`.
"""
import argparse
import statistics
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--vocab", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--length", type=int, default=20)
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--warmup", type=int, default=10)
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(1)
    a, v, b, t = args.hidden, args.vocab, args.batch, args.length
    tokens = torch.randint(0, v, (b, t))
    targets = torch.randint(0, 2, (b, t, 1)).float()

    # The textbook's network: a<t> = tanh(Waa a<t-1> + Wax x<t> + ba), y = sigmoid(Wya a<t> + by).
    wax = torch.nn.Embedding(v, a)
    waa = torch.nn.Linear(a, a, bias=False)
    ba = torch.nn.Parameter(torch.zeros(a))
    head = torch.nn.Linear(a, 1)
    textbook_params = list(wax.parameters()) + list(waa.parameters()) + [ba] + list(head.parameters())

    def textbook():
        xs = wax(tokens) + ba
        h = torch.zeros(b, a)
        outs = []
        for s in range(t):
            h = torch.tanh(xs[:, s] + waa(h))
            outs.append(h)
        return head(torch.stack(outs, 1))

    emb = torch.nn.Embedding(v, a)
    rnn = torch.nn.RNN(a, a, batch_first=True)
    head2 = torch.nn.Linear(a, 1)
    fused_params = list(emb.parameters()) + list(rnn.parameters()) + list(head2.parameters())

    def fused():
        out, _ = rnn(emb(tokens))
        return head2(out)

    loss_fn = torch.nn.BCEWithLogitsLoss()
    for name, forward, params in (("textbook", textbook, textbook_params), ("nn.RNN", fused, fused_params)):
        opt = torch.optim.Adam(params, lr=1e-3)
        times = []
        for i in range(args.warmup + args.steps):
            start = time.perf_counter()
            opt.zero_grad()
            loss = loss_fn(forward(), targets)
            loss.backward()
            opt.step()
            if i >= args.warmup:
                times.append(time.perf_counter() - start)
        med = statistics.median(times)
        print(f"{name} {b * t / med:.0f} {med * 1e3:.3f} {min(times) * 1e3:.3f}")
    print(f"torch {torch.__version__} threads {torch.get_num_threads()} blas {torch.__config__.show().count('BLAS')}")


if __name__ == "__main__":
    main()
