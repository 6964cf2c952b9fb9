import torch

torch.set_num_threads(1)
torch.manual_seed(0)
N, E, k = 1024, 4, 2
bias = torch.tensor([0.6, 0.2, 0.0, -0.4])  # a router that prefers expert 0
z = (torch.randn(N, E, dtype=torch.float64) + bias).requires_grad_()
p = torch.softmax(z, dim=-1)
top_e = p.topk(k, dim=-1).indices
f = torch.bincount(top_e.flatten(), minlength=E) / N  # counted: no gradient
loss = E * (f * p.mean(dim=0)).sum()  # the page's load-balancing loss
loss.backward()

# By hand: dL/dz_ie = (E / N) p_ie (f_e - sum_j f_j p_ij)
by_hand = E / N * p * (f - (p * f).sum(-1, keepdim=True))
torch.testing.assert_close(by_hand, z.grad)
print("f_e (share of choices):", [round(v, 4) for v in f.tolist()],
      "sum", round(f.sum().item(), 4))
print("gradient == autograd; mean gradient on each expert's logit (x 1e6):",
      [round(v * 1e6, 1) for v in z.grad.mean(0).tolist()])
# a step of gradient descent lowers the logits of the busiest experts
busy = f > f.mean()
assert (z.grad.mean(0)[busy] > 0).all() and (z.grad.mean(0)[~busy] < 0).all()
print("busier than average:", busy.tolist(), "-> logit pushed down")
