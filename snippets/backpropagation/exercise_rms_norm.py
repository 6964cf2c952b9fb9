import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)  # float64: differences are rounding, not bugs
g = torch.Generator().manual_seed(0)
T, d = 5, 48
x, gain, y_bar = (torch.randn(T, d, generator=g) + 1, torch.randn(d, generator=g),
                  torch.randn(T, d, generator=g))
eps = 1e-5


def rms_norm_backward(x, gain, y_bar, eps=1e-5):  # y = gain * x / rms(x)
    rstd = (x.pow(2).mean(dim=-1, keepdim=True) + eps).rsqrt()  # 1 / rms
    x_hat = x * rstd
    h = y_bar * gain  # the gradient with respect to x_hat
    x_bar = rstd * (h - x_hat * (h * x_hat).mean(dim=-1, keepdim=True))  # no mean(h)
    return x_bar, (y_bar * x_hat).sum(dim=0)  # x_bar, gain_bar


def layer_norm_style(x, gain, y_bar, eps=1e-5):  # the layer norm's formula, as is
    rstd = (x.pow(2).mean(dim=-1, keepdim=True) + eps).rsqrt()
    x_hat = x * rstd
    h = y_bar * gain
    mean = lambda t: t.mean(dim=-1, keepdim=True)
    return rstd * (h - mean(h) - x_hat * mean(h * x_hat))


xr, gr = x.clone().requires_grad_(True), gain.clone().requires_grad_(True)
F.rms_norm(xr, (d,), gr, eps=eps).backward(y_bar)
x_bar, gain_bar = rms_norm_backward(x, gain, y_bar)
torch.testing.assert_close(x_bar, xr.grad)
torch.testing.assert_close(gain_bar, gr.grad)
off = (layer_norm_style(x, gain, y_bar) - xr.grad).abs().max()
assert off > 1e-2
print("rms_norm_backward == F.rms_norm's autograd: x_bar and gain_bar (float64)")
print(f"with the layer norm's mean(h) term kept: off by up to {off:.3f}")
