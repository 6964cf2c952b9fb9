import matplotlib.pyplot as plt
import torch

# (V,) the logits of one next-token distribution
logits = torch.tensor([3.0, 2.2, 1.5, 0.8, 0.2, -0.5, -1.0, -2.0])
temperatures = [0.25, 0.5, 1.0, 2.0, 5.0]  # tau

fig, axes = plt.subplots(1, len(temperatures), figsize=(12, 2.8), sharey=True)
for ax, tau in zip(axes, temperatures):
    probs = torch.softmax(logits / tau, dim=0)
    ax.bar(range(len(logits)), probs.tolist(), color="tab:purple")
    ax.set_title(f"τ = {tau}")
    ax.set_xlabel("token index")
    ax.set_xticks(range(len(logits)))
axes[0].set_ylabel("probability")
fig.suptitle("softmax(logits / τ): low temperature sharpens,"
             " high temperature flattens")
fig.tight_layout()
plt.show()
