import matplotlib.pyplot as plt
import torch

x = torch.linspace(-3, 3, 101)

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(x.tolist(), x.tolist(), label="TODO")
ax.set_title("TODO a title: it becomes the figure's alt text")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
fig.tight_layout()
plt.show()
