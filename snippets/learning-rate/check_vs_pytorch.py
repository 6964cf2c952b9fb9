import math

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR
from transformers import get_cosine_with_min_lr_schedule_with_warmup


# --- the schedule from scratch
def lr_at(t, warmup, total, peak, floor):
    """Linear warmup from peak / warmup to peak, then cosine decay to floor at total."""
    if t < warmup:
        return peak * (t + 1) / warmup
    progress = (t - warmup) / (total - warmup)  # 0 -> 1
    return floor + (peak - floor) * 0.5 * (1 + math.cos(math.pi * progress))


# --- end of the schedule from scratch


def used_lrs(make_scheduler, peak, steps):
    """The learning rate each optimizer.step() used, for steps 0 .. steps - 1."""
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=peak)
    scheduler, lrs = make_scheduler(opt), []
    for _ in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()  # (a real loop computes the loss first)
        scheduler.step()  # after optimizer.step(), once per step
    return torch.tensor(lrs, dtype=torch.float64) / peak  # as a fraction of the peak


def close(a, b):
    torch.testing.assert_close(a, b, rtol=1e-9, atol=1e-12)


for warmup, total, peak, floor in [(10, 50, 1e-3, 1e-4), (3, 20, 6e-4, 0.0),
                                   (100, 1000, 3e-4, 3e-5), (7, 12, 0.1, 0.01)]:
    mine = torch.tensor([lr_at(t, warmup, total, peak, floor)
                         for t in range(total + 1)], dtype=torch.float64) / peak
    # PyTorch's pieces: LinearLR reaches the peak after warmup - 1 steps, then cosine
    torch_lrs = used_lrs(lambda opt: SequentialLR(opt, milestones=[warmup], schedulers=[
        LinearLR(opt, start_factor=1 / warmup, end_factor=1.0, total_iters=warmup - 1),
        CosineAnnealingLR(opt, T_max=total - warmup, eta_min=floor)]), peak, total + 1)
    close(mine, torch_lrs)
    # transformers: its warmup starts at lr 0 (step t / warmup), one step behind ours
    hf = used_lrs(lambda opt: get_cosine_with_min_lr_schedule_with_warmup(
        opt, num_warmup_steps=warmup, num_training_steps=total, min_lr=floor),
        peak, total + 1)
    assert hf[0] == 0.0
    close(mine, torch.cat([hf[1:warmup + 1], hf[warmup:]]))
    print(f"warmup {warmup:3d}, total {total:4d}: from scratch == SequentialLR == "
          f"transformers (its step t+1 in warmup), all {total + 1} steps")
print("transformers' first step uses lr", hf[0].item(), "(its warmup starts at 0)")
