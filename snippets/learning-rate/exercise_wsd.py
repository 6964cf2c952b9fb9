import torch
from transformers import get_wsd_schedule

torch.set_num_threads(1)


def wsd_lr_at(t, warmup, decay, total, peak, floor):
    """Linear warmup as on this page, constant peak, linear decay to floor at total."""
    if t < warmup:
        return peak * (t + 1) / warmup
    if t < total - decay:
        return peak  # the stable phase
    return peak + (floor - peak) * (t - (total - decay)) / decay  # peak -> floor


def used_lrs(scheduler_for, peak, steps):  # what each optimizer.step() used
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=peak)
    scheduler, lrs = scheduler_for(opt), []
    for _ in range(steps):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        scheduler.step()
    return torch.tensor(lrs, dtype=torch.float64)


settings = [(50, 160, 800, 3e-3, 0.1), (5, 10, 40, 1.0, 0.0)]
for warmup, decay, total, peak, ratio in settings:
    mine = torch.tensor([wsd_lr_at(t, warmup, decay, total, peak, ratio * peak)
                         for t in range(total + 1)], dtype=torch.float64)
    hf = used_lrs(lambda opt: get_wsd_schedule(
        opt, num_warmup_steps=warmup, num_decay_steps=decay, num_training_steps=total,
        decay_type="linear", min_lr_ratio=ratio), peak, total + 1)
    torch.testing.assert_close(mine[warmup:], hf[warmup:])  # stable and decay agree
    # transformers' warmup starts from the floor (min_lr_ratio x peak), not peak/warmup
    t = torch.arange(warmup, dtype=torch.float64)
    torch.testing.assert_close(hf[:warmup], peak * (ratio + (1 - ratio) * t / warmup))
    assert not torch.allclose(mine[:warmup], hf[:warmup])
    print(f"warmup {warmup}, decay {decay}, total {total}, min_lr_ratio {ratio}:"
          f" steps {warmup}..{total} agree; first step {mine[0] / peak:.3f} x peak"
          f" here, {hf[0] / peak:.3f} x peak in transformers")
