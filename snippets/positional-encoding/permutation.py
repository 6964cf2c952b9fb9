import torch
import torch.nn as nn

torch.manual_seed(0)
attn = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
T = 5
x = torch.randn(1, T, 8)                        # 5 tokens, no position information
perm = torch.tensor([3, 0, 4, 1, 2])            # shuffle the tokens
xp = x[:, perm]

# Without a mask, shuffling the input only shuffles the output the same way.
out, _ = attn(x, x, x)
out_perm, _ = attn(xp, xp, xp)
torch.testing.assert_close(out_perm, out[:, perm])
print("no mask: attention(shuffled x) == shuffled attention(x)")

# With a causal mask, token i sees tokens 0..i: a shuffle changes what each sees.
causal = nn.Transformer.generate_square_subsequent_mask(T)
out, _ = attn(x, x, x, attn_mask=causal)
out_perm, _ = attn(xp, xp, xp, attn_mask=causal)
print("causal mask: still equal after shuffling?",
      torch.allclose(out_perm, out[:, perm]))
# ...yet without positions the last token sees the *set* of earlier tokens, not
# their order: swap the first two and its output does not change.
swap = torch.tensor([1, 0, 2, 3, 4])
xs = x[:, swap]
last, _ = attn(x, x, x, attn_mask=causal)
last_swapped, _ = attn(xs, xs, xs, attn_mask=causal)
print("causal, first two tokens swapped: last token's output unchanged?",
      torch.allclose(last[:, -1], last_swapped[:, -1]))

# Add a position vector to each slot and the no-mask equality breaks too.
pos = torch.randn(1, T, 8)
y, y_perm = x + pos, xp + pos
out, _ = attn(y, y, y)
out_perm, _ = attn(y_perm, y_perm, y_perm)
print("no mask, positions added: still equal after shuffling?",
      torch.allclose(out_perm, out[:, perm]))
