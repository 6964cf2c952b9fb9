import torch
from transformers import (
    LogitsProcessorList,
    MinPLogitsWarper,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)


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


g = torch.Generator().manual_seed(0)
z = torch.randn(64, 50, generator=g) * 2  # 64 rows of logits over V = 50 tokens
z[0, :7] = torch.tensor([11.0, 10.0, 9.0, 8.0, 8.0, 8.0, 8.0])  # 4 tie for 4th place
ids = torch.zeros(64, 1, dtype=torch.long)  # (the processors' input_ids, unused here)


def same(mine, theirs):
    """The same tokens filtered out, and the same renormalised probabilities."""
    assert torch.equal(mine.isinf(), theirs.isinf()), "a different set of tokens kept"
    torch.testing.assert_close(torch.softmax(mine, -1), torch.softmax(theirs, -1))


for tau in (0.3, 0.7, 1.0, 1.5, 3.0):
    same(temperature(z, tau), TemperatureLogitsWarper(tau)(ids, z))
for k in (1, 2, 5, 20, 50):
    same(top_k(z, k), TopKLogitsWarper(k)(ids, z))
for p in (0.05, 0.3, 0.6, 0.9, 0.99):
    same(top_p(z, p), TopPLogitsWarper(p)(ids, z))
for m in (0.01, 0.05, 0.2, 0.5):
    same(min_p(z, m), MinPLogitsWarper(m)(ids, z))
# transformers' order in generate(): temperature, then top-k, then top-p
chain = LogitsProcessorList(
    [TemperatureLogitsWarper(0.7), TopKLogitsWarper(20), TopPLogitsWarper(0.9)]
)
same(top_p(top_k(temperature(z, 0.7), 20), 0.9), chain(ids, z))
kept = (~top_k(z, 5).isinf()).sum(-1)
print("temperature, top-k, top-p, min-p and their chain == transformers' warpers,",
      "64 rows of 50 logits")
print(f"top-k with k = 5 keeps {kept[0]} tokens where 4 tie for 4th place (as "
      f"transformers does), {kept[1]} elsewhere")

# Sampling from the filtered distribution: seeded draws with torch.multinomial, whose
# frequencies must be within 5 standard errors of the probabilities.
n = 200_000
filters = (("top-k, k = 5", top_k(z[1], 5)), ("top-p, p = 0.8", top_p(z[1], 0.8)))
for name, kept_z in filters:
    target = torch.softmax(kept_z, dim=-1)
    draws = torch.multinomial(target, n, replacement=True, generator=g)
    freq = torch.bincount(draws, minlength=50) / n
    stderr = (target * (1 - target) / n).sqrt()
    worst = ((freq - target).abs() / stderr.clamp_min(1e-12))[target > 0].max().item()
    assert torch.all(freq[target == 0] == 0) and worst < 5
    print(
        f"{name}: {n} draws, largest deviation {worst:.2f} standard errors, "
        f"never a filtered-out token"
    )
