import torch
import torch.nn as nn
from transformers.pytorch_utils import Conv1D

torch.manual_seed(0)
d_model = 16
mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(),
                    nn.Linear(4 * d_model, d_model))
x = torch.randn(1, 6, d_model)

# nn.GELU() is the exact (erf) GELU; GPT-2's weights were trained with the tanh form.
tanh_mlp = nn.Sequential(mlp[0], nn.GELU(approximate="tanh"), mlp[2])
print(f"same weights, nn.GELU() vs nn.GELU(approximate='tanh'): max output difference "
      f"{(mlp(x) - tanh_mlp(x)).abs().max().item():.1e}")

# Position-wise: each token's output depends on that token only.
y = x.clone()
y[0, 5] += 100.0                               # change the last token
same = torch.allclose(mlp(x)[0, :5], mlp(y)[0, :5])
print("change token 5: outputs of tokens 0-4 unchanged?", same)

# Shape: nn.Linear acts on the last axis, so (B, T, d_model) needs no reshape.
print("input", tuple(x.shape), "-> output", tuple(mlp(x).shape))

# Weight layout: nn.Linear stores (out, in) = (d_ff, d_model); GPT-2's Conv1D
# (transformers.pytorch_utils) stores (in, out) = (d_model, d_ff). Transpose to load.
c_fc, fc = Conv1D(4 * d_model, d_model), nn.Linear(d_model, 4 * d_model)
print("Conv1D weight", tuple(c_fc.weight.shape), " nn.Linear weight",
      tuple(fc.weight.shape))
try:
    fc.load_state_dict(c_fc.state_dict())
except RuntimeError as e:
    print("loaded without a transpose: RuntimeError:", str(e).splitlines()[1].strip())
fc.load_state_dict({"weight": c_fc.weight.T, "bias": c_fc.bias})
print("with .T: same outputs?", torch.allclose(fc(x), c_fc(x)))
square_conv, square = Conv1D(d_model, d_model), nn.Linear(d_model, d_model)
square.load_state_dict(square_conv.state_dict())       # a square matrix loads silently
print("square matrix loaded without .T: same outputs?",
      torch.allclose(square(x), square_conv(x)))
