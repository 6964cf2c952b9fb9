import math

import torch

# One sequence of T tokens through one MLA layer, by hand (no batch axis).
torch.manual_seed(0)
T, d_model, H = 5, 16, 2
d_c, d_nope, d_r, d_v = 6, 4, 2, 4  # latent, per-head key parts, value width
x = torch.randn(T, d_model)
W_q = torch.randn(d_model, H, d_nope + d_r) / math.sqrt(d_model)
W_dkv = torch.randn(d_model, d_c) / math.sqrt(d_model)  # down: x -> latent
W_kr = torch.randn(d_model, d_r) / math.sqrt(d_model)  # x -> the rotary key
W_uk = torch.randn(H, d_c, d_nope) / math.sqrt(d_c)  # up: latent -> keys
W_uv = torch.randn(H, d_c, d_v) / math.sqrt(d_c)  # up: latent -> values
W_o = torch.randn(H, d_v, d_model) / math.sqrt(H * d_v)


def rope(x, pos, theta=10000.0):
    """Rotate the pairs (x0, x1), (x2, x3), ... of the last axis by pos * w_i."""
    d = x.shape[-1]
    w = theta ** (-torch.arange(0, d, 2) / d)
    cos, sin = (pos[:, None] * w).cos(), (pos[:, None] * w).sin()
    x0, x1 = x[..., 0::2], x[..., 1::2]
    return torch.stack([x0 * cos - x1 * sin, x0 * sin + x1 * cos], dim=-1).flatten(-2)


pos = torch.arange(T, dtype=torch.float32)
# What the KV cache keeps for each token: the latent and one small rotary key.
c = x @ W_dkv  # (T, d_c)
c = c * torch.rsqrt(c.pow(2).mean(-1, keepdim=True) + 1e-6)  # RMSNorm (gain 1 here)
k_r = rope(x @ W_kr, pos)  # (T, d_r), the same for every head
print(f"cached per token: c {d_c} + k_r {d_r} = {d_c + d_r} numbers; multi-head "
      f"attention would cache K and V, {H} x ({d_nope + d_r} + {d_v}) = "
      f"{H * (d_nope + d_r + d_v)}")

q = torch.einsum("td,dhe->hte", x, W_q)  # (H, T, d_nope + d_r)
q_c, q_r = q[..., :d_nope], rope(q[..., d_nope:], pos)
mask = torch.ones(T, T, dtype=torch.bool).tril()
scale = 1 / math.sqrt(d_nope + d_r)  # the query's width, rotary part included

# Path 1: rebuild every head's keys and values from the latent, then attend.
K = torch.cat([c @ W_uk, k_r.expand(H, T, d_r)], dim=-1)  # (H, T, d_nope + d_r)
V = c @ W_uv  # (H, T, d_v)
S1 = (torch.cat([q_c, q_r], dim=-1) @ K.mT * scale).masked_fill(~mask, -math.inf)
out1 = torch.einsum("htv,hvd->td", torch.softmax(S1, dim=-1) @ V, W_o)
print("rebuilt K", tuple(K.shape), "V", tuple(V.shape))

# Path 2: absorb W_uk into the query and W_uv into the output; K, V never exist.
q_lat = q_c @ W_uk.mT  # (H, T, d_c): each head's query, in latent coordinates
S2 = (q_lat @ c.T + q_r @ k_r.T) * scale  # (H, T, T)
S2 = S2.masked_fill(~mask, -math.inf)
o_lat = torch.softmax(S2, dim=-1) @ c  # (H, T, d_c): a mix of latents per head
out2 = torch.einsum("htc,hcd->td", o_lat, W_uv @ W_o)  # W_uv @ W_o: (H, d_c, d_model)
print("absorbed query", tuple(q_lat.shape), "output before W_o", tuple(o_lat.shape))
print(f"scores equal: {torch.allclose(S1, S2, atol=1e-6)}, outputs equal: "
      f"{torch.allclose(out1, out2, atol=1e-6)}, output {tuple(out2.shape)}")
print("attention of head 0, query 4:", [round(a, 3) for a in
                                        torch.softmax(S2, -1)[0, 4].tolist()])
