import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
B, T, d_model, eps = 2, 3, 16, 1e-5
x = (torch.randn(B, T, d_model) * 4 + 2) / 1000      # small: variance near eps
gain = torch.randn(d_model)

ln = nn.LayerNorm(d_model, eps=eps, bias=False)        # gain only, no bias
rms = nn.RMSNorm(d_model, eps=eps)                     # pass eps: its default differs
with torch.no_grad():
    ln.weight.copy_(gain)
    rms.weight.copy_(gain)

centred = x - x.mean(dim=-1, keepdim=True)
# The mean square of a centred vector is its (biased) variance, so the RMS of
# x - mu is sqrt(sigma^2 + eps): the same denominator as LayerNorm's.
torch.testing.assert_close(centred.pow(2).mean(-1), x.var(-1, correction=0))
torch.testing.assert_close(rms(centred), ln(x))
assert not torch.allclose(rms(x), ln(x))               # without centring: no
print("max |RMSNorm(x - mean) - LayerNorm(x)|:",
      f"{(rms(centred) - ln(x)).abs().max().item():.1e}")
print("max |RMSNorm(x) - LayerNorm(x)|:",
      f"{(rms(x) - ln(x)).abs().max().item():.3f}")
