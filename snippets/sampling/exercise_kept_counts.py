import math

import torch

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).float()
logits = (N[stoi["a"]] + 1).log()  # the letter after "a"


def top_k(z, k):  # the filters of this page
    kth = torch.topk(z, k, dim=-1).values[..., -1:]
    return z.masked_fill(z < kth, float("-inf"))


def top_p(z, p):
    probs = torch.softmax(z, dim=-1)
    sorted_p, order = probs.sort(dim=-1, descending=True)
    before = sorted_p.cumsum(-1) - sorted_p
    keep = torch.zeros_like(probs, dtype=torch.bool).scatter(-1, order, before < p)
    return z.masked_fill(~keep, float("-inf"))


def min_p(z, m):
    probs = torch.softmax(z, dim=-1)
    top = probs.max(dim=-1, keepdim=True).values
    return z.masked_fill(probs < m * top, float("-inf"))


kept = lambda z: int(torch.isfinite(z).sum())
filters = {
    "top-k, k = 5": lambda z: top_k(z, 5),
    "top-p, p = 0.9": lambda z: top_p(z, 0.9),
    "min-p, m = 0.1": lambda z: min_p(z, 0.1),
}
counts = {}
for tau in (0.01, 1.0, 1000.0):
    counts[tau] = {name: kept(f(logits / tau)) for name, f in filters.items()}
    said = ", ".join(f"{n} keeps {c:2}" for n, c in counts[tau].items())
    print(f"tau {tau:>6}: {said}")
# By hand: as tau -> 0 one token holds all the mass; as tau -> infinity all 27 hold
# 1/27 each, and the nucleus needs ceil(0.9 * 27) of them.
assert counts[0.01] == {"top-k, k = 5": 5, "top-p, p = 0.9": 1, "min-p, m = 0.1": 1}
assert counts[1000.0] == {"top-k, k = 5": 5, "top-p, p = 0.9": math.ceil(0.9 * 27),
                          "min-p, m = 0.1": 27}
print(f"ceil(0.9 x 27) = {math.ceil(0.9 * 27)}")
