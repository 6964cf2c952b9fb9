import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)

# One query (a decoding step) of 2 heads against a cache of 12 keys, d_k = 8.
Q = torch.randn(1, 2, 1, 8, generator=g)
K = torch.randn(1, 2, 12, 8, generator=g)
V = torch.randn(1, 2, 12, 8, generator=g)


def part(Q, K, V):
    """Attention over one chunk of the keys: its output and its log-sum-exp."""
    S = Q @ K.transpose(-2, -1) / math.sqrt(Q.shape[-1])
    return F.scaled_dot_product_attention(Q, K, V), torch.logsumexp(S, dim=-1)


# two chunks of unequal size, as two thread blocks would see them
O_a, lse_a = part(Q, K[..., :5, :], V[..., :5, :])
O_b, lse_b = part(Q, K[..., 5:, :], V[..., 5:, :])

# exp(lse_a) * O_a is the unnormalised sum over chunk a: add both, divide by the total
lse = torch.logaddexp(lse_a, lse_b)
O = torch.exp(lse_a - lse)[..., None] * O_a + torch.exp(lse_b - lse)[..., None] * O_b
want, want_lse = part(Q, K, V)  # SDPA and logsumexp over all 12 keys at once
torch.testing.assert_close(O, want)
torch.testing.assert_close(lse, want_lse)
print("merged, weights exp(LSE_a - LSE) and exp(LSE_b - LSE): == SDPA over all 12 keys")

naive = (O_a + O_b) / 2  # the mean of the two outputs
gap = (naive - want).abs().max().item()
assert gap > 0.1
w_a = [round(w, 4) for w in torch.exp(lse_a - lse).flatten().tolist()]
print("weight of chunk a (5 keys), per head:", w_a)
print(f"mean of the two outputs: off by up to {gap:.3f}")
