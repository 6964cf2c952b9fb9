import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
# How noisy is the gradient of a batch of B bigrams? The bigram network at a fixed W,
# batches drawn at random from all bigrams of names.txt, 200 batches per size.
chars = ".abcdefghijklmnopqrstuvwxyz"
words = open("names.txt").read().splitlines()
pairs = torch.tensor(
    [[chars.index(a), chars.index(b)] for w in words for a, b in zip("." + w, w + ".")]
)
g = torch.Generator().manual_seed(0)
W = torch.randn(27, 27, generator=g, requires_grad=True)
F.cross_entropy(W[pairs[:, 0]], pairs[:, 1]).backward()
g_all = W.grad.clone()  # the gradient over every bigram: what a batch estimates
P = W.detach().softmax(dim=1)


def batch_gradients(B, draws=200):  # mean of (p - one-hot) in the rows of the inputs
    idx = torch.randint(0, len(pairs), (draws, B), generator=g)
    x, y = pairs[idx, 0], pairs[idx, 1]
    per_example = P[x] - F.one_hot(y, 27)  # (draws, B, 27)
    grads = torch.zeros(draws, 27, 27)
    grads.scatter_add_(1, x[..., None].expand(-1, -1, 27), per_example)
    return grads / B


# The closed form against autograd, for one batch of 8:
idx = torch.randint(0, len(pairs), (8,), generator=torch.Generator().manual_seed(1))
(ref,) = torch.autograd.grad(F.cross_entropy(W[pairs[idx, 0]], pairs[idx, 1]), W)
per_example = P[pairs[idx, 0]] - F.one_hot(pairs[idx, 1], 27)
mine = torch.zeros(27, 27).index_add_(0, pairs[idx, 0], per_example) / 8
torch.testing.assert_close(mine, ref)

sizes = [2**k for k in range(0, 11, 2)]
noise = []
for B in sizes:
    grads = batch_gradients(B)
    noise.append(((grads - g_all) ** 2).sum(dim=(1, 2)).mean().item())
    print(f"B = {B:5}: E|g_B - g|^2 = {noise[-1]:.2e}, times B = {noise[-1] * B:.3f}")

fig, ax = plt.subplots(figsize=(6.5, 4))
ax.loglog(sizes, noise, "o-", label="measured, 200 batches per size")
ax.loglog(sizes, [noise[0] / B for B in sizes], "--", label="B = 1's noise / B")
ax.set_title("Gradient noise of the bigram network against batch size")
ax.set_xlabel("batch size B (bigrams)")
ax.set_ylabel("mean squared distance to the full gradient")
ax.legend()
ax.grid(True, which="major", alpha=0.3)
fig.tight_layout()
plt.show()
