import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)


def absmax_quant(w, bits):
    """Symmetric per-row quantization, as on this page: returns W_hat and the steps."""
    qmax = 2 ** (bits - 1) - 1
    scale = w.abs().amax(dim=1, keepdim=True) / qmax
    return (torch.round(w / scale).clamp(-qmax, qmax) * scale), scale


W = 0.02 * torch.randn(64, 4096, generator=g)  # 64 rows of normally distributed weights
x = torch.randn(4096, 200, generator=g)  # 200 input vectors
print("bits  MSE / (step^2 / 12)   output error variance / (step^2/12 * |x|^2)")
mse = {}
for bits in (8, 6, 4):
    W_hat, step = absmax_quant(W, bits)
    err = W_hat - W
    mse[bits] = err.pow(2).mean()
    ratio = (err.pow(2).mean(dim=1, keepdim=True) / (step**2 / 12)).mean()
    # y = W x: each output sums 4096 independent rounding errors times x_j
    out_var = (err @ x).pow(2).mean(dim=1, keepdim=True)
    pred = step**2 / 12 * x.pow(2).sum(dim=0).mean()
    out_ratio = (out_var / pred).mean()
    assert abs(ratio - 1) < 0.05 and abs(out_ratio - 1) < 0.05
    print(f"{bits:4}  {ratio:19.4f}   {out_ratio:.4f}")
for a, b in ((8, 6), (6, 4)):
    factor = (mse[b] / mse[a]).item()
    want = ((2 ** (a - 1) - 1) / (2 ** (b - 1) - 1)) ** 2  # (q_max ratio)^2
    assert abs(factor / want - 1) < 0.05
    print(f"int{b} / int{a} squared error: {factor:.2f}, (q_max ratio)^2 = {want:.2f}")
