import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
T, d_model, d_ff = 5, 4, 16
x = torch.randn(T, d_model, generator=g, dtype=torch.float64)
W1 = torch.randn(d_model, d_ff, generator=g, dtype=torch.float64)
b1 = torch.randn(d_ff, generator=g, dtype=torch.float64)
W2 = torch.randn(d_ff, d_model, generator=g, dtype=torch.float64)
b2 = torch.randn(d_model, generator=g, dtype=torch.float64)


def mlp(x, W1, b1, W2, b2, act):          # the page's MLP
    return act(x @ W1 + b1) @ W2 + b2


no_act = mlp(x, W1, b1, W2, b2, act=lambda z: z)   # the GELU left out
W, b = W1 @ W2, b1 @ W2 + b2                       # one (d_model, d_model) layer
torch.testing.assert_close(no_act, x @ W + b)
print("without the activation: x @ (W1 @ W2) + (b1 @ W2 + b2), one linear layer")
print("parameters:", W1.numel() + b1.numel() + W2.numel() + b2.numel(),
      "collapse into", W.numel() + b.numel())
# with the GELU it is not linear: f(2x) != 2 f(x) - f(0) for the bias-free part
gelu = torch.nn.functional.gelu
f = lambda v: mlp(v, W1, b1, W2, b2, act=gelu)
assert not torch.allclose(f(2 * x) - f(0 * x), 2 * (f(x) - f(0 * x)))
print("with GELU: f(2x) - f(0) != 2 (f(x) - f(0)), not linear")
