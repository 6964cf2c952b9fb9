import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):            # the block of the previous snippet
    def __init__(self, d_model, H):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(),
                                 nn.Linear(4 * d_model, d_model))

    def forward(self, x):
        B, T, d_model = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d_model, dim=-1)
        heads = lambda t: t.view(B, T, self.H, d_model // self.H).transpose(1, 2)
        a = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d_model))
        return x + self.mlp(self.ln2(x))


d_model, H, T = 32, 4, 7
torch.manual_seed(0)
ref = nn.TransformerEncoderLayer(d_model, H, dim_feedforward=4 * d_model, dropout=0.0,
                                 activation="gelu", batch_first=True, norm_first=True)
mine = Block(d_model, H)
with torch.no_grad():                       # copy PyTorch's weights into our block
    mine.ln1.load_state_dict(ref.norm1.state_dict())
    mine.ln2.load_state_dict(ref.norm2.state_dict())
    mine.qkv.weight.copy_(ref.self_attn.in_proj_weight)
    mine.qkv.bias.copy_(ref.self_attn.in_proj_bias)
    mine.proj.load_state_dict(ref.self_attn.out_proj.state_dict())
    mine.mlp[0].load_state_dict(ref.linear1.state_dict())
    mine.mlp[2].load_state_dict(ref.linear2.state_dict())

x = torch.randn(3, T, d_model)
mask = nn.Transformer.generate_square_subsequent_mask(T)          # an explicit mask
torch.testing.assert_close(mine(x), ref(x, src_mask=mask))
print("our block == nn.TransformerEncoderLayer(norm_first=True, activation='gelu', "
      "dropout=0) with the causal mask")

# is_causal is only a hint about src_mask: on its own it raises.
try:
    ref(x, is_causal=True)
except RuntimeError as e:
    print("is_causal=True without src_mask: RuntimeError:", str(e).split(".")[0])
