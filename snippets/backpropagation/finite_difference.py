import torch
import torch.nn.functional as F

# A check you can run on any gradient you derive: nudge one input by +-h, watch the
# loss, and compare (L(x + h) - L(x - h)) / 2h with the formula. In float64.
g = torch.Generator().manual_seed(0)
N, V = 4, 27  # 4 positions, the 27 characters of names.txt
z = torch.randn(N, V, generator=g, dtype=torch.float64)  # logits
y = torch.tensor([5, 13, 13, 1])  # targets: e, m, m, a


def numerical_grad(loss_fn, x, h=1e-6):
    grad = torch.zeros_like(x)
    for i in range(x.numel()):
        old = x.view(-1)[i].item()
        x.view(-1)[i] = old + h
        up = loss_fn(x)
        x.view(-1)[i] = old - h
        down = loss_fn(x)
        x.view(-1)[i] = old
        grad.view(-1)[i] = (up - down) / (2 * h)
    return grad


loss_fn = lambda z: F.cross_entropy(z, y).item()
by_hand = (z.softmax(dim=-1) - F.one_hot(y, V)) / N  # (p - one-hot) / N
numeric = numerical_grad(loss_fn, z.clone())
print(
    f"float64: largest |numerical - (p - one-hot)/N| = "
    f"{(numeric - by_hand).abs().max():.1e}"
)
wrong = z.softmax(dim=-1) / N  # the one-hot forgotten
print(
    f"         largest |numerical - p/N|             = "
    f"{(numeric - wrong).abs().max():.1e}  <- a wrong formula stands out"
)

numeric32 = numerical_grad(lambda z: F.cross_entropy(z, y).item(), z.float(), h=1e-3)
print(
    f"float32, h = 1e-3: largest difference {(numeric32 - by_hand).abs().max():.1e}"
    "  <- rounding: use float64"
)
