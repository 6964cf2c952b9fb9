import math

import matplotlib.pyplot as plt
import torch

tokens = list(".olivia")
T = len(tokens)
g = torch.Generator().manual_seed(0)
Q, K = torch.randn(T, 8, generator=g), torch.randn(T, 8, generator=g)
allowed = torch.tril(torch.ones(T, T, dtype=torch.bool))
scores = (Q @ K.T / math.sqrt(8)).masked_fill(~allowed, float("-inf"))
weights = torch.softmax(scores, dim=-1)

fig, axes = plt.subplots(1, 2, figsize=(10, 4.5))
axes[0].imshow(allowed.float(), cmap="Greys", vmin=0, vmax=1.6)
axes[0].set_title("causal mask: key j visible to query i if j <= i")
axes[1].imshow(weights, cmap="Blues", vmin=0, vmax=1)
axes[1].set_title("attention weights (random q, k): 0 above the diagonal")
for ax in axes:
    ax.set_xticks(range(T), tokens)
    ax.set_yticks(range(T), tokens)
    ax.set_xlabel("key (earlier token)")
    ax.set_ylabel("query (current token)")
for i in range(T):
    for j in range(T):
        axes[0].text(j, i, "0" if allowed[i, j] else "-inf", ha="center", va="center",
                     fontsize=8, color="white" if allowed[i, j] else "black")
        axes[1].text(j, i, f"{weights[i, j]:.2f}", ha="center", va="center", fontsize=7,
                     color="white" if weights[i, j] > 0.5 else "black")
fig.suptitle("The causal mask on '.olivia'")
fig.tight_layout()
plt.show()
