import matplotlib.pyplot as plt
import torch

# The graph autograd records for the bigram network's loss on "emma", drawn from
# loss.grad_fn: each box is a backward node; the gradient flows from the top down.
chars = ".abcdefghijklmnopqrstuvwxyz"
xs = torch.tensor([chars.index(c) for c in ".emma"])
ys = torch.tensor([chars.index(c) for c in "emma."])
W = torch.randn(27, 27, generator=torch.Generator().manual_seed(0), requires_grad=True)
logits = W[xs]
loss = (logits.exp().sum(dim=1).log() - logits[torch.arange(5), ys]).mean()

forward_op = {
    "MeanBackward0": ".mean()",
    "SubBackward0": "a - b",
    "LogBackward0": ".log()",
    "SumBackward1": ".sum(dim=1)",
    "ExpBackward0": ".exp()",
    "IndexBackward0": "indexing t[...]",
    "AccumulateGrad": "writes W.grad",
}
depth, edges = {}, []


def walk(fn, d):  # depth = the longest path from the loss
    depth[fn] = max(depth.get(fn, 0), d)
    for child, _ in fn.next_functions:
        if child is not None:
            edges.append((fn, child))
            walk(child, d + 1)


walk(loss.grad_fn, 0)
levels = {}
for fn, d in depth.items():
    levels.setdefault(d, []).append(fn)
pos = {
    fn: (i - (len(fns) - 1) / 2, -d)
    for d, fns in levels.items()
    for i, fn in enumerate(fns)
}
print(f"{len(depth)} nodes, {len(set(edges))} edges")

fig, ax = plt.subplots(figsize=(6.5, 6))
for parent, child in dict.fromkeys(edges):  # each edge once, in the order walked
    (x0, y0), (x1, y1) = pos[parent], pos[child]
    ax.annotate(
        "",
        xy=(x1, y1 + 0.25),
        xytext=(x0, y0 - 0.25),
        arrowprops=dict(arrowstyle="->", color="tab:blue"),
    )
for fn, (x, y) in pos.items():
    name = type(fn).__name__
    ax.text(
        x,
        y,
        f"{name}\n{forward_op.get(name, '')}",
        ha="center",
        va="center",
        fontsize=9,
        bbox=dict(boxstyle="round", fc="none", ec="tab:gray"),
    )
ax.set_xlim(-1.6, 1.6)
ax.set_ylim(-max(depth.values()) - 0.6, 0.6)
ax.axis("off")
ax.set_title("loss.grad_fn: the graph backward() walks, from the loss down to W")
plt.show()
