import math

import torch

g = torch.Generator().manual_seed(0)
T, d_model = 3, 4
d_ff = 4 * d_model                                   # the usual expansion: x 4
x = torch.randn(T, d_model, generator=g)             # (T, d_model): 3 token vectors


def gelu(z):                                         # z * Phi(z), Phi = normal CDF
    return z * 0.5 * (1 + torch.erf(z / math.sqrt(2)))


# GPT-2 style MLP: expand, GELU, project back. Each token on its own.
W1, b1 = torch.randn(d_model, d_ff, generator=g) * 0.5, torch.zeros(d_ff)
W2, b2 = torch.randn(d_ff, d_model, generator=g) * 0.5, torch.zeros(d_model)
hidden = gelu(x @ W1 + b1)                           # (T, d_ff)
out = hidden @ W2 + b2                               # (T, d_model)
print("x", tuple(x.shape), "-> hidden", tuple(hidden.shape), "-> out", tuple(out.shape))

# Llama style SwiGLU: two projections up, one gated by SiLU, then down; no biases.
d_ff_glu = 11                                        # 8/3 x d_model, rounded up
Wg = torch.randn(d_model, d_ff_glu, generator=g) * 0.5    # "gate_proj"
Wu = torch.randn(d_model, d_ff_glu, generator=g) * 0.5    # "up_proj"
Wd = torch.randn(d_ff_glu, d_model, generator=g) * 0.5    # "down_proj"
silu = lambda z: z * torch.sigmoid(z)
swiglu = (silu(x @ Wg) * (x @ Wu)) @ Wd              # (T, d_model)
print("SwiGLU out", tuple(swiglu.shape))
print("parameters: MLP", W1.numel() + b1.numel() + W2.numel() + b2.numel(),
      " SwiGLU", Wg.numel() + Wu.numel() + Wd.numel())
