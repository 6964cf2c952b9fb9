import math

import torch


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

T, W, H, d_k = 8, 3, 2, 4
M = window_mask(T, W)
print(f"window mask, T = {T}, W = {W} (row i: the keys query i sees)")
for i in range(T):
    print(f"  i={i}:", " ".join("x" if a else "." for a in M[i].tolist()),
          f"  {int(M[i].sum())} keys")

g = torch.Generator().manual_seed(0)
q, k, v = (torch.randn(H, T, d_k, generator=g) for _ in range(3))
full = attend(q, k, v, M)  # all T tokens at once, with the windowed mask

ring, steps = new_ring(H, W, d_k), []
print("decoding one token at a time; the ring's slots hold positions:")
for t in range(T):
    steps.append(ring_step(ring, q[:, t : t + 1], k[:, t : t + 1], v[:, t : t + 1], t))
    print(f"  after token {t}: slot t % W = {t % W} written ->", ring["pos"].tolist())
decoded = torch.cat(steps, dim=1)
print("ring-buffer decode == full windowed attention:",
      torch.allclose(decoded, full, atol=1e-6))

ring, chunks = new_ring(H, W, d_k), []
for s in range(0, T, 5):  # a prompt in chunks of 5 (more than W)
    chunks.append(ring_step(ring, q[:, s : s + 5], k[:, s : s + 5], v[:, s : s + 5], s))
print("chunked prefill (chunks of 5) == full windowed attention:",
      torch.allclose(torch.cat(chunks, dim=1), full, atol=1e-6))
