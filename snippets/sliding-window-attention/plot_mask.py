import matplotlib.pyplot as plt
import torch

T, W = 16, 4
p = torch.arange(T)
causal = p[None, :] <= p[:, None]
window = causal & (p[None, :] > p[:, None] - W)  # keys i - W + 1, ..., i

# Stacking layers: token j reaches query i through L layers if there is a chain of
# allowed steps, the L-th power of the mask (as a 0/1 matrix, then > 0).
reach = {1: window}
for L in (2, 3):
    reach[L] = (reach[L - 1].float() @ window.float()) > 0
for L, R in reach.items():
    back = T - 1 - int(p[R[T - 1]].min())
    print(f"{L} layer(s): query {T - 1} reaches {back} tokens back = L(W - 1) = "
          f"{L * (W - 1)}")
print("Mistral 7B, 32 layers: 32 * 4095 =", 32 * 4095, "tokens back with W keys;",
      "32 * 4096 =", 32 * 4096, "with the paper's W + 1")

fig, axes = plt.subplots(1, 3, figsize=(10, 3.6))
panels = [(causal, "causal mask"), (window, f"sliding window, W = {W}"),
          (reach[3], "reach after 3 sliding layers")]
for ax, (M, title) in zip(axes, panels):
    ax.imshow(M.float().numpy(), cmap="Blues", vmin=0, vmax=1.3)
    ax.set_title(title)
    ax.set_xlabel("key position j")
    ax.set_xticks([0, 5, 10, 15])
    ax.set_yticks([0, 5, 10, 15])
axes[0].set_ylabel("query position i")
fig.suptitle("Sliding-window attention: the band below the diagonal, and its reach")
fig.tight_layout()
plt.show()
