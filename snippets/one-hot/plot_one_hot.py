import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

chars = ".abcdefghijklmnopqrstuvwxyz"
name = ".olivia."
idx = torch.tensor([chars.index(ch) for ch in name])
X = F.one_hot(idx, num_classes=27)                      # (8, 27)

fig, ax = plt.subplots(figsize=(9, 3.2))
ax.imshow(X.numpy(), cmap="Greys", vmin=0, vmax=1.4, aspect="equal")
ax.set_xticks(range(27), list(chars))
ax.set_yticks(range(len(name)), [f"{i}: '{ch}'" for i, ch in enumerate(name)])
ax.set_xticks([x - 0.5 for x in range(28)], minor=True)
ax.set_yticks([y - 0.5 for y in range(len(name) + 1)], minor=True)
ax.grid(which="minor", color="#cccccc", linewidth=0.5)
ax.tick_params(which="minor", length=0)
ax.set_xlabel("class (character)")
ax.set_ylabel("position in '.olivia.'")
ax.set_title("F.one_hot of the characters of '.olivia.': one 1 per row")
fig.tight_layout()
plt.show()
