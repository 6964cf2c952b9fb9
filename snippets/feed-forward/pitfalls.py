import torch
import torch.nn as nn

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
