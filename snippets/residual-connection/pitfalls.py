import torch
import torch.nn as nn

torch.manual_seed(0)
d_model = 8
f = nn.Linear(d_model, d_model)

# 1. In place: x += f(x) overwrites the x that f saved for its backward pass.
x = torch.randn(4, d_model, requires_grad=True) * 1.0   # a non-leaf tensor
try:
    x += f(x)
    x.sum().backward()
except RuntimeError as e:
    print("x += f(x): RuntimeError:", str(e).split(":")[0])
x = torch.randn(4, d_model, requires_grad=True) * 1.0
(x + f(x)).sum().backward()                              # out of place: fine
print("x = x + f(x): backward ok")

# 2. The branch must return the stream's width; otherwise project it first.
wide = nn.Linear(d_model, 2 * d_model)
try:
    x + wide(x)
except RuntimeError as e:
    print("width 8 + width 16: RuntimeError:", e)

# 3. Dropout goes on the branch. On the sum it also drops parts of x itself.
drop = nn.Dropout(0.5).train()
x = torch.ones(1000, d_model)
branch_zero = torch.zeros(1000, d_model)      # a branch that adds nothing
print("x + dropout(f(x)) keeps x:     ", torch.equal(x + drop(branch_zero), x))
lost = (drop(x + branch_zero) == 0).float().mean().item()
print(f"dropout(x + f(x)) zeroes {lost:.0%} of the stream itself")
