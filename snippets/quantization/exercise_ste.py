import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
W = torch.randn(4, 16, generator=g)
scale = torch.tensor([0.1, 0.2, 0.3, 0.5])  # small enough that some weights clamp
zero_point = torch.zeros(4, dtype=torch.int32)
qmin, qmax = -8, 7  # int4
dY = torch.randn(4, 16, generator=g)  # the gradient arriving from the loss

# 1. The rounding itself: a staircase, flat almost everywhere.
w = W.clone().requires_grad_()
torch.round(w / scale[:, None]).backward(dY)
assert (w.grad == 0).all()
print("gradient through torch.round: all zero:", (w.grad == 0).all().item())

# 2. PyTorch's fake quantization passes the gradient straight through...
w = W.clone().requires_grad_()
W_hat = torch.fake_quantize_per_channel_affine(w, scale, zero_point, 0, qmin, qmax)
W_hat.backward(dY)
torch_grad = w.grad

# 3. ... and by hand: the forward value of W_hat, the gradient of the identity,
# except where the integer was clamped (there W_hat does not move with w).
w = W.clone().requires_grad_()
q = torch.round(w / scale[:, None])  # zero point 0
inside = (q >= qmin) & (q <= qmax)
W_q = q.clamp(qmin, qmax) * scale[:, None]
ste = W_q.detach() + (w - w.detach()) * inside  # value W_q, slope 1 inside, 0 outside
ste.backward(dY)
torch.testing.assert_close(ste, W_hat)
torch.testing.assert_close(w.grad, torch_grad)
assert (torch_grad[inside] == dY[inside]).all() and (torch_grad[~inside] == 0).all()
print(f"straight-through by hand == fake_quantize_per_channel_affine's backward; "
      f"{(~inside).sum().item()} of {inside.numel()} weights clamped, gradient 0")
