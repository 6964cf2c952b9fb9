import matplotlib.pyplot as plt
import torch

T, d = 64, 64
pos = torch.arange(T).unsqueeze(1).float()
two_i = torch.arange(0, d, 2).float()
angle = pos / 10000 ** (two_i / d)
pe = torch.zeros(T, d)
pe[:, 0::2], pe[:, 1::2] = torch.sin(angle), torch.cos(angle)

fig, ax = plt.subplots(figsize=(8, 5))
im = ax.imshow(pe.numpy(), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
fig.colorbar(im, ax=ax, label="value")
ax.set_xlabel("dimension (even: sin, odd: cos; frequency falls to the right)")
ax.set_ylabel("position")
ax.set_title("Sinusoidal positional encoding, d = 64, base 10000")
plt.show()
