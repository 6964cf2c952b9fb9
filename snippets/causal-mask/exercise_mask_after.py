import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
T, d_k = 5, 4
q, k, v = (torch.randn(T, d_k, generator=g) for _ in range(3))
S = q @ k.T / math.sqrt(d_k)
allowed = torch.tril(torch.ones(T, T, dtype=torch.bool))

p = torch.softmax(S, dim=-1)                       # no mask: every key gets weight
after = p * allowed                                # zero the future afterwards...
print("row sums after zeroing the future:", after.sum(dim=-1).numpy().round(3))
after = after / after.sum(dim=-1, keepdim=True)    # ...and renormalise each row
before = torch.softmax(S.masked_fill(~allowed, float("-inf")), dim=-1)

# exp(S_ij) / sum over allowed j of exp(S_ij): the total of the row cancels.
torch.testing.assert_close(after, before)
torch.testing.assert_close(after @ v, F.scaled_dot_product_attention(
    q[None], k[None], v[None], is_causal=True)[0])
# Without renormalising: every row but the last (nothing masked) sums to less than 1,
# and its output is the right one scaled down by that sum.
sums = (p * allowed).sum(dim=-1)
assert (sums[:-1] < 1).all() and torch.isclose(sums[-1], torch.tensor(1.0))
torch.testing.assert_close(p * allowed @ v, sums[:, None] * (before @ v))
print("masked after the softmax and renormalised == masked before: True")
