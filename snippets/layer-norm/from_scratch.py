import torch


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
# (B, T, d_model) = (1, 3, 6): three tokens whose vectors have very different
# means and scales, as activations deep in a network can have.
x = torch.randn(1, 3, 6, generator=g) * torch.tensor([[[1.0], [10.0], [0.1]]]) \
    + torch.tensor([[[0.0], [5.0], [-2.0]]])
gain, bias, eps = torch.ones(6), torch.zeros(6), 1e-5     # the layer's parameters
ln_out, rms_out = layer_norm(x, gain, bias, eps), rms_norm(x, gain, eps)

for name, t in (("input", x), ("LayerNorm", ln_out), ("RMSNorm", rms_out)):
    means = [round(v, 3) + 0.0 for v in t.mean(-1)[0].tolist()]
    print(f"{name:9} per-token mean {means}"
          f"  std {[round(v, 3) for v in t.std(-1, correction=0)[0].tolist()]}")
print("RMSNorm: root mean square per token",
      [round(v, 3) for v in rms_out.pow(2).mean(-1).sqrt()[0].tolist()])
var3 = x[0, 2].var(correction=0).item()
shrink = (var3 / (var3 + eps)) ** 0.5
print(f"token 2: variance {var3:.5f}, eps = 1/{var3 / eps:.0f} of it; "
      f"std after LayerNorm sqrt(var / (var + eps)) = {shrink:.5f}")
