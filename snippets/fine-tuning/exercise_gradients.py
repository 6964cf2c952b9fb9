import math

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
d_in, d_out, r, alpha = 16, 12, 4, 8.0
W = torch.randn(d_out, d_in)  # the frozen weight
A = torch.empty(r, d_in)
nn.init.kaiming_uniform_(A, a=math.sqrt(5))  # as PEFT does
A.requires_grad_(True)
B = torch.zeros(d_out, r, requires_grad=True)  # zero at the start
s = alpha / r
x, target = torch.randn(8, d_in), torch.randn(8, d_out)


def forward():
    y = x @ W.T + s * (x @ A.T) @ B.T
    y.retain_grad()  # keep dL/dy, to build the gradients by hand
    loss = ((y - target) ** 2).mean()
    loss.backward()
    return y.grad


for step in (0, 1):
    A.grad = B.grad = None
    y_bar = forward()
    by_hand_B = s * y_bar.T @ (x @ A.T)  # (d_out, r)
    by_hand_A = s * B.T @ y_bar.T @ x  # (r, d_in): zero while B is zero
    torch.testing.assert_close(B.grad, by_hand_B)
    torch.testing.assert_close(A.grad, by_hand_A)
    print(f"step {step}: |grad B| = {B.grad.norm():.4f}, |grad A| = {A.grad.norm():.4f}"
          " (== by hand)")
    if step == 0:
        assert torch.all(A.grad == 0) and B.grad.norm() > 0
        with torch.no_grad():  # one SGD step on both
            A -= 0.1 * A.grad
            B -= 0.1 * B.grad
assert A.grad.norm() > 0  # once B has moved, A learns too
