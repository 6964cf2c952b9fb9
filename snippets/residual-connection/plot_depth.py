import math

import matplotlib.pyplot as plt
import torch
import torch.nn as nn

# A stack of 24 layers at initialisation, each an MLP sublayer (Linear, GELU,
# Linear) with a LayerNorm. We measure the size of the stream after each layer and
# the gradient that reaches the stream at each depth, for a loss on the output.
L, d_model = 24, 64
g = torch.Generator().manual_seed(1)
x0 = torch.randn(256, d_model, generator=g)       # 256 token vectors
r = torch.randn(256, d_model, generator=g)        # the loss: (output * r).mean()


def make_layers(gpt2_init):
    torch.manual_seed(0)                          # the same weights for every variant
    layers = []
    for _ in range(L):
        up, down = nn.Linear(d_model, 4 * d_model), nn.Linear(4 * d_model, d_model)
        if gpt2_init:   # N(0, 0.02), the projection into the stream / sqrt(2L), bias 0
            nn.init.normal_(up.weight, std=0.02)
            nn.init.normal_(down.weight, std=0.02 / math.sqrt(2 * L))
            nn.init.zeros_(up.bias)
            nn.init.zeros_(down.bias)
        layers.append((nn.LayerNorm(d_model), nn.Sequential(up, nn.GELU(), down)))
    return layers


def run(kind, gpt2_init=True):
    x = x0.clone().requires_grad_(True)
    streams = [x]
    for ln, mlp in make_layers(gpt2_init):
        if kind == "post":          # LN(x + f(x))
            x = ln(x + mlp(x))
        elif kind == "none":        # f(LN(x)): no residual path
            x = mlp(ln(x))
        else:                       # x + f(LN(x))
            x = x + mlp(ln(x))
        x.retain_grad()
        streams.append(x)
    (x * r).mean().backward()
    sizes = [s.detach().pow(2).mean().sqrt().item() for s in streams]
    grads = [s.grad.norm().item() for s in streams]
    return sizes, grads


runs = {   # GPT-2's initialisation, except the last run (nn.Linear's default)
    "pre-LN, x + f(LN(x))": run("pre"),
    "post-LN, LN(x + f(x))": run("post"),
    "no residual path, f(LN(x))": run("none"),
    "pre-LN, default nn.Linear init": run("pre", gpt2_init=False),
}
print(f"{'':29} {'stream RMS: layer 0':>20} {'12':>6} {'24':>6}"
      f"   {'gradient at layer 0':>20} {'24':>8}")
for name, (sizes, grads) in runs.items():
    print(f"{name:29} {sizes[0]:20.3f} {sizes[12]:6.3f} {sizes[24]:6.3f}"
          f"   {grads[0]:20.2e} {grads[24]:8.2e}")

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for name, (sizes, grads) in runs.items():
    axes[0].plot(range(L + 1), sizes, "o-", markersize=3, label=name)
    axes[1].plot(range(L + 1), grads, "o-", markersize=3, label=name)
axes[0].set_title("size of the stream after each layer")
axes[1].set_title("gradient reaching the stream at each depth")
axes[0].set_ylabel("RMS of the stream")
axes[1].set_ylabel("gradient norm")
for ax in axes:
    ax.set_yscale("log")
    ax.set_xlabel("layer (0 = the input)")
    ax.grid(True, alpha=0.3)
axes[0].legend(fontsize=8)
fig.suptitle("24 layers at initialisation, with and without the residual path")
fig.tight_layout()
plt.show()
