# The PyTorch values AdamReferenceTests compares the trainer with: /usr/bin/python3 adam_reference.py
# (PyTorch 1.13, Debian's python3-torch). Each case: parameters a (3 values) and b (2 values), a quadratic loss
# 0.5 * sum((w - c_t)^2) per step t, the mean over the batch's steps, clip_grad_norm_ when clip > 0, then one
# optimizer step (and a LambdaLR step); repeated `updates` times with the same batch. Prints C# arrays.
import math
import torch

torch.set_default_dtype(torch.float32)
A0 = [0.5, -1.25, 2.0]
B0 = [3.0, -0.75]
# Targets of the steps: the batch's sequences, one after another (each row is one step's 5 targets).
ONE_STEP = [[1.5, 0.25, -2.0, 0.0, 1.0]]
THREE_STEPS = [[1.5, 0.25, -2.0, 0.0, 1.0], [0.5, 0.5, 0.5, 0.5, 0.5], [-1.0, 2.0, 0.0, 4.0, -3.0]]


def cosine(warmup, total):
    def factor(step):
        if step < warmup:
            return (step + 1) / warmup
        progress = min(1.0, (step - warmup) / max(1, total - warmup))
        return 0.5 * (1 + math.cos(math.pi * progress))
    return factor


def run(name, optimizer, targets, updates, lr, wd=0.0, clip=0.0, schedule=None, betas=(0.9, 0.999), eps=1e-8):
    a = torch.tensor(A0, requires_grad=True)
    b = torch.tensor(B0, requires_grad=True)
    if optimizer == "adam":
        opt = torch.optim.Adam([a, b], lr=lr, betas=betas, eps=eps, weight_decay=wd)
    else:
        opt = torch.optim.AdamW([a, b], lr=lr, betas=betas, eps=eps, weight_decay=wd)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, schedule) if schedule else None
    c = torch.tensor(targets)
    for _ in range(updates):
        opt.zero_grad()
        w = torch.cat([a, b])
        loss = (0.5 * ((w.unsqueeze(0) - c) ** 2).sum(dim=1)).mean()
        loss.backward()
        if clip > 0:
            torch.nn.utils.clip_grad_norm_([a, b], clip)
        opt.step()
        if sched:
            sched.step()
    values = a.detach().tolist() + b.detach().tolist()
    print(f"// {name}")
    print("[" + ", ".join(f"{v:.9g}f" for v in values) + "]")


run("adam, lr 0.1, 5 updates", "adam", ONE_STEP, 5, 0.1)
run("adam, lr 0.1, weight decay 0.01, clip 1.0, 5 updates", "adam", ONE_STEP, 5, 0.1, wd=0.01, clip=1.0)
run("adamw, lr 0.1, weight decay 0.1, 5 updates", "adamw", ONE_STEP, 5, 0.1, wd=0.1)
run("adam, lr 0.05, three steps (mean), clip 0.5, 6 updates", "adam", THREE_STEPS, 6, 0.05, clip=0.5)
run("adam, lr 0.2, cosine with 2 warm-up updates over 6, 6 updates", "adam", ONE_STEP, 6, 0.2, schedule=cosine(2, 6))
# With betas 0 and a huge eps, one update is w - lr * g / (|g| + eps), nearly w - g: the clipped gradient itself shows.
run("adam, betas 0, eps 1e6, lr 1e6, three steps (mean), clip 1.0, 1 update", "adam", THREE_STEPS, 1, 1e6, clip=1.0, betas=(0.0, 0.0), eps=1e6)
run("adam, betas 0, eps 1e6, lr 1e6, three steps (mean), no clip, 1 update", "adam", THREE_STEPS, 1, 1e6, betas=(0.0, 0.0), eps=1e6)
