import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LambdaLR, LinearLR, SequentialLR

WARMUP, STEPS, PEAK, FLOOR = 10, 50, 1e-3, 1e-4


def lr_at(step):                               # the previous snippet's schedule
    if step < WARMUP:
        return PEAK * (step + 1) / WARMUP
    progress = (step - WARMUP) / (STEPS - WARMUP)
    return FLOOR + (PEAK - FLOOR) * 0.5 * (1 + math.cos(math.pi * progress))


def used_lrs(make_scheduler):
    """The learning rate each optimizer.step() used, for STEPS steps."""
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=PEAK)
    scheduler, lrs = make_scheduler(opt), []
    for _ in range(STEPS):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()                             # (a real loop computes the loss first)
        scheduler.step()                       # after optimizer.step(), once per step
    return torch.tensor(lrs, dtype=torch.float64)


mine = torch.tensor([lr_at(s) for s in range(STEPS)], dtype=torch.float64)
lambda_lr = used_lrs(lambda opt: LambdaLR(opt, lambda s: lr_at(s) / PEAK))
sequential = used_lrs(lambda opt: SequentialLR(opt, milestones=[WARMUP], schedulers=[
    LinearLR(opt, start_factor=1 / WARMUP, end_factor=1.0, total_iters=WARMUP - 1),
    CosineAnnealingLR(opt, T_max=STEPS - WARMUP, eta_min=FLOOR)]))
torch.testing.assert_close(lambda_lr, mine)
torch.testing.assert_close(sequential, mine)
print("from scratch == LambdaLR == SequentialLR(LinearLR, CosineAnnealingLR), all",
      STEPS, "steps")
