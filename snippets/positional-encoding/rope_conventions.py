import torch


def angles(T, d, base=10000.0):
    freqs = base ** (-torch.arange(0, d, 2).float() / d)   # omega_i
    a = torch.arange(T).unsqueeze(1) * freqs              # (T, d/2)
    return a.cos(), a.sin()


def rope_interleaved(x):          # RoFormer, GPT-J: pairs (0,1), (2,3), ...
    cos, sin = angles(*x.shape)
    x1, x2 = x[:, 0::2], x[:, 1::2]
    return torch.stack([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1).flatten(1)


def rope_half(x):                 # GPT-NeoX, HF Llama: pairs (0, d/2), (1, d/2 + 1)
    cos, sin = angles(*x.shape)
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)


g = torch.Generator().manual_seed(0)
T, d = 6, 8
x = torch.randn(T, d, generator=g)
a, b = rope_interleaved(x), rope_half(x)
print("same input, same base: max difference", round((a - b).abs().max().item(), 4))

# They are the same rotation applied to differently ordered dimensions:
perm = torch.cat([torch.arange(0, d, 2), torch.arange(1, d, 2)])   # 0,2,4,6,1,3,5,7
torch.testing.assert_close(rope_half(x[:, perm]), rope_interleaved(x)[:, perm])
print("rope_half(x[:, perm]) == rope_interleaved(x)[:, perm], perm =", perm.tolist())
