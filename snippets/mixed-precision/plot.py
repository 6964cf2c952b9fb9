import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
# The bigram network of the walkthrough (logits = W[x], a 27 x 27 table) trained three
# ways from the same start with Adam, lr 3e-3, 500 steps on all bigrams of names.txt:
#   float32:            weights and arithmetic in float32;
#   mixed precision:    float32 master weights, the forward pass on a bfloat16 copy;
#   bfloat16 only:      the weights themselves (and Adam's state) in bfloat16.
words = open("names.txt").read().splitlines()
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).float()

curves = {}
for mode in ("float32", "mixed precision", "bfloat16 only"):
    W0 = torch.randn(27, 27, generator=torch.Generator().manual_seed(0))
    W = (W0.bfloat16() if mode == "bfloat16 only" else W0).requires_grad_(True)
    opt = torch.optim.Adam([W], lr=3e-3)
    curves[mode] = []
    for step in range(500):
        Wc = W.bfloat16() if mode == "mixed precision" else W  # the forward's copy
        loss = -(N * F.log_softmax(Wc.float(), dim=1)).sum() / N.sum()
        opt.zero_grad()
        loss.backward()  # the gradient flows back through the cast to float32 W
        opt.step()
        curves[mode].append(loss.item())
    print(f"{mode:16} weights {str(W.dtype):15} loss after 500 steps:"
          f" {curves[mode][-1]:.4f}")

fig, ax = plt.subplots(figsize=(7, 4))
styles = {"float32": dict(linewidth=4, alpha=0.5), "mixed precision": dict(ls="--"),
          "bfloat16 only": {}}
for mode, values in curves.items():
    ax.plot(range(1, 501), values, label=mode, **styles[mode])
ax.set_xlabel("step (Adam, lr 3e-3)")
ax.set_ylabel("cross-entropy (nats)")
ax.set_title("Bigram network: bfloat16 weights lose Adam's small updates")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
