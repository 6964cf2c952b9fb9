import torch

# Logits of the next character after "a", from the bigram counts of names.txt.
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).float()
logits = (N[stoi["a"]] + 1).log()  # (V,) log of smoothed counts


def with_temperature(z, tau):
    return torch.softmax(z / tau, dim=-1)


def top_k(z, k):
    """Keep the k largest logits, renormalise."""
    kth = torch.topk(z, k).values[-1]
    return torch.softmax(z.masked_fill(z < kth, float("-inf")), dim=-1)


def top_p(z, p):
    """Keep the smallest set of most likely tokens whose mass reaches p, renormalise."""
    probs = torch.softmax(z, dim=-1)
    sorted_p, order = probs.sort(descending=True)
    before = sorted_p.cumsum(0) - sorted_p  # mass of the tokens ranked above
    keep_sorted = before < p  # the token that crosses p is kept
    keep = torch.zeros_like(keep_sorted).scatter(0, order, keep_sorted)
    return torch.where(keep, probs, 0.0) / probs[keep].sum()


def show(name, probs):
    kept = (probs > 0).nonzero().flatten()
    top = probs.argsort(descending=True)[: min(5, len(kept))].tolist()
    print(
        f"{name:16} {len(kept):2} tokens kept; most likely: "
        + ", ".join(f"{chars[i]} {probs[i]:.3f}" for i in top)
    )


show("plain softmax", torch.softmax(logits, dim=-1))
show("greedy (argmax)", torch.nn.functional.one_hot(logits.argmax(), 27).float())
show("temperature 0.5", with_temperature(logits, 0.5))
show("temperature 2", with_temperature(logits, 2.0))
show("top-k, k = 5", top_k(logits, 5))
show("top-p, p = 0.9", top_p(logits, 0.9))
