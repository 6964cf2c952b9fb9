import torch

g = torch.Generator().manual_seed(0)
# (B, T, d_model) = (1, 3, 6): three tokens whose vectors have very different
# means and scales, as activations deep in a network can have.
x = torch.randn(1, 3, 6, generator=g) * torch.tensor([[[1.0], [10.0], [0.1]]]) \
    + torch.tensor([[[0.0], [5.0], [-2.0]]])
gain, bias, eps = torch.ones(6), torch.zeros(6), 1e-5     # the layer's parameters

# LayerNorm: per token, subtract the mean and divide by the standard deviation
# of its own d_model numbers (biased variance: divide by d_model, not d_model - 1).
mean = x.mean(dim=-1, keepdim=True)                       # (B, T, 1)
var = ((x - mean) ** 2).mean(dim=-1, keepdim=True)        # (B, T, 1)
layer_norm = (x - mean) / torch.sqrt(var + eps) * gain + bias

# RMSNorm: no mean to subtract and no bias: divide by the root mean square.
rms = torch.sqrt((x**2).mean(dim=-1, keepdim=True) + eps)
rms_norm = x / rms * gain

for name, t in (("input", x), ("LayerNorm", layer_norm), ("RMSNorm", rms_norm)):
    means = [round(v, 3) + 0.0 for v in t.mean(-1)[0].tolist()]
    print(f"{name:9} per-token mean {means}"
          f"  std {[round(v, 3) for v in t.std(-1, correction=0)[0].tolist()]}")
print("RMSNorm: root mean square per token",
      [round(v, 3) for v in rms_norm.pow(2).mean(-1).sqrt()[0].tolist()])
