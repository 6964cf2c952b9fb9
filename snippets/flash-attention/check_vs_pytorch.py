import math

import torch
import torch.nn.functional as F


# --- tiled attention
def flash_attention(Q, K, V, causal, b_q, b_k):
    """Attention of Q (..., T, d_k) over K (..., T_k, d_k) and V (..., T_k, d_v),
    one (b_q, b_k) tile of scores at a time; returns the output and the LSE."""
    T, T_k = Q.shape[-2], K.shape[-2]
    O = torch.zeros(*Q.shape[:-1], V.shape[-1])
    lse = torch.zeros(Q.shape[:-1])
    for i in range(0, T, b_q):  # a block of queries
        Qi = Q[..., i : i + b_q, :] / math.sqrt(Q.shape[-1])
        q_pos = torch.arange(i, i + Qi.shape[-2])  # their positions in the sequence
        s_hat = torch.full((*Qi.shape[:-1], 1), float("-inf"))  # running max
        Z = torch.zeros_like(s_hat)  # running sum of exp(score - s_hat)
        acc = torch.zeros(*Qi.shape[:-1], V.shape[-1])  # running sum of weights x V
        for j in range(0, T_k, b_k):  # a block of keys
            if causal and j > q_pos[-1]:
                break  # this block and all after it are in the future
            S = Qi @ K[..., j : j + b_k, :].transpose(-2, -1)  # one tile of scores
            if causal:
                k_pos = torch.arange(j, j + S.shape[-1])
                S = S.masked_fill(k_pos > q_pos[:, None], float("-inf"))
            s_new = torch.maximum(s_hat, S.amax(dim=-1, keepdim=True))
            P = torch.exp(S - s_new)
            alpha = torch.exp(s_hat - s_new)  # rescales everything summed so far
            Z = alpha * Z + P.sum(dim=-1, keepdim=True)
            acc = alpha * acc + P @ V[..., j : j + b_k, :]
            s_hat = s_new
        O[..., i : i + b_q, :] = acc / Z  # divide once, at the end
        lse[..., i : i + b_q] = (s_hat + torch.log(Z)).squeeze(-1)
    return O, lse


# --- end of tiled attention


def reference_lse(Q, K, causal):
    """log-sum-exp of each row of the full (T, T_k) scores, by torch.logsumexp."""
    S = Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1])
    if causal:
        S = S.masked_fill(torch.ones(S.shape[-2:], dtype=torch.bool).triu(1), -math.inf)
    return torch.logsumexp(S, dim=-1)


g = torch.Generator().manual_seed(0)
cpu_flash = torch.ops.aten._scaled_dot_product_flash_attention_for_cpu
# (Q shape, K shape, d_v, score size): batch and heads, T = 13 tokens (no block size
# below divides it), 5 queries against 11 keys, one head without batch axes and with
# d_v != d_k, scores in the hundreds (exp() alone would overflow), and scores all
# below -50000 (whole numbers, exact in float32)
cases = [((2, 3, 13, 8), (2, 3, 13, 8), 8, 1), ((1, 2, 5, 16), (1, 2, 11, 16), 16, 1),
         ((7, 4), (7, 4), 6, 1), ((1, 2, 9, 4), (1, 2, 9, 4), 4, 60),
         ((1, 2, 6, 4), (1, 2, 6, 4), 4, -25000)]
blocks = [(4, 4), (3, 5), (5, 2), (1, 16), (16, 1), (13, 13)]
for q_shape, k_shape, d_v, size in cases:
    if size < 0:  # Q and K of whole numbers: every score is a whole number
        Q = size * torch.randint(1, 3, q_shape, generator=g).float()
        K = torch.randint(1, 3, k_shape, generator=g).float()
    else:
        Q = size * torch.randn(q_shape, generator=g)
        K = torch.randn(k_shape, generator=g)
    V = torch.randn(*k_shape[:-1], d_v, generator=g)
    for causal in (False, True):
        want = F.scaled_dot_product_attention(Q, K, V, is_causal=causal)
        want_lse = reference_lse(Q, K, causal)
        for b_q, b_k in blocks:
            O, lse = flash_attention(Q, K, V, causal, b_q, b_k)
            torch.testing.assert_close(O, want)
            torch.testing.assert_close(lse, want_lse)
        if Q.dim() == 4 and d_v == Q.shape[-1]:  # what SDPA's CPU kernel keeps too
            torch.testing.assert_close(lse, cpu_flash(Q, K, V, 0.0, causal)[1])
    S = Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1])
    print(f"Q {str(q_shape):14} K {str(k_shape):14} d_v {d_v}, scores from "
          f"{S.min().item():9.1f} to {S.max().item():8.1f}: == SDPA, causal and not")
print("block sizes (b_q, b_k):", blocks)
