import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(10, 20), nn.Tanh(), nn.Linear(20, 5))
x, y = torch.randn(8, 10), torch.randint(0, 5, (8,))
nn.functional.cross_entropy(model(x), y).backward()
grads = [p.grad.clone() for p in model.parameters()]


# --- clipping from scratch
def clip_by_global_norm(grads, max_norm):
    """One norm over all gradients together; scale them all by the same factor."""
    total = torch.sqrt(sum((g**2).sum() for g in grads))
    scale = torch.clamp(max_norm / (total + 1e-6), max=1.0)
    return [g * scale for g in grads], total


# --- end of clipping from scratch


for max_norm in (0.05, 0.3, 1.0, 2.0, 100.0):  # clipped, then left alone
    for p, g in zip(model.parameters(), grads):
        p.grad = g.clone()
    mine, total = clip_by_global_norm(grads, max_norm)
    returned = nn.utils.clip_grad_norm_(model.parameters(), max_norm)
    torch.testing.assert_close(returned, total)  # the norm *before* clipping
    for p, g in zip(model.parameters(), mine):
        torch.testing.assert_close(p.grad, g)
    after = torch.sqrt(sum((p.grad**2).sum() for p in model.parameters()))
    print(f"max_norm {max_norm:6}: clip_grad_norm_ returned {returned.item():.4f} "
          f"(the norm before), norm after {after.item():.4f}")
# Tiny gradients (norm about 2e-6), where the 1e-6 PyTorch adds to the norm matters.
norm = torch.cat([g.flatten() for g in grads]).norm()
tiny = [g * 2e-6 / norm for g in grads]
for p, g in zip(model.parameters(), tiny):
    p.grad = g.clone()
mine, total = clip_by_global_norm(tiny, 1e-7)
nn.utils.clip_grad_norm_(model.parameters(), 1e-7)
for p, g in zip(model.parameters(), mine):
    torch.testing.assert_close(p.grad, g, rtol=1e-4, atol=0.0)
print("clipping by global norm from scratch == torch.nn.utils.clip_grad_norm_")
