import torch

torch.set_num_threads(1)


def rope(x: torch.Tensor, base: float = 10000.0) -> torch.Tensor:
    """Rotary embedding, RoFormer's interleaved pairs (0,1), (2,3), ...; x: (T, d_k)."""
    T, d = x.shape
    freqs = base ** (-torch.arange(0, d, 2).double() / d)   # omega_i, (d/2,)
    angles = torch.arange(T).unsqueeze(1) * freqs           # m * omega_i, (T, d/2)
    cos, sin = angles.cos(), angles.sin()
    x1, x2 = x[:, 0::2], x[:, 1::2]
    out = torch.empty_like(x)
    out[:, 0::2] = x1 * cos - x2 * sin
    out[:, 1::2] = x1 * sin + x2 * cos
    return out


g = torch.Generator().manual_seed(0)
T, d = 16, 8
q = torch.randn(d, generator=g, dtype=torch.float64)
k = torch.randn(d, generator=g, dtype=torch.float64)
rq, rk = rope(q.expand(T, d)), rope(k.expand(T, d))
score = rq @ rk.T                                  # score[m, n], query at m, key at n

m = 8
earlier, later = score[m, m - 3], score[m, m + 3]  # key 3 before, key 3 after
print(f"q at {m}, k at {m - 3}: {earlier:+.4f};  q at {m}, k at {m + 3}: {later:+.4f}")
assert abs(earlier - later) > 1e-3                 # RoPE tells the direction apart

# ...unless query and key are the same vector:
# pair i then gives |q_pair|^2 cos(offset w_i)
same = rope(q.expand(T, d))
s = same @ same.T
rows = torch.arange(3, T - 3)  # (s == s.T holds for any q: compare m - 3 with m + 3)
torch.testing.assert_close(s[rows, rows - 3], s[rows, rows + 3])
print(f"q with itself at offsets -3 and +3: {s[m, m - 3]:+.4f}, {s[m, m + 3]:+.4f}")
