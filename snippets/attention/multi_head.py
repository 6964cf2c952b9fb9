import torch
import torch.nn as nn
import torch.nn.functional as F

B, T, C, H = 2, 5, 12, 3                       # batch, tokens, model width, heads
d = C // H                                     # head dimension: 4
torch.manual_seed(0)
mha = nn.MultiheadAttention(C, H, batch_first=True)
x = torch.randn(B, T, C)

# From scratch, with the module's own weights: in_proj packs W_q, W_k, W_v.
Wq, Wk, Wv = mha.in_proj_weight.chunk(3)       # each (C, C)
bq, bk, bv = mha.in_proj_bias.chunk(3)


def split(t):                                  # (B, T, C) -> (B, H, T, d)
    return t.view(B, T, H, d).transpose(1, 2)


q, k, v = split(x @ Wq.T + bq), split(x @ Wk.T + bk), split(x @ Wv.T + bv)


def combine(heads):                            # (B, H, T, d) -> (B, T, C), then W_o
    concat = heads.transpose(1, 2).reshape(B, T, C)
    return concat @ mha.out_proj.weight.T + mha.out_proj.bias


scores = q @ k.transpose(-2, -1)                               # (B, H, T, T)
mine = combine(F.softmax(scores / d**0.5, dim=-1) @ v)         # scale: head dimension
bug = combine(F.softmax(scores / C**0.5, dim=-1) @ v)          # scale: model width

theirs, _ = mha(x, x, x)
torch.testing.assert_close(mine, theirs)
print("multi-head attention from scratch == nn.MultiheadAttention:", tuple(mine.shape))
max_diff = (bug - theirs).abs().max().item()
print(f"dividing by sqrt({C}) (model width) instead of sqrt({d}): max difference "
      f"{max_diff:.4f}")

# The batch_first pitfall: the default module expects (T, B, C) and raises nothing.
default = nn.MultiheadAttention(C, H)          # batch_first=False
default.load_state_dict(mha.state_dict())
wrong, _ = default(x, x, x)                    # x is (B, T, C): read as T=2, B=5
print("same weights, batch_first=False on (B, T, C) input: shape", tuple(wrong.shape),
      "- equal?", torch.allclose(wrong, theirs))
