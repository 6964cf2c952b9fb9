import math

import torch
import torch.nn.functional as F

print("largest float32:", torch.finfo(torch.float32).max)
limit = math.log(torch.finfo(torch.float32).max)
print("its log, the largest x with a finite exp(x):", round(limit, 4))
for x in (88.7, 88.8):
    print(f"exp({x}) in float32 =", torch.tensor(x).exp().item())

z = torch.tensor([89.0, 90.0, 91.0])                  # float32 logits, a bit too large
naive = z.exp() / z.exp().sum()                       # inf / inf
stable = (z - z.max()).exp() / (z - z.max()).exp().sum()
print("naive :", naive)
print("stable:", stable)
print("F.softmax:", F.softmax(z, dim=0))
torch.testing.assert_close(stable, F.softmax(z, dim=0))

# Exactly 0 and exactly 1: in exact arithmetic every output is strictly
# between 0 and 1, but exp(-110) is below the smallest float32.
tiny = F.softmax(torch.tensor([0.0, 110.0]), dim=0)
print("softmax([0, 110]) in float32:", tiny.tolist())
print("exactly 0 and exactly 1:", tiny[0].item() == 0.0, tiny[1].item() == 1.0)
