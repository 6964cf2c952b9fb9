import torch
import torch.nn as nn

# PyTorch has no "residual" function; the property to check is the identity path:
# a block whose sublayers output zero passes its input through unchanged (pre-LN),
# while a post-LN block still normalises it.
torch.manual_seed(0)
d_model, H = 16, 4
x = torch.randn(2, 5, d_model)                      # (B, T, d_model)
mask = nn.Transformer.generate_square_subsequent_mask(5)


def zero_writes(layer):
    """Zero the projections that write into the stream: attention out and MLP out."""
    with torch.no_grad():
        for lin in (layer.self_attn.out_proj, layer.linear2):
            lin.weight.zero_()
            lin.bias.zero_()
    return layer.eval()


pre = zero_writes(nn.TransformerEncoderLayer(d_model, H, dropout=0.0, batch_first=True,
                                             norm_first=True))
post = zero_writes(nn.TransformerEncoderLayer(d_model, H, dropout=0.0, batch_first=True,
                                              norm_first=False))
with torch.no_grad():
    torch.testing.assert_close(pre(x, src_mask=mask), x)           # identity
    expected = post.norm2(post.norm1(x))                            # LN(LN(x + 0) + 0)
    torch.testing.assert_close(post(x, src_mask=mask), expected)
print("pre-LN block with zero sublayers == identity: the residual path carries x")
print("post-LN block with zero sublayers == LayerNorm(LayerNorm(x)): not the identity")
