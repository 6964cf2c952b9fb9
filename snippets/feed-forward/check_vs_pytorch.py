import math

import torch
import torch.nn as nn
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
z = torch.linspace(-6, 6, 1001)

exact = z * 0.5 * (1 + torch.erf(z / math.sqrt(2)))                     # z Phi(z)
tanh = 0.5 * z * (1 + torch.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)))
torch.testing.assert_close(exact, F.gelu(z))                             # default
torch.testing.assert_close(exact, nn.GELU()(z))
torch.testing.assert_close(tanh, F.gelu(z, approximate="tanh"))          # GPT-2's
torch.testing.assert_close(z * torch.sigmoid(z), F.silu(z))              # SiLU/Swish-1
print("GELU (erf) == F.gelu, tanh form == F.gelu(approximate='tanh'), "
      "z sigmoid(z) == F.silu")

# The whole MLP against an nn.Sequential holding the same weights.
d_model = 16
mlp = nn.Sequential(nn.Linear(d_model, 4 * d_model), nn.GELU(approximate="tanh"),
                    nn.Linear(4 * d_model, d_model))
x = torch.randn(2, 5, d_model, generator=g)                 # (B, T, d_model)
W1, b1, W2, b2 = (p.detach() for p in mlp.parameters())
mine = (0.5 * (h := x @ W1.T + b1) * (1 + torch.tanh(
    math.sqrt(2 / math.pi) * (h + 0.044715 * h**3)))) @ W2.T + b2
torch.testing.assert_close(mine, mlp(x))

# SwiGLU from scratch against a module written with F.silu, same weights.
gate = nn.Linear(d_model, 40, bias=False)
up = nn.Linear(d_model, 40, bias=False)
down = nn.Linear(40, d_model, bias=False)
module = down(F.silu(gate(x)) * up(x))
sig = lambda t: 1 / (1 + torch.exp(-t))
a = x @ gate.weight.T
by_hand = (a * sig(a) * (x @ up.weight.T)) @ down.weight.T
torch.testing.assert_close(by_hand, module)
print("MLP by hand == nn.Sequential(Linear, GELU(tanh), Linear)")
print("SwiGLU by hand == the F.silu form")
