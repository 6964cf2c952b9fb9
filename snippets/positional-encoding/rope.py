import torch


# --- RoPE from scratch
def rope(x: torch.Tensor, base: float = 10000.0) -> torch.Tensor:
    """Rotary embedding, RoFormer's interleaved pairs (0,1), (2,3), ...; x: (T, d_k)."""
    T, d = x.shape
    freqs = base ** (-torch.arange(0, d, 2).float() / d)    # omega_i, (d/2,)
    angles = torch.arange(T).unsqueeze(1) * freqs           # m * omega_i, (T, d/2)
    cos, sin = angles.cos(), angles.sin()
    x1, x2 = x[:, 0::2], x[:, 1::2]         # first and second element of each pair
    out = torch.empty_like(x)
    out[:, 0::2] = x1 * cos - x2 * sin      # rotate each pair by m * omega_i
    out[:, 1::2] = x1 * sin + x2 * cos
    return out
# --- end of RoPE from scratch


g = torch.Generator().manual_seed(0)
T, d = 16, 8
q = torch.randn(d, generator=g).expand(T, d)     # the same query at every position
k = torch.randn(d, generator=g).expand(T, d)     # the same key at every position
rq, rk = rope(q), rope(k)

# 1. A rotation keeps the length of every vector.
torch.testing.assert_close(rq.norm(dim=1), q.norm(dim=1))
# 2. The score of query at m and key at n depends only on the offset m - n.
score = rq @ rk.T                                # (T, T): score[m, n]
for offset in (0, 1, 5):
    diag = torch.diagonal(score, offset=-offset)     # all pairs with m - n = offset
    torch.testing.assert_close(diag, diag[0].expand_as(diag))
    print(f"m - n = {offset}: score {diag[0].item():+.4f} at all {len(diag)} pairs")

# 3. The complex-number form: pairs as complex numbers, times e^{i m omega_i}.
freqs = 10000.0 ** (-torch.arange(0, d, 2).float() / d)
rotation = torch.polar(torch.ones(T, d // 2), torch.arange(T).unsqueeze(1) * freqs)
as_complex = torch.view_as_complex(q.reshape(T, d // 2, 2).contiguous())
torch.testing.assert_close(torch.view_as_real(as_complex * rotation).reshape(T, d), rq)
print("norms preserved; complex form == real rotation form: OK")
