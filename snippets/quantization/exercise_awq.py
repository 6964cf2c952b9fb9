import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)


def absmax_quant(w, bits):
    """Symmetric per-row quantization, as on this page."""
    qmax = 2 ** (bits - 1) - 1
    scale = w.abs().amax(dim=1, keepdim=True) / qmax
    return torch.round(w / scale).clamp(-qmax, qmax) * scale


d_out, d_in, j = 256, 512, 7
W = 0.02 * torch.randn(d_out, d_in, generator=g)
x = torch.randn(d_in, 1000, generator=g)
x[j] *= 30  # one input channel meets large activations: the salient one
y = W @ x

print(f"   s  rows whose scale column j sets (of {d_out})   output error (RMS), int4")
errors = {}
for s in (1, 2, 4, 8, 32):
    scale = torch.ones(d_in)
    scale[j] = s
    W_s = W * scale  # column j multiplied by s ...
    x_s = x / scale[:, None]  # ... and its activation divided by s
    torch.testing.assert_close(W_s @ x_s, y)  # unquantized: nothing changes
    errors[s] = (absmax_quant(W_s, 4) @ x_s - y).pow(2).mean().sqrt().item()
    sets = (W_s.abs().argmax(dim=1) == j).sum().item()
    print(f"{s:4}  {sets:36}   {errors[s]:.4f}")
best = min(errors, key=errors.get)
assert errors[2] < errors[1] and 1 < best < 32 and errors[32] > 3 * errors[1]
print(f"best s = {best}: error {errors[best] / errors[1]:.2f} times that of s = 1")
