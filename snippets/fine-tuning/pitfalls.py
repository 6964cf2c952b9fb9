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

# 3. Supervised fine-tuning (SFT) scores only the response: the prompt's targets are
#    set to -100, which F.cross_entropy ignores (its default ignore_index).
logits, targets = torch.randn(10, 27), torch.randint(0, 27, (10,))
masked = targets.clone()
masked[:6] = -100  # 6 prompt tokens, then 4 response tokens
loss = torch.nn.functional.cross_entropy(logits, masked)
torch.testing.assert_close(
    loss, torch.nn.functional.cross_entropy(logits[6:], targets[6:])
)
print(f"prompt targets -100: loss {loss:.4f} = the mean over the 4 response tokens")
