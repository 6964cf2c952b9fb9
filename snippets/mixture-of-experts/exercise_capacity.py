import math

import torch

torch.set_num_threads(1)
torch.manual_seed(0)
d_model, d_ff, E, k = 8, 16, 4, 1
W_r = torch.randn(d_model, E)
experts = [(torch.randn(d_model, d_ff), torch.randn(d_model, d_ff),
            torch.randn(d_ff, d_model)) for _ in range(E)]


def expert(x, W_gate, W_up, W_down):
    z = x @ W_gate
    return (z * torch.sigmoid(z)) * (x @ W_up) @ W_down


def moe(x, factor=None):
    """The page's routed layer (top-k, renormalised); with a capacity factor,
    each expert serves the first cap tokens of the batch that chose it."""
    p = torch.softmax(x @ W_r, dim=-1)
    top_p, top_e = p.topk(k, dim=-1)
    q = top_p / top_p.sum(dim=-1, keepdim=True)
    out = torch.zeros_like(x)
    for e, W in enumerate(experts):
        tok, slot = torch.where(top_e == e)  # in batch order
        if factor is not None:
            cap = math.ceil(factor * len(x) * k / E)
            tok, slot = tok[:cap], slot[:cap]  # the rest are dropped
        out.index_add_(0, tok, expert(x[tok], *W) * q[tok, slot, None])
    return out


x = torch.randn(8, d_model)  # our 8 tokens
e0 = (x[:1] @ W_r).argmax().item()  # the expert our token 0 chooses
crowd = torch.randn(200, d_model)
crowd = crowd[(crowd @ W_r).argmax(-1) == e0][:8]  # 8 other tokens that choose it
cap = math.ceil(1.0 * 16 * k / E)
print(f"16 tokens, top-{k}, {E} experts, capacity factor 1: {cap} tokens per expert")
first = moe(torch.cat([x, crowd]), factor=1.0)[:8]  # our tokens first in the batch
last = moe(torch.cat([crowd, x]), factor=1.0)[8:]  # the same 16 tokens, crowd first
assert (first[0] != 0).any() and (last[0] == 0).all()
print(f"token 0 (expert {e0}): served when first, MoE output all zeros when last "
      "(dropped: only the residual carries it)")
changed = (first - last).abs().amax(-1) > 1e-6
print("our tokens whose output depends on the order:",
      changed.nonzero().flatten().tolist())
dropless = moe(torch.cat([crowd, x]))[8:]  # no capacity
torch.testing.assert_close(dropless, moe(torch.cat([x, crowd]))[:8])
torch.testing.assert_close(dropless, moe(x))
print("without capacity: the same outputs in any order and any batch")
