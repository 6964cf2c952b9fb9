import torch
import torch.nn as nn
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
B, T, d_model, eps = 2, 4, 8, 1e-5
x = torch.randn(B, T, d_model, generator=g) * 3 + 1


def layer_norm(x, gain, bias, eps):
    mean = x.mean(-1, keepdim=True)
    var = x.var(-1, keepdim=True, correction=0)        # biased variance
    return (x - mean) / torch.sqrt(var + eps) * gain + bias


def rms_norm(x, gain, eps):
    return x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + eps) * gain


ln = nn.LayerNorm(d_model, eps=eps)
rms = nn.RMSNorm(d_model, eps=eps)                    # pass eps (see the pitfalls)
with torch.no_grad():                                 # non-trivial gain and bias
    ln.weight.copy_(torch.randn(d_model, generator=g))
    ln.bias.copy_(torch.randn(d_model, generator=g))
    rms.weight.copy_(torch.randn(d_model, generator=g))

mine = layer_norm(x, ln.weight, ln.bias, eps)
torch.testing.assert_close(mine, ln(x))
torch.testing.assert_close(mine, F.layer_norm(x, (d_model,), ln.weight, ln.bias, eps))
torch.testing.assert_close(rms_norm(x, rms.weight, eps), rms(x))
torch.testing.assert_close(rms_norm(x, rms.weight, eps),
                           F.rms_norm(x, (d_model,), rms.weight, eps))
print("LayerNorm by hand == nn.LayerNorm == F.layer_norm")
print("RMSNorm by hand == nn.RMSNorm == F.rms_norm")

# The backward pass by hand. With xhat = (x - mean) / sigma and dxhat = dy * gain:
#   dx = (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) / sigma
x = x.clone().requires_grad_(True)
dy = torch.randn(B, T, d_model, generator=g)          # any upstream gradient
ln(x).backward(dy)
sigma = torch.sqrt(x.var(-1, keepdim=True, correction=0) + eps).detach()
xhat = ((x - x.mean(-1, keepdim=True)) / sigma).detach()
dxhat = dy * ln.weight.detach()
dx = (dxhat - dxhat.mean(-1, keepdim=True)
      - xhat * (dxhat * xhat).mean(-1, keepdim=True)) / sigma
torch.testing.assert_close(dx, x.grad)
torch.testing.assert_close((dy * xhat).sum((0, 1)), ln.weight.grad)   # d gain
torch.testing.assert_close(dy.sum((0, 1)), ln.bias.grad)              # d bias

# RMSNorm's backward: with r = rms(x) and dxhat = dy * gain,
#   dx = (dxhat - xhat * mean(dxhat * xhat)) / r, xhat = x / r
x.grad = None
rms(x).backward(dy)
r = torch.sqrt(x.pow(2).mean(-1, keepdim=True) + eps).detach()
xhat = (x / r).detach()
dxhat = dy * rms.weight.detach()
torch.testing.assert_close((dxhat - xhat * (dxhat * xhat).mean(-1, keepdim=True)) / r,
                           x.grad)
print("backward by hand == autograd, for LayerNorm (x, gain, bias) and RMSNorm (x)")
