import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
T, d_model, H, H_kv, d_k = 6, 16, 4, 2, 4
group = H // H_kv
x = torch.randn(1, T, d_model, generator=g)


def attention(x, Wq, Wk, Wv):
    """Causal attention; Wq is (d_model, H d_k), Wk and Wv (d_model, heads d_k)."""
    heads = lambda t: t.view(1, T, -1, d_k).transpose(1, 2)
    q, k, v = heads(x @ Wq), heads(x @ Wk), heads(x @ Wv)
    return F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)


def mean_pool(W):
    """(d_model, H d_k) -> (d_model, H_kv d_k): average the heads of each group."""
    return W.view(d_model, H_kv, group, d_k).mean(dim=2).reshape(d_model, H_kv * d_k)


def shared_by_groups(W_kv):
    """(d_model, H_kv d_k) -> (d_model, H d_k): each head repeated for its group."""
    W = W_kv.view(d_model, H_kv, 1, d_k).expand(-1, -1, group, -1)
    return W.reshape(d_model, H * d_k)


for shared in (False, True):
    Wq, Wk, Wv = (torch.randn(d_model, H * d_k, generator=g) for _ in range(3))
    if shared:  # the heads of each group already have the same K and V projections
        Wk = shared_by_groups(torch.randn(d_model, H_kv * d_k, generator=g))
        Wv = shared_by_groups(torch.randn(d_model, H_kv * d_k, generator=g))
    mha = attention(x, Wq, Wk, Wv)  # 4 key-value heads
    gqa = attention(x, Wq, mean_pool(Wk), mean_pool(Wv))  # 2, by mean pooling
    off = (gqa - mha).abs().max().item()
    print(f"heads of a group share K and V already: {shared!s:5} -> "
          f"GQA by mean pooling differs from the MHA layer by {off:.3f}")
    assert (off < 1e-5) == shared
