import torch
import torch.nn as nn

g = torch.Generator().manual_seed(0)
x = torch.randn(3, 16, generator=g) * 0.01      # small activations: eps matters most
eps = 1e-5
mean = x.mean(-1, keepdim=True)
std = x.std(-1, keepdim=True, correction=0)

inside = (x - mean) / torch.sqrt(std**2 + eps)  # PyTorch, GPT-2: eps inside the root
outside = (x - mean) / (std + eps)              # some older code: eps added to the std
rms = nn.RMSNorm(16, eps=eps)(x)                # Llama: no centring, no bias
torch.testing.assert_close(inside, nn.LayerNorm(16, eps=eps)(x))
print(f"std of the activations: {std.mean().item():.4f}")
print(f"eps inside vs outside the square root: max difference "
      f"{(inside - outside).abs().max().item():.4f}")
print(f"LayerNorm vs RMSNorm on the same input: max difference "
      f"{(inside - rms).abs().max().item():.4f}")
