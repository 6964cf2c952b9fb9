import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Linear(10, 5)
x, y = torch.randn(32, 10), torch.randint(0, 5, (32,))

# Summing losses as tensors keeps every step's graph alive; .item() keeps a number.
total = 0
for _ in range(3):
    total = total + F.cross_entropy(model(x), y)
print(
    "sum of loss tensors:",
    type(total).__name__,
    "with a graph:",
    total.grad_fn is not None,
)
total = sum(F.cross_entropy(model(x), y).item() for _ in range(3))
print("sum of loss.item():", type(total).__name__)

# Evaluation under torch.no_grad() builds no graph (less memory, faster).
out = model(x)
print("outside no_grad: requires_grad =", out.requires_grad)
with torch.no_grad():
    print("inside no_grad:  requires_grad =", model(x).requires_grad)

# A loss that is nan stays nan: one bad step and every weight is nan afterwards.
opt = torch.optim.SGD(model.parameters(), lr=0.1)
bad = F.cross_entropy(model(x) * float("nan"), y)
bad.backward()
opt.step()
print(
    "after one step on a nan loss, weights contain nan:",
    bool(torch.isnan(model.weight).any()),
)
