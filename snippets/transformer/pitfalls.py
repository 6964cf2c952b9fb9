import warnings

import torch
import torch.nn as nn

# The defaults of nn.TransformerEncoderLayer are the 2017 paper's, not GPT's.
layer = nn.TransformerEncoderLayer(d_model=16, nhead=4)
print("defaults: norm_first =", layer.norm_first, "(post-LN); activation =",
      layer.activation.__name__, "; dropout =", layer.dropout.p, "; batch_first =",
      layer.self_attn.batch_first, "; dim_feedforward =", layer.linear1.out_features)

# Dropout 0.1 is on in training mode: two calls give different outputs.
x = torch.randn(5, 2, 16)                 # (T, B, d_model) for batch_first=False
torch.manual_seed(0)
a, b = layer(x), layer(x)
print("train mode, same input twice, equal?", torch.allclose(a, b))
layer.eval()
print("eval mode, equal?", torch.allclose(layer(x), layer(x)))

# is_causal is only a hint that src_mask is causal. Alone it raises, except on the
# fast path (.eval(), torch.no_grad(), batch_first=True, ...), which ignores it.
enc = nn.TransformerEncoderLayer(16, 4, dropout=0.0, batch_first=True, norm_first=True)
seq = torch.randn(2, 5, 16)                              # (B, T, d_model)
mask = nn.Transformer.generate_square_subsequent_mask(5)
try:
    enc(seq, is_causal=True)
except RuntimeError as e:
    print("is_causal=True without src_mask, training mode: RuntimeError:",
          str(e).split(".")[0])
enc.eval()
with torch.no_grad():
    hint_only = enc(seq, is_causal=True)
    print("eval + no_grad, is_causal=True alone: equals the unmasked output?",
          torch.allclose(hint_only, enc(seq)), "; the causal output?",
          torch.allclose(hint_only, enc(seq, src_mask=mask)))
# The same call on a layer with the default batch_first=False takes the slow path,
# which raises again.
slow = nn.TransformerEncoderLayer(16, 4, dropout=0.0, norm_first=True).eval()
with torch.no_grad():
    try:
        slow(seq.transpose(0, 1), is_causal=True)                # (T, B, d_model)
    except RuntimeError as e:
        print("eval + no_grad, batch_first=False: RuntimeError:", str(e).split(".")[0])

# nn.TransformerEncoder with pre-LN layers warns that its fast path is off.
pre = nn.TransformerEncoderLayer(16, 4, batch_first=True, norm_first=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    nn.TransformerEncoder(pre, num_layers=2)
print("UserWarning:", caught[0].message)
print("pass enable_nested_tensor=False to silence it:")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    nn.TransformerEncoder(pre, num_layers=2, enable_nested_tensor=False)
print("warnings:", len(caught))
