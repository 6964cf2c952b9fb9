import torch
import torch.nn as nn

torch.manual_seed(0)
attn = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
x = torch.randn(1, 5, 8)                        # 5 tokens, no position information
perm = torch.tensor([3, 0, 4, 1, 2])            # shuffle the tokens

out, _ = attn(x, x, x)
out_perm, _ = attn(x[:, perm], x[:, perm], x[:, perm])
# Shuffling the input only shuffles the output the same way: order is invisible.
torch.testing.assert_close(out_perm, out[:, perm])
print("attention(shuffled x) == shuffled attention(x): order carries no information")

# Add a position vector to each slot and the equality breaks.
pos = torch.randn(1, 5, 8)
y, y_perm = x + pos, x[:, perm] + pos
out, _ = attn(y, y, y)
out_perm, _ = attn(y_perm, y_perm, y_perm)
print("with positions added:", torch.allclose(out_perm, out[:, perm]))
