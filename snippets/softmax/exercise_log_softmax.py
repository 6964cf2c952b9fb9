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
