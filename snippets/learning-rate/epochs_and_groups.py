import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LambdaLR

WARMUP, TOTAL, BATCHES_PER_EPOCH = 100, 1000, 100  # 10 epochs of 100 batches


def factor(t):  # warmup, then cosine decay to 10% of the peak
    if t < WARMUP:
        return (t + 1) / WARMUP
    return 0.1 + 0.45 * (1 + math.cos(math.pi * (t - WARMUP) / (TOTAL - WARMUP)))


def used_lrs(per_epoch):
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=1e-3)
    sched, lrs = LambdaLR(opt, factor), []
    for epoch in range(TOTAL // BATCHES_PER_EPOCH):
        for batch in range(BATCHES_PER_EPOCH):
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            if not per_epoch:
                sched.step()
        if per_epoch:
            sched.step()
    return lrs


print("lr used at batch     ", *(f"{t:>8d}" for t in (0, 99, 250, 500, 750, 999)))
for per_epoch in (False, True):
    lrs = used_lrs(per_epoch)
    print(f"stepped once per {'epoch' if per_epoch else 'batch'}:",
          *(f"{lrs[t]:8.2e}" for t in (0, 99, 250, 500, 750, 999)))

# Two parameter groups: the scheduler scales each group's own initial lr...
w1, w2 = torch.zeros(1, requires_grad=True), torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([{"params": [w1], "lr": 1e-3}, {"params": [w2], "lr": 1e-4}])
sched = LambdaLR(opt, factor)
for _ in range(50):
    opt.step()
    sched.step()
print("LambdaLR at step 50, two groups:",
      [f"{g['lr']:.2e}" for g in opt.param_groups], "(both at 51% of their own peak)")
# ...but CosineAnnealingLR's eta_min is one absolute floor for every group.
opt = torch.optim.SGD([{"params": [w1], "lr": 1e-3}, {"params": [w2], "lr": 1e-4}])
sched = CosineAnnealingLR(opt, T_max=100, eta_min=1e-5)
for _ in range(100):
    opt.step()
    sched.step()
print("CosineAnnealingLR(eta_min=1e-5) at its end, two groups:",
      [f"{g['lr']:.2e}" for g in opt.param_groups], "(1% and 10% of their peaks)")
