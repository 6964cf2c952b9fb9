import matplotlib.pyplot as plt
import torch

words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27)

counts = N[stoi["."]].float()   # first letters: what follows the start mark "."
logits = counts.log()
probs = torch.softmax(logits, dim=0)
# -inf cannot be drawn as a bar: leave it out and label it instead.
finite = torch.where(torch.isinf(logits), torch.nan, logits)

fig, axes = plt.subplots(3, 1, figsize=(9, 7), sharex=True)
panels = [
    (counts, "counts", "tab:blue"),
    (finite, "logits = log(counts)", "tab:orange"),
    (probs, "probabilities = softmax(logits)", "tab:green"),
]
for ax, (values, label, color) in zip(axes, panels):
    ax.bar(range(27), values.tolist(), color=color)
    ax.set_ylabel(label.split(" ")[0])
    ax.set_title(label, loc="left", fontsize=10)
for i in torch.nonzero(torch.isinf(logits)).flatten().tolist():
    axes[1].annotate("-inf", (i, 0), ha="center", va="bottom", fontsize=8)
axes[-1].set_xticks(range(27), list(chars))
axes[-1].set_xlabel("first letter of a name (the character after the start mark '.')")
fig.suptitle("First letters of names.txt (row '.' of the bigram counts)\n"
             "as counts, logits and probabilities")
fig.tight_layout()
plt.show()
