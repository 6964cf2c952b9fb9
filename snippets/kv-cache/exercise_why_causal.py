import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
d, T = 8, 6
Wq, Wk, Wv = (torch.randn(2, d, d, generator=g) / d**0.5 for _ in range(3))
x = torch.randn(T, d, generator=g)  # the first T tokens' vectors, positions included


def keys(x, causal):
    """The keys of every layer of a 2-layer attention-only model, for the tokens x."""
    out = []
    for layer in range(2):
        q, k, v = x @ Wq[layer], x @ Wk[layer], x @ Wv[layer]
        out.append(k)
        x = x + F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    return out


for causal in (True, False):
    before = keys(x[:-1], causal)  # the cache after T - 1 tokens
    after = keys(x, causal)  # recomputed once token T has arrived
    same = [torch.allclose(b, a[:-1]) for b, a in zip(before, after)]
    print(f"causal={causal!s:5}: old keys unchanged in layer 1? {same[0]}, "
          f"in layer 2? {same[1]}")
    assert same[0]  # layer 1's keys come from the tokens alone
    assert same[1] == causal  # layer 2's come from layer 1's outputs
