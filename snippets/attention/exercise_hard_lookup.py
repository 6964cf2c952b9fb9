import math

import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
T, d_k = 6, 8
q = torch.randn(d_k, generator=g)             # one query
K = torch.randn(T, d_k, generator=g)          # six keys
V = torch.randn(T, d_k, generator=g)          # and their values
best = (K @ q).argmax()                       # the key that matches q best

w_best = []
for c in (1.0, 10.0, 100.0):                  # scale the query by c
    w = torch.softmax(K @ (c * q) / math.sqrt(d_k), dim=-1)
    w_best.append(w[best].item())
    print(f"c = {c:5.1f}: weights {w.numpy().round(3)}")
# As c grows, all the weight goes to the best key: a hard dictionary lookup.
assert w_best[0] < w_best[1] < w_best[2]      # the best key's share only grows
assert w.argmax() == best and w[best] > 0.999
torch.testing.assert_close(w @ V, V[best], atol=1e-3, rtol=0)
print(f"best key: {best.item()}; output == its value: True")
