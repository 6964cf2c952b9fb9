import math

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers import get_wsd_schedule

torch.set_num_threads(1)
STEPS, WARMUP = 800, 50


def factor(step):                  # warmup, then cosine decay to 10% of the peak
    if step < WARMUP:
        return (step + 1) / WARMUP
    return 0.1 + 0.45 * (1 + math.cos(math.pi * (step - WARMUP) / (STEPS - WARMUP)))


# A small model to train: an MLP on the 3 previous characters of names.txt.
words = open("names.txt").read().splitlines()
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
X, Y = [], []
for w in words:
    ids = [0, 0, 0] + [stoi[c] for c in w] + [0]
    for i in range(3, len(ids)):
        X.append(ids[i - 3:i])
        Y.append(ids[i])
X, Y = torch.tensor(X), torch.tensor(Y)

curves = {}
for peak in (3e-4, 3e-3, 3e-1):
    torch.manual_seed(0)                           # the same start for every run
    model = nn.Sequential(nn.Embedding(27, 10), nn.Flatten(), nn.Linear(30, 200),
                          nn.Tanh(), nn.Linear(200, 27))
    opt = torch.optim.AdamW(model.parameters(), lr=peak)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    g = torch.Generator().manual_seed(1)           # the same batches for every run
    losses = []
    for step in range(STEPS):
        rows = torch.randint(0, len(X), (256,), generator=g)
        loss = F.cross_entropy(model(X[rows]), Y[rows])
        opt.zero_grad()
        loss.backward()
        opt.step()
        schedule.step()
        losses.append(loss.item())
    curves[peak] = losses
    print(f"peak lr {peak:g}: mean loss of the last 100 batches "
          f"{sum(losses[-100:]) / 100:.4f}")

# For comparison, warmup-stable-decay (WSD) as transformers builds it: constant after
# the warmup, then a linear decay over the last 20% of the steps.
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
wsd = get_wsd_schedule(opt, num_warmup_steps=WARMUP, num_decay_steps=STEPS // 5,
                       num_training_steps=STEPS, decay_type="linear", min_lr_ratio=0.1)
wsd_factors = []
for _ in range(STEPS):
    wsd_factors.append(opt.param_groups[0]["lr"])
    opt.step()
    wsd.step()

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot([factor(s) for s in range(STEPS)], label="warmup + cosine (used here)")
axes[0].plot(wsd_factors, "--", label="warmup-stable-decay (get_wsd_schedule)")
axes[0].legend()
axes[0].set_title("two schedules: warmup + cosine, warmup-stable-decay")
axes[0].set_xlabel("step")
axes[0].set_ylabel("learning rate / peak")
for peak, losses in curves.items():
    smooth = torch.tensor(losses).unfold(0, 20, 20).mean(1)      # means of 20 steps
    axes[1].plot(range(10, STEPS, 20), smooth.tolist(), label=f"peak lr {peak:g}")
axes[1].set_title("one MLP on names.txt, three peak learning rates")
axes[1].set_xlabel("step")
axes[1].set_ylabel("training loss (mean of 20 batches)")
axes[1].set_ylim(2.0, 3.4)
axes[1].legend()
for ax in axes:
    ax.grid(True, alpha=0.3)
fig.tight_layout()
plt.show()
