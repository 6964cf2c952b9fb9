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
ln_f = nn.LayerNorm(d_model)  # the final norm, before the output layer
x = torch.randn(T, d_model)
y = blocks(x[None])[0]

x2 = x.clone()
x2[2] += 5.0  # the same number added to every entry of one token's vector
y2 = blocks(x2[None])[0]
shift = y2 - y  # (T, d_model)
print("largest change per position:", shift.abs().amax(-1).round(decimals=4).tolist())
torch.testing.assert_close(shift[2], torch.full((d_model,), 5.0))  # carried along
torch.testing.assert_close(shift[[0, 1, 3, 4, 5]], torch.zeros(5, d_model))
torch.testing.assert_close(ln_f(y2), ln_f(y))  # and the final LayerNorm removes it
print("after the final LayerNorm: unchanged")

rms = nn.RMSNorm(d_model, eps=1e-5)  # Llama's norm subtracts no mean
gap = (rms(y2) - rms(y)).abs().max().item()
assert gap > 0.1
print(f"an RMSNorm instead would see it: its output moves by {gap:.4f}")
