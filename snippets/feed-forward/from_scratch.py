import math

import torch


# --- the feed-forward networks from scratch
def gelu(z):                              # exact: z * Phi(z), Phi the normal CDF
    return z * 0.5 * (1 + torch.erf(z / math.sqrt(2)))


def gelu_tanh(z):                         # GPT-2's tanh approximation
    return 0.5 * z * (1 + torch.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)))


def silu(z):                              # z * sigmoid(z), also called Swish
    return z / (1 + torch.exp(-z))


def mlp(x, W1, b1, W2, b2, act):          # GPT-2: expand, activation, project back
    return act(x @ W1 + b1) @ W2 + b2


def swiglu(x, W_gate, W_up, W_down):      # Llama: SiLU of the gate times up, down
    return (silu(x @ W_gate) * (x @ W_up)) @ W_down


# --- end of the feed-forward networks from scratch

g = torch.Generator().manual_seed(0)
T, d_model = 3, 4
d_ff = 4 * d_model                                   # the usual expansion: x 4
x = torch.randn(T, d_model, generator=g)             # (T, d_model): 3 token vectors

# GPT-2 style MLP: expand, GELU, project back. Each token on its own. The weights
# are written (in, out), as in the formula: x @ W.
W1, b1 = torch.randn(d_model, d_ff, generator=g) * 0.5, torch.zeros(d_ff)
W2, b2 = torch.randn(d_ff, d_model, generator=g) * 0.5, torch.zeros(d_model)
hidden = gelu(x @ W1 + b1)                           # (T, d_ff)
out = mlp(x, W1, b1, W2, b2, act=gelu)               # (T, d_model)
print("x", tuple(x.shape), "-> hidden", tuple(hidden.shape), "-> out", tuple(out.shape))

# Llama style SwiGLU: two projections up, one gated by SiLU, then down; no biases.
d_ff_glu = 11                                        # 8/3 x d_model, rounded up
Wg = torch.randn(d_model, d_ff_glu, generator=g) * 0.5    # "gate_proj"
Wu = torch.randn(d_model, d_ff_glu, generator=g) * 0.5    # "up_proj"
Wd = torch.randn(d_ff_glu, d_model, generator=g) * 0.5    # "down_proj"
print("SwiGLU out", tuple(swiglu(x, Wg, Wu, Wd).shape))
print("parameters: MLP", W1.numel() + b1.numel() + W2.numel() + b2.numel(),
      " SwiGLU", Wg.numel() + Wu.numel() + Wd.numel())
