import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)


# --- the block from scratch
class Block(nn.Module):
    """A decoder-only block, pre-LN: x + attn(ln(x)), then x + mlp(ln(x))."""

    def __init__(self, d_model: int, H: int):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)  # layer norm
        self.qkv = nn.Linear(d_model, 3 * d_model)       # queries, keys, values at once
        self.proj = nn.Linear(d_model, d_model)          # attention's output projection
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(),
                                 nn.Linear(4 * d_model, d_model))   # feed-forward

    def forward(self, x):                                # x: (B, T, d_model)
        B, T, d_model = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d_model, dim=-1)
        heads = lambda t: t.view(B, T, self.H, d_model // self.H).transpose(1, 2)
        a = F.scaled_dot_product_attention(heads(q), heads(k), heads(v),
                                           is_causal=True)          # causal attention
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d_model))  # residual
        return x + self.mlp(self.ln2(x))                             # residual


# --- end of the block from scratch

T, d_model = 6, 16
blocks = nn.Sequential(*[Block(d_model, H=4) for _ in range(3)])  # a stack of L = 3
x = torch.randn(T, d_model)  # one sequence of T token vectors (no batch axis here)
y = blocks(x[None])[0]

# 1. Replace the vector at position 2 only: which outputs move?
x2 = x.clone()
x2[2] = torch.randn(d_model)
moved = (blocks(x2[None])[0] - y).abs().amax(-1) > 1e-6  # (T,)
print("outputs that moved:", moved.int().tolist())
assert moved.tolist() == [False, False, True, True, True, True]

# 2. All at once: does output i depend on input j? The Jacobian, block by block.
J = torch.autograd.functional.jacobian(lambda v: blocks(v[None])[0], x)  # (T, d, T, d)
depends = (J.abs().amax(dim=(1, 3)) > 0).int()  # (T, T): row = output, column = input
print(depends)
assert torch.equal(depends, torch.tril(torch.ones(T, T, dtype=torch.int)))
