import torch
import torch.nn.functional as F

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
xs = torch.tensor([stoi[a] for w in words for a in "." + w])   # (n,) inputs
ys = torch.tensor([stoi[b] for w in words for b in w + "."])   # (n,) targets
N = torch.bincount(xs * 27 + ys, minlength=27 * 27).view(27, 27).double()


def loss_of(P):
    """Mean cross-entropy over every bigram of names.txt, for a (27, 27) model P."""
    return F.cross_entropy(P.log()[xs], ys)       # row xs[n] holds the logits


def loss_from_counts(P):
    """The same number from the 729 cells: each -log P[i, j], N[i, j] times."""
    cells = torch.where(N > 0, -N * P.log(), 0.0)  # 0 * log 0 counts as 0
    return cells.sum() / N.sum()


freq = N / N.sum(dim=1, keepdim=True)               # the counting model
smooth = (N + 1) / (N + 1).sum(dim=1, keepdim=True) # with add-one smoothing
torch.testing.assert_close(loss_of(freq), loss_from_counts(freq))
torch.testing.assert_close(loss_of(smooth), loss_from_counts(smooth))
assert loss_of(freq) < loss_of(smooth)

g = torch.Generator().manual_seed(0)
for _ in range(5):                                  # any other model does worse
    other = (freq + 0.01 * torch.rand(27, 27, generator=g, dtype=torch.float64))
    other = other / other.sum(dim=1, keepdim=True)
    assert loss_from_counts(other) > loss_from_counts(freq)
print(f"bigrams: {len(ys)}, cells of N: {N.numel()}")
print(f"loss of N / N.sum(1):           {loss_of(freq).item():.4f}")
print(f"loss of (N + 1) / (N + 1).sum(1): {loss_of(smooth).item():.4f}")
print("5 perturbed models: all above the counting model")
