import matplotlib.pyplot as plt
import torch
import torch.nn as nn

# Random activations of 4 tokens, each token with its own scale and offset (as the
# residual stream of a deep model has).
g = torch.Generator().manual_seed(0)
d_model = 256
scales = torch.tensor([0.5, 1.0, 3.0, 8.0]).unsqueeze(1)
offsets = torch.tensor([-2.0, 0.0, 1.0, 4.0]).unsqueeze(1)
x = torch.randn(4, d_model, generator=g) * scales + offsets          # (T, d_model)
y = nn.LayerNorm(d_model)(x).detach()                                # gain 1, bias 0

fig, axes = plt.subplots(1, 2, figsize=(10, 3.5), sharey=True)
bins = torch.linspace(-12, 36, 97).tolist()
for i in range(4):
    label = f"token {i}: scale {scales[i].item():g}, offset {offsets[i].item():g}"
    axes[0].hist(x[i].tolist(), bins=bins, alpha=0.6, label=label)
    axes[1].hist(y[i].tolist(), bins=torch.linspace(-4, 4, 49).tolist(), alpha=0.6)
axes[0].set_title("before: each token's d_model values")
axes[1].set_title("after LayerNorm: mean 0, variance 1 per token")
for ax in axes:
    ax.set_xlabel("activation value")
axes[0].set_ylabel("count")
axes[0].legend(fontsize=8)
fig.tight_layout()
plt.show()
