import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)


def flash_attention(Q, K, V, keep, b_q, b_k, safe):
    """The page's tiled attention (not causal), with a key-padding mask: keep[j] is
    False for a padding key. safe=True subtracts 0 where the running max is -inf."""
    T, T_k = Q.shape[-2], K.shape[-2]
    O = torch.zeros(*Q.shape[:-1], V.shape[-1])
    for i in range(0, T, b_q):
        Qi = Q[..., i : i + b_q, :] / math.sqrt(Q.shape[-1])
        s_hat = torch.full((*Qi.shape[:-1], 1), float("-inf"))
        Z = torch.zeros_like(s_hat)
        acc = torch.zeros(*Qi.shape[:-1], V.shape[-1])
        for j in range(0, T_k, b_k):
            S = Qi @ K[..., j : j + b_k, :].transpose(-2, -1)
            S = S.masked_fill(~keep[j : j + b_k], float("-inf"))
            s_new = torch.maximum(s_hat, S.amax(dim=-1, keepdim=True))
            if safe:  # what FlashAttention's kernel does: a max of -inf becomes 0
                s_sub = torch.where(s_new == float("-inf"), 0.0, s_new)
            else:
                s_sub = s_new
            P = torch.exp(S - s_sub)
            alpha = torch.exp(s_hat - s_sub)
            Z = alpha * Z + P.sum(dim=-1, keepdim=True)
            acc = alpha * acc + P @ V[..., j : j + b_k, :]
            s_hat = s_new
        O[..., i : i + b_q, :] = acc / Z
    return O


# 3 queries against 10 keys, the first 4 of them padding (left padding), tiles of 4
Q = torch.randn(3, 8, generator=g)
K, V = torch.randn(10, 8, generator=g), torch.randn(10, 8, generator=g)
keep = torch.arange(10) >= 4
want = F.scaled_dot_product_attention(Q, K, V, attn_mask=keep)

for b_k in (8, 5, 4, 2):  # the first tile: keys 0 to b_k - 1
    naive = flash_attention(Q, K, V, keep, b_q=4, b_k=b_k, safe=False)
    all_padding = b_k <= 4  # a first tile that holds padding only
    assert naive.isnan().all() if all_padding else not naive.isnan().any()
    if not all_padding:
        torch.testing.assert_close(naive, want)
    print(f"tiles of {b_k} keys, first tile all padding: {all_padding!s:5}, "
          f"NaN in {naive.isnan().sum().item():2} of {naive.numel()} outputs")
    fixed = flash_attention(Q, K, V, keep, b_q=4, b_k=b_k, safe=True)
    torch.testing.assert_close(fixed, want)
print("with a -inf max replaced by 0 before subtracting: == SDPA, every tile size")
