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

# PyTorch's layer, asked for pre-LN, exact GELU and no dropout, with our block
# holding its weights; an explicit causal mask; two sizes, random norm parameters.
torch.manual_seed(0)
for d_model, H, B, T in ((32, 4, 3, 7), (24, 2, 2, 9)):
    ref = nn.TransformerEncoderLayer(d_model, H, dim_feedforward=4 * d_model,
                                     dropout=0.0, activation="gelu", batch_first=True,
                                     norm_first=True)
    mine = Block(d_model, H)
    with torch.no_grad():                   # copy PyTorch's weights into our block
        for norm in (ref.norm1, ref.norm2):
            norm.weight.normal_(1.0, 0.5)
            norm.bias.normal_(0.0, 0.5)
        mine.ln1.load_state_dict(ref.norm1.state_dict())
        mine.ln2.load_state_dict(ref.norm2.state_dict())
        mine.qkv.weight.copy_(ref.self_attn.in_proj_weight)
        mine.qkv.bias.copy_(ref.self_attn.in_proj_bias)
        mine.proj.load_state_dict(ref.self_attn.out_proj.state_dict())
        mine.mlp[0].load_state_dict(ref.linear1.state_dict())
        mine.mlp[2].load_state_dict(ref.linear2.state_dict())
    x = torch.randn(B, T, d_model)
    mask = nn.Transformer.generate_square_subsequent_mask(T)      # an explicit mask
    torch.testing.assert_close(mine(x), ref(x, src_mask=mask))
print("our block == nn.TransformerEncoderLayer(norm_first=True, activation='gelu', "
      "dropout=0) with the causal mask, at 2 sizes")
