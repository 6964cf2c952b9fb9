import torch
import torch.nn as nn

torch.manual_seed(0)
attn = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
attn2 = nn.MultiheadAttention(embed_dim=8, num_heads=2, batch_first=True)
T = 5
x = torch.randn(1, T, 8)                        # 5 tokens, no position information
perm = torch.tensor([3, 0, 4, 1, 2])            # shuffle the tokens
xp = x[:, perm]
causal = nn.Transformer.generate_square_subsequent_mask(T)

with torch.no_grad():
    # Without a mask, shuffling the input only shuffles the output the same way.
    out, _ = attn(x, x, x)
    out_perm, _ = attn(xp, xp, xp)
    torch.testing.assert_close(out_perm, out[:, perm])
    print("no mask: attention(shuffled x) == shuffled attention(x)")

    # With a causal mask, token i sees tokens 0..i: a shuffle changes what each sees.
    out, _ = attn(x, x, x, attn_mask=causal)
    out_perm, _ = attn(xp, xp, xp, attn_mask=causal)
    print("causal mask: still equal after shuffling?",
          torch.allclose(out_perm, out[:, perm]))

    # One causal layer sees the earlier tokens as a *set*: swap the first two and
    # the last token's output does not change.
    swap = torch.tensor([1, 0, 2, 3, 4])
    xs = x[:, swap]

    def layer(a, h):                            # causal attention + residual
        return h + a(h, h, h, attn_mask=causal)[0]

    one, one_swapped = layer(attn, x), layer(attn, xs)
    torch.testing.assert_close(one[:, -1], one_swapped[:, -1])
    print("1 causal layer, first two tokens swapped: last output unchanged")

    # Two layers can tell: after layer 1, token 0 has seen only itself and token 1
    # both, so the swap changes token 0's vector, and layer 2 sees the difference.
    two, two_swapped = layer(attn2, one), layer(attn2, one_swapped)
    diff = (two[:, -1] - two_swapped[:, -1]).abs().max().item()
    assert diff > 1e-3
    print(f"2 causal layers, first two tokens swapped: last output changes, "
          f"max diff {diff:.4f}")

    # Add a position vector to each slot and the no-mask equality breaks too.
    pos = torch.randn(1, T, 8)
    y, y_perm = x + pos, xp + pos
    out, _ = attn(y, y, y)
    out_perm, _ = attn(y_perm, y_perm, y_perm)
    print("no mask, positions added: still equal after shuffling?",
          torch.allclose(out_perm, out[:, perm]))
