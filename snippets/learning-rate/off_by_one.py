import warnings

import torch
from torch.optim.lr_scheduler import LinearLR

WARMUP, PEAK = 5, 1e-3

# Four warmups that all "go linearly from 0 to PEAK in WARMUP steps":
old = [PEAK * it / WARMUP for it in range(WARMUP + 1)]  # nanoGPT until Dec 2024
copied = [PEAK * (it + 1) / (WARMUP + 1) for it in range(WARMUP + 1)]  # nanoGPT since
mine = [PEAK * min(1.0, (it + 1) / WARMUP) for it in range(WARMUP + 1)]
w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=PEAK)
sched = LinearLR(opt, start_factor=1 / WARMUP, total_iters=WARMUP)  # to step WARMUP
linear = []
for _ in range(WARMUP + 1):
    linear.append(opt.param_groups[0]["lr"])
    opt.step()
    sched.step()
for name, lrs in (
    ("lr*it/warmup", old),
    ("lr*(it+1)/(warmup+1)", copied),
    ("lr*min(1,(it+1)/warmup)", mine),
    ("LinearLR(1/warmup, total_iters=warmup)", linear),
):
    print(f"{name:40}", " ".join(f"{v * 1e4:5.3f}" for v in lrs), "(x 1e-4)")

# Stepping the scheduler before the optimizer skips the first value, and warns.
w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=PEAK)
sched = LinearLR(opt, start_factor=1 / WARMUP, total_iters=WARMUP)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    sched.step()  # too early
    opt.step()
print("scheduler.step() before optimizer.step():", str(caught[0].message)[:70], "...")
print(
    "first lr actually used:",
    f"{opt.param_groups[0]['lr'] * 1e4:.3f}e-4",
    "instead of",
    f"{PEAK / WARMUP * 1e4:.3f}e-4",
)
