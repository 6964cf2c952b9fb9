import torch
import torch.nn as nn
import torch.nn.functional as F
from transformers.models.llama.modeling_llama import LlamaRMSNorm


# --- LayerNorm and RMSNorm from scratch
def layer_norm(x, gain, bias, eps):
    """Per token: subtract the mean, divide by the standard deviation (biased:
    divide by d_model, not d_model - 1), then scale by the gain, add the bias."""
    mean = x.mean(dim=-1, keepdim=True)                   # (B, T, 1)
    var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)    # (B, T, 1)
    return (x - mean) / torch.sqrt(var + eps) * gain + bias


def rms_norm(x, gain, eps):
    """Per token: no mean to subtract and no bias: divide by the root mean square."""
    rms = torch.sqrt((x**2).mean(dim=-1, keepdim=True) + eps)   # (B, T, 1)
    return x / rms * gain


# --- end of LayerNorm and RMSNorm from scratch

g = torch.Generator().manual_seed(0)
cases = [  # (B, T, d_model), scale and offset of the activations, eps
    ((2, 6, 12), 0.01, 0.005, 1e-5),     # small activations: eps matters
    ((1, 3, 32), 0.003, 0.0, 1e-6),
    ((2, 4, 8), 3.0, 1.0, 1e-5),
    ((3, 5, 16), 1.0, -2.0, 1e-6),
]
for shape, scale, offset, eps in cases:
    d_model = shape[-1]
    x = torch.randn(shape, generator=g) * scale + offset
    ln = nn.LayerNorm(d_model, eps=eps)
    rms = nn.RMSNorm(d_model, eps=eps)                # pass eps (see the pitfalls)
    llama = LlamaRMSNorm(d_model, eps=eps)            # Hugging Face's Llama norm
    with torch.no_grad():                             # non-trivial gains and bias
        ln.weight.copy_(torch.randn(d_model, generator=g))
        ln.bias.copy_(torch.randn(d_model, generator=g))
        rms.weight.copy_(torch.randn(d_model, generator=g))
        llama.weight.copy_(rms.weight)
        mine = layer_norm(x, ln.weight, ln.bias, eps)
        torch.testing.assert_close(mine, ln(x))
        torch.testing.assert_close(mine, F.layer_norm(x, (d_model,), ln.weight,
                                                      ln.bias, eps))
        mine = rms_norm(x, rms.weight, eps)
        torch.testing.assert_close(mine, rms(x))
        torch.testing.assert_close(mine, F.rms_norm(x, (d_model,), rms.weight, eps))
        torch.testing.assert_close(mine, llama(x))
print(f"{len(cases)} shapes and scales: LayerNorm by hand == nn.LayerNorm == "
      "F.layer_norm")
print(f"{len(cases)} shapes and scales: RMSNorm by hand == nn.RMSNorm == F.rms_norm "
      "== transformers' LlamaRMSNorm")

# The backward pass by hand. With xhat = (x - mean) / sigma and h = dy * gain:
#   dx = (h - mean(h) - xhat * mean(h * xhat)) / sigma
B, T, d_model, eps = 2, 4, 8, 1e-5
x = (torch.randn(B, T, d_model, generator=g) * 3 + 1).requires_grad_(True)
dy = torch.randn(B, T, d_model, generator=g)          # any upstream gradient
ln = nn.LayerNorm(d_model, eps=eps)
rms = nn.RMSNorm(d_model, eps=eps)
with torch.no_grad():
    for p in (ln.weight, ln.bias, rms.weight):
        p.copy_(torch.randn(d_model, generator=g))
ln(x).backward(dy)
xd = x.detach()
sigma = torch.sqrt(xd.var(-1, keepdim=True, correction=0) + eps)
xhat = (xd - xd.mean(-1, keepdim=True)) / sigma
h = dy * ln.weight.detach()
dx = (h - h.mean(-1, keepdim=True) - xhat * (h * xhat).mean(-1, keepdim=True)) / sigma
torch.testing.assert_close(dx, x.grad)
torch.testing.assert_close((dy * xhat).sum((0, 1)), ln.weight.grad)   # d gain
torch.testing.assert_close(dy.sum((0, 1)), ln.bias.grad)              # d bias

# RMSNorm's backward: with r = rms(x), xhat = x / r and h = dy * gain,
#   dx = (h - xhat * mean(h * xhat)) / r
x.grad = None
rms(x).backward(dy)
r = torch.sqrt(xd.square().mean(-1, keepdim=True) + eps)
xhat = xd / r
h = dy * rms.weight.detach()
torch.testing.assert_close((h - xhat * (h * xhat).mean(-1, keepdim=True)) / r, x.grad)
print("backward by hand == autograd, for LayerNorm (x, gain, bias) and RMSNorm (x)")
