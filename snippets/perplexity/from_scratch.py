import math

import torch

# Bigram counts of the training names; perplexity measured on held-out names.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
train = [words[i] for i in order[len(words) // 10 :]]
val = [words[i] for i in order[: len(words) // 10]]
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}


def bigrams(names):
    return torch.tensor(
        [(stoi[a], stoi[b]) for w in names for a, b in zip("." + w, w + ".")]
    )


tr, va = bigrams(train), bigrams(val)
N = torch.zeros(27, 27).index_put_(
    (tr[:, 0], tr[:, 1]), torch.ones(len(tr)), accumulate=True
)
P = (N + 1) / (N + 1).sum(1, keepdim=True)  # +1 smoothing

p = P[va[:, 0], va[:, 1]]  # probability of each val character
nll = -p.log().mean().item()  # mean cross-entropy, nats
print(f"{len(va)} predicted characters; mean cross-entropy {nll:.4f} nats")
print(f"perplexity = exp({nll:.4f}) = {math.exp(nll):.4f}")
print(
    "the same as the geometric mean of 1/p:",
    f"{torch.exp((1 / p).log().mean()).item():.4f}",
)
print(
    f"bits per character = {nll / math.log(2):.4f}, and 2 ** that = "
    f"{2 ** (nll / math.log(2)):.4f}"
)
print(
    "a model that knows nothing (uniform over 27): perplexity",
    f"{math.exp(math.log(27)):.4f}",
)
