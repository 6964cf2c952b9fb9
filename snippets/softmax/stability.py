import math

import torch
import torch.nn.functional as F

print("largest float32:", torch.finfo(torch.float32).max)
print("its log, the largest x with finite exp(x):", round(math.log(torch.finfo(torch.float32).max), 4))
print("exp(88.7) =", torch.tensor(88.7).exp().item(), "  exp(88.8) =", torch.tensor(88.8).exp().item())

z = torch.tensor([89.0, 90.0, 91.0])                  # float32 logits, a bit too large
naive = z.exp() / z.exp().sum()                       # inf / inf
stable = (z - z.max()).exp() / (z - z.max()).exp().sum()
print("naive :", naive)
print("stable:", stable)
print("F.softmax:", F.softmax(z, dim=0))
torch.testing.assert_close(stable, F.softmax(z, dim=0))
