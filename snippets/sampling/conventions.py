import torch


def top_p_meta(probs, p):
    """Meta's Llama reference code (sample_top_p): drop a token if the mass of the
    tokens ranked above it exceeds p."""
    probs_sort, probs_idx = probs.sort(descending=True)
    mask = probs_sort.cumsum(0) - probs_sort > p
    kept = torch.zeros_like(mask).scatter(0, probs_idx, ~mask)
    return kept


def top_p_hf(probs, p):
    """Hugging Face transformers (TopPLogitsWarper): sort ascending, drop the tokens
    whose cumulative mass is <= 1 - p, always keep the most likely one."""
    sorted_p, order = probs.sort(descending=False)
    remove = sorted_p.cumsum(0) <= (1 - p)
    remove[-1] = False
    return torch.zeros_like(remove).scatter(0, order, ~remove)


# A distribution whose two most likely tokens hold exactly 0.75 (exact in float32).
probs = torch.tensor([0.5, 0.25, 0.125, 0.125])
for p in (0.75, 0.8):
    meta, hf = top_p_meta(probs, p), top_p_hf(probs, p)
    print(
        f"p = {p}: Meta keeps {int(meta.sum())} tokens (mass {probs[meta].sum():.3f}), "
        f"Hugging Face keeps {int(hf.sum())} (mass {probs[hf].sum():.3f})"
    )

# Away from such exact ties the two agree, e.g. on random distributions:
g = torch.Generator().manual_seed(0)
agree = sum(
    torch.equal(top_p_meta(q, 0.9), top_p_hf(q, 0.9))
    for q in torch.softmax(torch.randn(1000, 27, generator=g) * 2, dim=-1)
)
print(f"random 27-token distributions, p = 0.9: the same kept set in {agree} of 1000")
