import torch
import torch.nn.functional as F

torch.set_num_threads(1)

z = torch.tensor([1000.0, 0.0, -1000.0])
naive = torch.log(torch.softmax(z, dim=0))  # softmax underflows to 0, and log(0) = -inf
stable = z - torch.logsumexp(z, dim=0)  # log softmax without ever forming the tiny p
torch.testing.assert_close(stable, F.log_softmax(z, dim=0))
assert torch.isinf(naive).sum() == 2 and torch.isfinite(stable).all()
print("log(softmax(z)):", naive.tolist())
print("z - logsumexp(z):", stable.tolist())

# The loss -log p_1 and its gradient, both ways.
for name, log_p in [("naive", lambda v: torch.log(torch.softmax(v, dim=0))),
                    ("stable", lambda v: v - torch.logsumexp(v, dim=0))]:
    zg = z.clone().requires_grad_()
    loss = -log_p(zg)[1]
    loss.backward()
    print(f"{name:6}: loss {loss.item()}, gradient {zg.grad.tolist()}")
    if name == "naive":
        assert loss.item() == float("inf") and torch.isnan(zg.grad).all()
    else:
        assert loss.item() == 1000.0
        assert torch.equal(zg.grad, torch.tensor([1.0, -1.0, 0.0]))  # p - e_1
        ce = F.cross_entropy(z[None], torch.tensor([1]))
        assert ce.item() == loss.item()
