import math

import torch

torch.manual_seed(0)


# --- the routed MoE layer
def expert(x, W_gate, W_up, W_down):
    """One expert: a SwiGLU feed-forward network, (n, d_model) -> (n, d_model)."""
    z = x @ W_gate
    return (z * torch.sigmoid(z)) * (x @ W_up) @ W_down


def moe(x, W_r, experts, k):
    """x (N, d_model) tokens, W_r (d_model, E) the router, experts: E triples
    (W_gate, W_up, W_down). Every token goes to its k best experts. Returns the
    output, the router's probabilities and its choices."""
    p = torch.softmax(x @ W_r, dim=-1)  # (N, E) router probabilities
    top_p, top_e = p.topk(k, dim=-1)  # (N, k) the k largest, and which experts
    q = top_p / top_p.sum(dim=-1, keepdim=True)  # renormalised: rows sum to 1
    out = torch.zeros_like(x)
    for e, (W_gate, W_up, W_down) in enumerate(experts):
        tok, slot = torch.where(top_e == e)  # the tokens that chose expert e
        y = expert(x[tok], W_gate, W_up, W_down)  # computed for those only
        out.index_add_(0, tok, y * q[tok, slot, None])  # added back, weighted
    return out, p, top_e


def load_balancing_loss(p, top_e, E):
    """E * sum_e f_e * mean_p_e: f_e the share of tokens sent to expert e."""
    f = torch.bincount(top_e.flatten(), minlength=E) / len(p)
    mean_p = p.mean(dim=0)
    return E * (f * mean_p).sum()


# --- end of the routed MoE layer

N, d_model, d_ff, E, k = 6, 8, 16, 4, 2
x = torch.randn(N, d_model)
W_r = 0.5 * torch.randn(d_model, E)
experts = [
    (torch.randn(d_model, d_ff), torch.randn(d_model, d_ff), torch.randn(d_ff, d_model))
    for _ in range(E)
]
out, p, top_e = moe(x, W_r, experts, k)
print(f"x {tuple(x.shape)}, W_r {tuple(W_r.shape)}, {E} experts, top-{k}")
print("token  router probabilities p         chosen  weights q")
for n in range(N):
    q = p[n, top_e[n]] / p[n, top_e[n]].sum()
    print(f"{n:5}  {' '.join(f'{v:.3f}' for v in p[n])}   {top_e[n].tolist()}  "
          f"{' '.join(f'{v:.3f}' for v in q)}")

# The same layer as a dense loop: every expert on every token, weighted by a
# (N, E) gate matrix that is 0 for the experts a token did not choose.
gates = torch.zeros(N, E).scatter(1, top_e, p.gather(1, top_e))
gates = gates / gates.sum(dim=1, keepdim=True)
dense = sum(gates[:, [e]] * expert(x, *experts[e]) for e in range(E))
torch.testing.assert_close(out, dense)
print("routed (index_add) == dense loop over all experts:", out.shape)
print(f"expert FLOPs: routed {N * k} token-expert pairs, dense {N * E}")

loss = load_balancing_loss(p, top_e, E)
print(f"tokens per expert {torch.bincount(top_e.flatten(), minlength=E).tolist()}, "
      f"load-balancing loss {loss:.3f} (perfect balance: {k})")

# Capacity: an expert takes at most ceil(factor * N * k / E) tokens; the rest of
# its tokens are dropped (they skip the layer; only the residual carries them).
N = 1024
bias = torch.tensor([0.6, 0.2, 0.0, -0.4])  # a router that prefers expert 0
p = torch.softmax(torch.randn(N, E) + bias, dim=-1)
top_e = p.topk(k, dim=-1).indices
load = torch.bincount(top_e.flatten(), minlength=E)
print(f"{N} tokens, top-{k}: tokens per expert {load.tolist()}")
for factor in (1.0, 1.25, 2.0):
    cap = math.ceil(factor * N * k / E)
    dropped = (load - cap).clamp(min=0).sum().item()
    print(f"capacity factor {factor:4}: capacity {cap:4}, dropped {dropped:4} of "
          f"{N * k} token-expert pairs ({dropped / (N * k):.1%})")
