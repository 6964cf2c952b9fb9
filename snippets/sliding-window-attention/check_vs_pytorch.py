import math
import textwrap
import warnings

import torch
import torch.nn.functional as F
from torch.nn.attention.flex_attention import create_block_mask, flex_attention


# --- sliding-window attention from scratch
def sees(i, j, W):
    """May the query at position i see the key at position j? Keys i - W + 1, ..., i."""
    return (j <= i) & (j > i - W)


def window_mask(T, W):  # (T, T), True where query i may look at key j
    p = torch.arange(T)
    return sees(p[:, None], p[None, :], W)


def attend(q, k, v, allowed):  # q (H, n, d_k), k and v (H, m, d_k), allowed (n, m)
    S = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    S = S.masked_fill(~allowed, float("-inf"))
    return torch.softmax(S, dim=-1) @ v


def new_ring(H, W, d_k):  # a rolling cache of W slots and the position each one holds
    return {"k": torch.zeros(H, W, d_k), "v": torch.zeros(H, W, d_k),
            "pos": torch.full((W,), -1)}  # -1: empty


def ring_step(ring, q, k, v, start):
    """A chunk of n tokens at positions start, ..., start + n - 1 (n = 1: decoding)."""
    W, n = ring["pos"].shape[0], q.shape[1]
    qpos = torch.arange(start, start + n)
    K = torch.cat([ring["k"], k], dim=1)  # (H, W + n, d_k): the cache, then the chunk
    V = torch.cat([ring["v"], v], dim=1)
    kpos = torch.cat([ring["pos"], qpos])
    allowed = sees(qpos[:, None], kpos[None, :], W) & (kpos[None, :] >= 0)
    out = attend(q, K, V, allowed)
    for t in range(start, start + n):  # a later position overwrites an earlier one
        slot = t % W
        ring["k"][:, slot], ring["v"][:, slot] = k[:, t - start], v[:, t - start]
        ring["pos"][slot] = t
    return out


# --- end of sliding-window attention from scratch


# The reference: SDPA with an explicit boolean mask (True = may attend), built with
# tril/triu, and flex_attention with the same rule as a mask_mod.
def reference_mask(T, W):  # keys i - W + 1, ..., i: the band below the diagonal
    return torch.ones(T, T, dtype=torch.bool).tril().triu(-(W - 1))


worst, cases = 0.0, 0
for W in (1, 2, 3, 5):
    for T in (1, 4, 7, 12):
        for seed in range(3):
            g = torch.Generator().manual_seed(100 * W + 10 * T + seed)
            H, d_k = 2, (4, 8, 16)[seed]
            q, k, v = (torch.randn(H, T, d_k, generator=g) for _ in range(3))
            M = reference_mask(T, W)
            ref = F.scaled_dot_product_attention(q, k, v, attn_mask=M)
            got = {"one pass": attend(q, k, v, window_mask(T, W))}
            for n in sorted({1, 2, 3, W, W + 2}):  # n = 1: token-by-token decoding
                ring, outs = new_ring(H, W, d_k), []
                for s in range(0, T, n):
                    e = s + n
                    outs.append(ring_step(ring, q[:, s:e], k[:, s:e], v[:, s:e], s))
                got[f"ring, chunks of {n}"] = torch.cat(outs, dim=1)
            for name, out in got.items():
                torch.testing.assert_close(out, ref, rtol=1e-5, atol=1e-6)
                worst = max(worst, (out - ref).abs().max().item())
                cases += 1
print(f"{cases} comparisons with SDPA + boolean mask (W 1, 2, 3, 5; T 1 to 12; "
      f"3 seeds): largest difference {worst:.1e}")

# flex_attention: the same band as a mask_mod, turned into a block mask. Without
# torch.compile it runs eagerly on the CPU (unfused: it warns and builds all scores).
def band_of(W):  # the mask_mod: True where query q_idx may see key kv_idx
    return lambda b, h, q_idx, kv_idx: (kv_idx <= q_idx) & (q_idx - kv_idx < W)


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for W, T in ((3, 12), (5, 9)):
        g = torch.Generator().manual_seed(W)
        q, k, v = (torch.randn(1, 2, T, 8, generator=g) for _ in range(3))
        block = create_block_mask(band_of(W), None, None, T, T, device="cpu")
        flex = flex_attention(q, k, v, block_mask=block)[0]
        torch.testing.assert_close(attend(q[0], k[0], v[0], window_mask(T, W)), flex)
        ring, outs = new_ring(2, W, 8), []
        for s in range(T):
            e = s + 1
            outs.append(ring_step(ring, q[0, :, s:e], k[0, :, s:e], v[0, :, s:e], s))
        torch.testing.assert_close(torch.cat(outs, dim=1), flex)
print("flex_attention (eager, CPU) == from scratch, one pass and ring: True")
print("its warning:", textwrap.fill(str(caught[0].message).splitlines()[0], 76,
                                   subsequent_indent="  "))
