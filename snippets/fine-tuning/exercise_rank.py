import math

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
base = nn.Linear(64, 64).requires_grad_(False)
x, target = torch.randn(5, 64), torch.randn(5, 64)  # 5 inputs, 5 targets

# What the update must add to the outputs: R = target - base(x), a 5 x 64 matrix.
# x has 5 independent rows, so x dW^T can be any 5 x 64 matrix of rank <= r: the
# best is R cut to its r largest singular values (Eckart-Young), and what is left
# over is the sum of the others squared.
R = target - base(x)
sv = torch.linalg.svdvals(R)
for r in (4, 5):
    floor = (sv[r:] ** 2).sum().item() / R.numel()  # the mean squared error left
    A = nn.Parameter(torch.empty(r, 64))
    nn.init.kaiming_uniform_(A, a=math.sqrt(5))
    B = nn.Parameter(torch.zeros(64, r))
    opt = torch.optim.Adam([A, B], lr=3e-2)
    for _ in range(1000):
        loss = ((base(x) + (x @ A.T) @ B.T - target) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    rank = torch.linalg.matrix_rank(B.detach() @ A.detach()).item()
    print(f"r = {r}: loss after training {loss.item():.4f}, "
          f"floor by SVD {floor:.4f}, rank of B A = {rank}")
    assert rank <= r and abs(loss.item() - floor) < 1e-3
