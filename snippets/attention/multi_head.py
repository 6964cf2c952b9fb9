import torch
import torch.nn as nn
import torch.nn.functional as F

B, T, d_model, H = 2, 5, 24, 3                 # batch, tokens, model width, heads
d_k = d_model // H                             # head dimension: 8
torch.manual_seed(0)
mha = nn.MultiheadAttention(d_model, H, batch_first=True)
with torch.no_grad():                          # biases start at 0: make them visible
    mha.in_proj_bias.normal_()
    mha.out_proj.bias.normal_()
x = torch.randn(B, T, d_model)

# From scratch, with the module's own weights: in_proj packs W_q, W_k, W_v.
print("in_proj_weight:", tuple(mha.in_proj_weight.shape), "= (3 d_model, d_model)")
# --- multi-head attention from scratch
Wq, Wk, Wv = mha.in_proj_weight.chunk(3)       # each (d_model, d_model)
bq, bk, bv = mha.in_proj_bias.chunk(3)


def split(t):                                  # (B, T, d_model) -> (B, H, T, d_k)
    return t.view(B, T, H, d_k).transpose(1, 2)


q, k, v = split(x @ Wq.T + bq), split(x @ Wk.T + bk), split(x @ Wv.T + bv)


def combine(heads):                            # (B, H, T, d_k) -> (B, T, d_model), W_o
    concat = heads.transpose(1, 2).reshape(B, T, d_model)
    return concat @ mha.out_proj.weight.T + mha.out_proj.bias


scores = q @ k.transpose(-2, -1)                               # (B, H, T, T)
mine = combine(F.softmax(scores / d_k**0.5, dim=-1) @ v)       # scale: head dimension
# --- end of multi-head attention from scratch
bug = combine(F.softmax(scores / d_model**0.5, dim=-1) @ v)    # scale: model width

theirs, _ = mha(x, x, x)
torch.testing.assert_close(mine, theirs)
print("multi-head attention from scratch == nn.MultiheadAttention:", tuple(mine.shape))
max_diff = (bug - theirs).abs().max().item()
print(f"dividing by sqrt({d_model}) (model width) instead of sqrt({d_k}): "
      f"max difference "
      f"{max_diff:.4f}")

# The batch_first pitfall: the default module expects (T, B, d_model), raises nothing.
default = nn.MultiheadAttention(d_model, H)    # batch_first=False
default.load_state_dict(mha.state_dict())
wrong, _ = default(x, x, x)                    # (B, T, d_model) read as T=2, B=5
print("same weights, batch_first=False on (B, T, d_model) input:", tuple(wrong.shape),
      "- equal?", torch.allclose(wrong, theirs))
