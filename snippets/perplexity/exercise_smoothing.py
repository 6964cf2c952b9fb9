import math

import torch

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
train = [words[i] for i in order[len(words) // 10 :]]
val = [words[i] for i in order[: len(words) // 10]]
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}


def bigrams(names):
    return torch.tensor(
        [(stoi[a], stoi[b]) for w in names for a, b in zip("." + w, w + ".")]
    )


tr, va = bigrams(train), bigrams(val)
N = torch.zeros(27, 27).index_put_(
    (tr[:, 0], tr[:, 1]), torch.ones(len(tr)), accumulate=True
)


def val_perplexity(alpha):
    """The page's model with add-alpha smoothing, on the held-out names."""
    P = (N + alpha) / (N + alpha).sum(1, keepdim=True)
    return math.exp(-P[va[:, 0], va[:, 1]].log().mean().item())


unseen = [chars[a] + chars[b] for a, b in va.tolist() if N[a, b] == 0]
assert len(unseen) == 4 and math.isinf(val_perplexity(0.0))
print(f"held-out bigrams never seen in training: {unseen}")
print("alpha   perplexity")
results = {a: val_perplexity(a) for a in (0.0, 0.01, 0.1, 0.3, 1.0, 3.0, 10.0)}
for alpha, ppl in results.items():
    print(f"{alpha:5}   {ppl:.4f}")
assert abs(results[1.0] - 11.5738) < 1e-4              # the page's model
assert min(results.values()) < results[1.0] < results[10.0]
moderate = [results[a] for a in (0.01, 0.1, 0.3, 1.0, 3.0)]
assert max(moderate) - min(moderate) < 0.03            # the choice barely matters
