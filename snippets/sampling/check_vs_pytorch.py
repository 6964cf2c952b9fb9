import math

import torch

g = torch.Generator().manual_seed(0)
z = torch.randn(27, generator=g) * 2  # any logits over 27 tokens
probs = torch.softmax(z, dim=-1)


def top_k(z, k):
    kth = torch.topk(z, k).values[-1]
    return torch.softmax(z.masked_fill(z < kth, float("-inf")), dim=-1)


def top_p(z, p):
    probs = torch.softmax(z, dim=-1)
    sorted_p, order = probs.sort(descending=True)
    keep_sorted = (sorted_p.cumsum(0) - sorted_p) < p
    keep = torch.zeros_like(keep_sorted).scatter(0, order, keep_sorted)
    return torch.where(keep, probs, 0.0) / probs[keep].sum()


# Temperature -> 0 is greedy decoding: all the mass on the argmax.
cold = torch.softmax(z / 1e-3, dim=-1)
torch.testing.assert_close(cold, torch.nn.functional.one_hot(z.argmax(), 27).float())
# k = V and p = 1 filter nothing.
torch.testing.assert_close(top_k(z, 27), probs)
torch.testing.assert_close(top_p(z, 1.0), probs)
print("tau -> 0 == argmax; top-k with k = V == softmax; top-p with p = 1 == softmax")

# Top-p keeps the *smallest* set whose mass reaches p: its mass is >= p, and without
# its least likely member it would be < p.
for p in (0.5, 0.8, 0.95):
    kept = top_p(z, p) > 0
    mass = probs[kept].sum().item()
    least = probs[kept].min().item()
    assert mass >= p > mass - least
    print(
        f"p = {p}: kept {int(kept.sum())} tokens, mass {mass:.4f}, "
        f"without the least likely {mass - least:.4f}"
    )

# Sampling from the filtered distribution: seeded draws with torch.multinomial, whose
# frequencies must be within 5 standard errors of the probabilities.
n = 200_000
for name, target in (("top-k, k = 5", top_k(z, 5)), ("top-p, p = 0.8", top_p(z, 0.8))):
    draws = torch.multinomial(target, n, replacement=True, generator=g)
    freq = torch.bincount(draws, minlength=27) / n
    stderr = (target * (1 - target) / n).sqrt()
    worst = ((freq - target).abs() / stderr.clamp_min(1e-12))[target > 0].max().item()
    assert torch.all(freq[target == 0] == 0) and worst < 5
    print(
        f"{name}: {n} draws, largest deviation {worst:.2f} standard errors, "
        f"never a filtered-out token"
    )
