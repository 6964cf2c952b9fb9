import torch

torch.set_num_threads(1)
lr, wd, steps = 0.01, 0.1, 100
w0 = torch.tensor([2.0, 0.3])  # two weights the loss does not depend on


def run(cls):
    w = w0.clone().requires_grad_(True)
    opt = cls([w], lr=lr, weight_decay=wd)
    for _ in range(steps):
        opt.zero_grad()
        (0 * w).sum().backward()  # the loss's own gradient is 0
        opt.step()
    return w.detach()


print(f"start: {[round(v, 4) for v in w0.tolist()]}, lr {lr}, weight_decay {wd}, "
      f"{steps} steps")
# AdamW: the moments stay 0, so only the decay acts: w (1 - lr wd)^t, exactly.
adamw = run(torch.optim.AdamW)
torch.testing.assert_close(adamw, w0 * (1 - lr * wd) ** steps)
print(f"AdamW: {[round(v, 4) for v in adamw.tolist()]}, "
      f"both times {(1 - lr * wd) ** steps:.4f}")

# Adam(weight_decay): the gradient is wd w, and Adam divides its size out, so each
# weight moves about lr per step, whatever its size: sign descent towards 0.
adam = run(torch.optim.Adam)
moved = w0[0] - adam[0]
assert 0.8 * lr * steps < moved <= lr * steps  # the large weight: about lr per step
assert adam[1].abs() < 5 * lr  # the small one reached 0 and hovers around it
print(f"Adam(weight_decay): {[round(v, 4) for v in adam.tolist()]}, "
      f"the large weight moved {moved:.4f} (lr x steps = {lr * steps:.1f})")
