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

T, d_model = 5, 16
x = torch.randn(T, d_model)  # token vectors, no position embeddings added
perm = torch.tensor([2, 0, 3, 1, 4])  # shuffle the first four tokens, keep the last


def last_output(L, tokens):
    torch.manual_seed(1)  # the same weights for both orders
    blocks = nn.Sequential(*[Block(d_model, H=4) for _ in range(L)])
    return blocks(tokens[None])[0, -1]


for L in (1, 2):
    diff = (last_output(L, x) - last_output(L, x[perm])).abs().max().item()
    print(f"{L} block(s): the last output changes by {diff:.2e} when the others "
          "are shuffled")
    if L == 1:
        assert diff < 1e-5  # one block: attention sees the earlier tokens as a set
    else:
        assert diff > 1e-3  # two blocks: their outputs saw different prefixes
