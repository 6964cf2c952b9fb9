import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

z = torch.linspace(-4, 3, 701)
curves = {
    "ReLU (2017 Transformer)": F.relu(z),
    "GELU, exact (nn.GELU default)": F.gelu(z),
    "GELU, tanh approximation (GPT-2)": F.gelu(z, approximate="tanh"),
    "SiLU = z sigmoid(z) (Llama's gate)": F.silu(z),
}
diff = F.gelu(z, approximate="tanh") - F.gelu(z)
print(f"largest |GELU tanh - GELU exact| on [-4, 3]: {diff.abs().max().item():.2e}"
      f" at z = {z[diff.abs().argmax()].item():.2f}")

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for name, y in curves.items():
    axes[0].plot(z.tolist(), y.tolist(), label=name)
axes[0].set_title("activation functions of the feed-forward network")
axes[0].set_xlabel("input z")
axes[0].set_ylabel("output")
axes[0].legend(fontsize=8)
axes[0].grid(True, alpha=0.3)
axes[1].plot(z.tolist(), diff.tolist(), color="tab:green")
axes[1].set_title("GELU tanh approximation minus exact GELU")
axes[1].set_xlabel("input z")
axes[1].set_ylabel("difference")
axes[1].grid(True, alpha=0.3)
fig.tight_layout()
plt.show()
