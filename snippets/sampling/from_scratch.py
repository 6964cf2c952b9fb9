import torch

# Logits of the next character after "a", from the bigram counts of names.txt.
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).float()
logits = (N[stoi["a"]] + 1).log()  # (V,) log of smoothed counts


# --- the filters from scratch
def temperature(z, tau):
    """Divide the logits z (..., V) by tau: tau < 1 sharpens, tau > 1 flattens."""
    return z / tau


def top_k(z, k):
    """Keep the k largest logits (and any tied with the k-th); the rest get -inf."""
    kth = torch.topk(z, k, dim=-1).values[..., -1:]
    return z.masked_fill(z < kth, float("-inf"))


def top_p(z, p):
    """Keep the smallest set of most likely tokens whose mass reaches p."""
    probs = torch.softmax(z, dim=-1)
    sorted_p, order = probs.sort(dim=-1, descending=True)
    before = sorted_p.cumsum(-1) - sorted_p  # mass of the tokens ranked above
    keep = torch.zeros_like(probs, dtype=torch.bool).scatter(-1, order, before < p)
    return z.masked_fill(~keep, float("-inf"))


def min_p(z, m):
    """Keep the tokens at least m times as likely as the most likely one."""
    probs = torch.softmax(z, dim=-1)
    top = probs.max(dim=-1, keepdim=True).values
    return z.masked_fill(probs < m * top, float("-inf"))


# --- end of the filters from scratch


def show(name, z):
    probs = torch.softmax(z, dim=-1)  # the kept tokens renormalised; -inf -> 0
    kept = int((probs > 0).sum())
    top = probs.argsort(descending=True)[: min(5, kept)].tolist()
    print(
        f"{name:16} {kept:2} tokens kept; most likely: "
        + ", ".join(f"{chars[i]} {probs[i]:.3f}" for i in top)
    )


show("plain softmax", logits)
show("greedy (argmax)", top_k(logits, 1))
show("temperature 0.5", temperature(logits, 0.5))
show("temperature 2", temperature(logits, 2.0))
show("top-k, k = 5", top_k(logits, 5))
show("top-p, p = 0.9", top_p(logits, 0.9))
show("min-p, m = 0.1", min_p(logits, 0.1))
