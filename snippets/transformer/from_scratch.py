import torch
import torch.nn as nn
import torch.nn.functional as F


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

torch.manual_seed(0)
block = Block(d_model=16, H=4)
x = torch.randn(2, 5, 16)                                 # (B, T, d_model)
y = block(x)
print("block:", tuple(x.shape), "->", tuple(y.shape))
print("parameters of one block:", sum(p.numel() for p in block.parameters()),
      "= 12 d_model^2 + 13 d_model for d_model = 16:", 12 * 16**2 + 13 * 16)
