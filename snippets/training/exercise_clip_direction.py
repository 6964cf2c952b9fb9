import torch
import torch.nn as nn

torch.set_num_threads(1)
# Two parameter tensors whose gradients are (24, 0) and (0, 7): global norm 25.
a = torch.zeros(2, requires_grad=True)
b = torch.zeros(2, requires_grad=True)
grads = [torch.tensor([24.0, 0.0]), torch.tensor([0.0, 7.0])]


def clipped(clip):
    for p, g in zip((a, b), grads):
        p.grad = g.clone()
    clip((a, b))
    return torch.cat([a.grad, b.grad])


full = torch.cat(grads)
by_norm = clipped(lambda ps: nn.utils.clip_grad_norm_(ps, max_norm=1.0))
by_value = clipped(lambda ps: nn.utils.clip_grad_value_(ps, clip_value=1.0))

# By hand: by norm, everything times 1 / 25; by value, each entry capped at 1.
torch.testing.assert_close(by_norm, full / 25)
torch.testing.assert_close(by_value, torch.tensor([1.0, 0.0, 0.0, 1.0]))
cos = lambda u, v: (u @ v / (u.norm() * v.norm())).item()
assert abs(cos(by_norm, full) - 1) < 1e-6 and cos(by_value, full) < 0.9
print("gradient       ", full.tolist())
print("clip_grad_norm_", [round(v, 4) for v in by_norm.tolist()],
      f"cosine with the gradient {cos(by_norm, full):.4f}")
print("clip_grad_value_", by_value.tolist(),
      f"cosine with the gradient {cos(by_value, full):.4f}")
