# The routed layer from scratch against Hugging Face transformers' Mixtral block
# (MixtralSparseMoeBlock) loaded with the same weights, for several sizes, top-k and
# seeds; the load-balancing loss against transformers' load_balancing_loss_func.
import torch
from transformers import MixtralConfig
from transformers.models.mixtral.modeling_mixtral import (
    MixtralSparseMoeBlock,
    load_balancing_loss_func,
)


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


def mixtral_block(W_r, experts, k):
    """A MixtralSparseMoeBlock holding the same weights, in transformers' layout."""
    (d_model, E), d_ff = W_r.shape, experts[0][0].shape[1]
    config = MixtralConfig(hidden_size=d_model, intermediate_size=d_ff,
                           num_local_experts=E, num_experts_per_tok=k)
    config._experts_implementation = "eager"  # the loop over experts, with index_add
    block = MixtralSparseMoeBlock(config).eval()
    with torch.no_grad():
        block.gate.weight.copy_(W_r.T)  # (E, d_model): an nn.Linear's layout
        for e, (W_gate, W_up, W_down) in enumerate(experts):
            # one fused (2 d_ff, d_model) matrix per expert: gate rows, then up rows
            block.experts.gate_up_proj[e].copy_(torch.cat([W_gate.T, W_up.T]))
            block.experts.down_proj[e].copy_(W_down.T)  # (d_model, d_ff)
    return block


print(f"{'E':>2} {'top-k':>5} {'d_model':>7} {'d_ff':>4} {'tokens':>6} {'seed':>4}  "
      "max |mine - Mixtral|  aux loss (mine, transformers)")
for E, k, d_model, d_ff, (B, T), seed in [
    (4, 2, 8, 16, (2, 5), 0),
    (4, 1, 8, 16, (3, 4), 1),
    (8, 2, 16, 24, (2, 7), 2),
    (8, 3, 16, 24, (1, 9), 3),
    (6, 4, 12, 8, (4, 3), 4),
]:
    g = torch.Generator().manual_seed(seed)
    W_r = torch.randn(d_model, E, generator=g)
    experts = [
        tuple(0.3 * torch.randn(*s, generator=g)
              for s in [(d_model, d_ff), (d_model, d_ff), (d_ff, d_model)])
        for _ in range(E)
    ]
    x = torch.randn(B, T, d_model, generator=g)
    mine, p, top_e = moe(x.reshape(B * T, d_model), W_r, experts, k)
    with torch.no_grad():
        theirs = mixtral_block(W_r, experts, k)(x).reshape(B * T, d_model)
    torch.testing.assert_close(mine, theirs)

    # Two layers' router logits: transformers pools them, as one batch of 2 B T rows.
    x2 = torch.randn(B * T, d_model, generator=g)
    _, p2, top_e2 = moe(x2, W_r, experts, k)
    aux = load_balancing_loss(torch.cat([p, p2]), torch.cat([top_e, top_e2]), E)
    aux_theirs = load_balancing_loss_func((x.reshape(-1, d_model) @ W_r, x2 @ W_r),
                                          num_experts=E, top_k=k)
    torch.testing.assert_close(aux, aux_theirs)
    one = load_balancing_loss(p, top_e, E)
    torch.testing.assert_close(one, load_balancing_loss_func(
        (x.reshape(-1, d_model) @ W_r,), num_experts=E, top_k=k))
    print(f"{E:2} {k:5} {d_model:7} {d_ff:4} {B * T:6} {seed:4}  "
          f"{(mine - theirs).abs().max():20.1e}  {aux:.4f} == {aux_theirs:.4f}")
print("routed layer == MixtralSparseMoeBlock, loss == load_balancing_loss_func")
