import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)

# One causal head, T = 6, d_k = 4; dO is the gradient arriving from above.
T, d_k = 6, 4
Q, K, V, dO = (torch.randn(T, d_k, generator=g, dtype=torch.float64) for _ in range(4))
Q, K, V = (t.requires_grad_() for t in (Q, K, V))
O = F.scaled_dot_product_attention(Q, K, V, is_causal=True)
O.backward(dO)

# What the forward pass kept: O and one LSE per query. Recompute A from them.
with torch.no_grad():
    S = Q @ K.T / math.sqrt(d_k)
    S = S.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
    lse = torch.logsumexp(S, dim=-1)  # saved by the forward pass (FlashAttention-2)
    A = torch.exp(S - lse[:, None])  # the probabilities again, without a softmax
    dV = A.T @ dO
    dA = dO @ V.T
    D = (dO * O).sum(dim=-1)  # one number per query, from O: no row of A needed
    torch.testing.assert_close(D, (dA * A).sum(dim=-1))  # the same row sum
    dS = A * (dA - D[:, None])
    dQ = dS @ K / math.sqrt(d_k)
    dK = dS.T @ Q / math.sqrt(d_k)
for name, mine, t in (("dQ", dQ, Q), ("dK", dK, K), ("dV", dV, V)):
    torch.testing.assert_close(mine, t.grad)
    print(f"{name} from O, dO and the LSE == autograd's, largest |entry| "
          f"{t.grad.abs().max().item():.4f}")
print("D_i = dO_i . O_i:", [round(x, 4) for x in D.tolist()])
