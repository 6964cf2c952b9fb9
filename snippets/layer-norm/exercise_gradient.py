import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
d_model = 8
x = torch.randn(d_model, dtype=torch.float64, requires_grad=True)
ln = nn.LayerNorm(d_model, eps=0.0, dtype=torch.float64)
with torch.no_grad():
    ln.weight.normal_()                                # a gain that is not all ones
    ln.bias.normal_()
loss = (ln(x) * torch.randn(d_model, dtype=torch.float64)).sum()   # any loss
loss.backward()

x_hat = (x - x.mean()) / x.var(correction=0).sqrt()
print("gradient:", x.grad.numpy().round(3))
print("|sum of the gradient| < 1e-12:", x.grad.sum().abs().item() < 1e-12)
print("|gradient . x_hat| < 1e-12:", (x.grad @ x_hat).abs().item() < 1e-12)
# LayerNorm's output ignores adding c to every entry and scaling x around its
# mean, so the gradient has no component along either direction.
torch.testing.assert_close(x.grad.sum(), torch.tensor(0.0, dtype=torch.float64))
torch.testing.assert_close(x.grad @ x_hat, torch.tensor(0.0, dtype=torch.float64))
assert x.grad.abs().max() > 0.1                        # the gradient itself is not 0
print("the gradient is orthogonal to (1, ..., 1) and to x_hat")
