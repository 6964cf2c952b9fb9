import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

# 1. The mean over a (B, T) batch divides by every token, B T, not by B.
B, T, V = 2, 16, 27
z = torch.randn(B, T, V, requires_grad=True)
y = torch.randint(0, V, (B, T))
F.cross_entropy(z.view(-1, V), y.view(-1)).backward()
p_minus_onehot = z.detach().softmax(dim=-1) - F.one_hot(y, V)
print(
    "z.grad * B * T == p - one-hot:",
    torch.allclose(z.grad * B * T, p_minus_onehot, atol=1e-6),
)

# 2. Softmax's Jacobian is diag(p) - p p^T, not the elementwise p (1 - p): every
#    output depends on every input.
s = torch.tensor([1.0, 2.0, 0.5])
p = s.softmax(dim=0)
J = torch.autograd.functional.jacobian(lambda s: s.softmax(dim=0), s)
print("softmax Jacobian == diag(p) - p p^T:", torch.allclose(J, p.diag() - p.outer(p)))
print("off-diagonal entry J[0, 1] =", f"{J[0, 1]:.4f}", "(elementwise formula: 0)")

# 3. gradcheck in float32: finite differences drown in rounding, the check fails.
x32 = torch.randn(3, 5, requires_grad=True)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # it also warns that the input is not float64
    ok32 = torch.autograd.gradcheck(torch.tanh, x32, raise_exception=False)
ok64 = torch.autograd.gradcheck(torch.tanh, x32.detach().double().requires_grad_(True))
print(f"gradcheck(tanh): float32 {ok32}, float64 {ok64}")

# 4. nn.Linear stores W as (d_out, d_in) and computes x W^T + b: its gradient has
#    W's shape, y_bar^T x. Papers (and x @ W code) use (d_in, d_out): x^T y_bar.
layer = nn.Linear(48, 27)
x = torch.randn(5, 48)
y_bar = torch.randn(5, 27)
layer(x).backward(y_bar)
print(
    "nn.Linear weight",
    tuple(layer.weight.shape),
    "grad",
    tuple(layer.weight.grad.shape),
    "== y_bar^T x:",
    torch.allclose(layer.weight.grad, y_bar.T @ x, atol=1e-5),
)
W = layer.weight.detach().T.clone().requires_grad_(True)  # (d_in, d_out) layout
(x @ W).backward(y_bar)
print(
    "x @ W: W",
    tuple(W.shape),
    "grad == x^T y_bar:",
    torch.allclose(W.grad, x.T @ y_bar, atol=1e-5),
)
