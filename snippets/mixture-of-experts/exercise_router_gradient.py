import torch

torch.set_num_threads(1)
torch.manual_seed(0)
torch.set_default_dtype(torch.float64)  # so that "zero" is zero to 1e-12
N, d_model, d_ff, E = 4, 8, 16, 4
x = torch.randn(N, d_model)
experts = [(torch.randn(d_model, d_ff), torch.randn(d_model, d_ff),
            torch.randn(d_ff, d_model)) for _ in range(E)]
ffn = torch.stack([((x @ Wg) * torch.sigmoid(x @ Wg)) * (x @ Wu) @ Wd
                   for Wg, Wu, Wd in experts], dim=1)  # (N, E, d_model): all outputs
z0 = torch.randn(N, E)  # the router's logits, x W_r
dout = torch.randn(N, d_model)  # the gradient arriving from the loss


def router_grad(k, renormalise):
    """Gradient of the loss with respect to the router logits, through top-k."""
    z = z0.clone().requires_grad_()
    p = torch.softmax(z, dim=-1)
    top_p, top_e = p.topk(k, dim=-1)
    q = top_p / top_p.sum(-1, keepdim=True) if renormalise else top_p
    out = (q[..., None] * ffn.gather(1, top_e[..., None].expand(-1, -1, d_model)))
    out.sum(1).backward(dout)
    chosen = torch.zeros(N, E, dtype=torch.bool).scatter(1, top_e, True)
    return z.grad, chosen


g, chosen = router_grad(2, renormalise=True)  # Mixtral
zero = torch.zeros(N, E)
torch.testing.assert_close(g[~chosen], zero[~chosen], rtol=0, atol=1e-12)
assert (g[chosen].abs() > 0.1).all()
# on the chosen pair, +g and -g: each row sums to 0
torch.testing.assert_close(g.sum(-1), torch.zeros(N), rtol=0, atol=1e-12)
print("top-2, renormalised: gradient 0 on each token's 2 unchosen logits, "
      "+g and -g on the chosen pair")
print(g.numpy().round(4) + 0.0)  # + 0.0 turns -0.0 into 0.0
g, _ = router_grad(1, renormalise=True)
torch.testing.assert_close(g, zero, rtol=0, atol=1e-12)
print("top-1, renormalised: the weight is always 1, every router gradient below "
      "1e-12:", (g.abs() < 1e-12).all().item())
g, _ = router_grad(1, renormalise=False)  # Switch Transformer
assert (g.abs() > 1e-3).all()
print("top-1, p_e not renormalised (Switch): smallest |gradient| on a logit",
      round(g.abs().min().item(), 4))
