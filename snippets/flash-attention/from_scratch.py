import math

import torch

g = torch.Generator().manual_seed(0)
torch.set_printoptions(precision=4, sci_mode=False)


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


# One head, T = 10 tokens, d_k = 4, tiles of 4 queries x 4 keys: the blocks are
# positions 0-3, 4-7 and 8-9 (4 does not divide 10), causal.
T, d_k = 10, 4
Q, K, V = (torch.randn(T, d_k, generator=g) for _ in range(3))
O, lse = flash_attention(Q, K, V, causal=True, b_q=4, b_k=4)

# the textbook formula, with the whole (T, T) score matrix
S = Q @ K.T / math.sqrt(d_k)
S = S.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
O_full = torch.softmax(S, dim=-1) @ V
print("O, tiled, shape (T, d_k) =", tuple(O.shape), "- its last 3 rows (3 key blocks):")
print(O[-3:])
print("O, from the full matrix:")
print(O_full[-3:])
print("largest difference:", (O - O_full).abs().max().item())
print("LSE of each row, tiled:  ", [round(x, 3) for x in lse.tolist()])
print("torch.logsumexp(S, -1):  ", [round(x, 3) for x in S.logsumexp(-1).tolist()])
print("scores held at once: one (4, 4) tile =", 4 * 4, "numbers; (T, T) =", T * T)
