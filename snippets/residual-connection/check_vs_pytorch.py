import torch
import torch.nn as nn
from torch.autograd.functional import jacobian


# --- residual connections from scratch
def pre_ln(x, norm, f):
    """Pre-LN: f reads a normalised copy; its output is added to the stream x."""
    return x + f(norm(x))


def post_ln(x, norm, f):
    """Post-LN (the 2017 Transformer): add, then normalise the sum."""
    return norm(x + f(x))


# --- end of residual connections from scratch


# --- a block's wiring from scratch
def block(x, layer, mask):
    """Attention, then the MLP, each wrapped in a residual connection."""
    attn = lambda t: layer.self_attn(t, t, t, attn_mask=mask, need_weights=False)[0]
    mlp = lambda t: layer.linear2(layer.activation(layer.linear1(t)))
    wrap = pre_ln if layer.norm_first else post_ln
    h = wrap(x, layer.norm1, attn)             # the stream after attention
    return wrap(h, layer.norm2, mlp)           # the stream after the MLP


# --- end of a block's wiring from scratch

# PyTorch has no residual function, but nn.TransformerEncoderLayer wires its two
# sublayers with residual connections, pre-LN (norm_first=True) or post-LN. The
# same sublayers wired by the functions above must give the same outputs.
torch.manual_seed(0)
for d_model, H, B, T in ((16, 4, 2, 5), (24, 3, 3, 7)):
    x = torch.randn(B, T, d_model)                        # (B, T, d_model)
    mask = nn.Transformer.generate_square_subsequent_mask(T)
    for norm_first in (True, False):
        layer = nn.TransformerEncoderLayer(d_model, H, dim_feedforward=3 * d_model,
                                           dropout=0.0, batch_first=True,
                                           norm_first=norm_first).eval()
        with torch.no_grad():                 # non-trivial norm gains and biases
            for norm in (layer.norm1, layer.norm2):
                norm.weight.normal_(1.0, 0.5)
                norm.bias.normal_(0.0, 0.5)
            torch.testing.assert_close(block(x, layer, mask), layer(x, src_mask=mask))
print("pre-LN and post-LN blocks wired by hand == nn.TransformerEncoderLayer "
      "(2 sizes)")

# The gradient highway: the Jacobian of x + f(LN(x)) is the identity plus the
# branch's Jacobian, for any branch f (here the MLP of the last layer, by autograd).
mlp = lambda t: layer.linear2(layer.activation(layer.linear1(t)))
for v in x[0]:                                            # each token vector
    J = jacobian(lambda t: pre_ln(t, layer.norm1, mlp), v)
    J_branch = jacobian(lambda t: mlp(layer.norm1(t)), v)
    torch.testing.assert_close(J, torch.eye(d_model) + J_branch)
print("d(x + f(LN(x)))/dx == I + d f(LN(x))/dx for every token (autograd)")

# And the identity path itself: zero the two projections that write into the
# stream; the pre-LN block returns its input exactly, the post-LN block does not.
for norm_first in (True, False):
    layer = nn.TransformerEncoderLayer(d_model, H, dropout=0.0, batch_first=True,
                                       norm_first=norm_first).eval()
    with torch.no_grad():
        for lin in (layer.self_attn.out_proj, layer.linear2):
            lin.weight.zero_()
            lin.bias.zero_()
        out = layer(x, src_mask=mask)
        torch.testing.assert_close(block(x, layer, mask), out)
        if norm_first:
            torch.testing.assert_close(out, x)                        # identity
        else:
            torch.testing.assert_close(out, layer.norm2(layer.norm1(x)))  # LN(LN(x))
print("zero sublayers: pre-LN block == identity; post-LN block == "
      "LayerNorm(LayerNorm(x))")
