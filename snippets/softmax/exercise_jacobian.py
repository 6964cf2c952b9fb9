import torch

torch.set_num_threads(1)

torch.manual_seed(0)
z = torch.randn(5, dtype=torch.float64)
p = torch.softmax(z, dim=0)

# By hand: d p_i / d z_j = p_i (1[i = j] - p_j), that is diag(p) - p p^T.
J = torch.diag(p) - torch.outer(p, p)
J_autograd = torch.autograd.functional.jacobian(lambda v: torch.softmax(v, dim=0), z)
torch.testing.assert_close(J, J_autograd)
assert torch.allclose(J.sum(dim=0), torch.zeros(5, dtype=torch.float64))
print(J.numpy().round(4))
print("each column sums to 0: moving one logit moves no probability mass in or out")
