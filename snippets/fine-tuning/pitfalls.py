import torch

torch.manual_seed(0)
W = torch.randn(16, 16)  # a frozen weight
x, target = torch.randn(8, 16), torch.randn(8, 16)


def first_step(A, B, scale):
    """Gradients of A and B at the first step of training the adapter."""
    A, B = A.clone().requires_grad_(True), B.clone().requires_grad_(True)
    loss = ((x @ (W + scale * B @ A).T - target) ** 2).mean()
    loss.backward()
    return A.grad.norm().item(), B.grad.norm().item()


# 1. B = 0 and A random: B gets a gradient, so training starts. Both 0: nothing moves.
r = 4
print(
    "A random, B = 0: |grad A| = {:.4f}, |grad B| = {:.4f}".format(
        *first_step(torch.randn(r, 16) / 4, torch.zeros(16, r), 2.0)
    )
)
print(
    "A = 0,    B = 0: |grad A| = {:.4f}, |grad B| = {:.4f}".format(
        *first_step(torch.zeros(r, 16), torch.zeros(16, r), 2.0)
    )
)

# 2. The update is scaled by alpha / r: with alpha fixed, a larger rank takes
#    smaller steps per component; with alpha = 2 r, the scale stays 2.
for r, alpha in ((4, 8), (16, 8), (16, 32)):
    print(f"r = {r:2}, alpha = {alpha:2}: scale alpha / r = {alpha / r}")
