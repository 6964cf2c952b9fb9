import matplotlib.pyplot as plt
import torch

words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).float()
z = (N[stoi["a"]] + 1).log()  # logits of the letter after "a"
probs = torch.softmax(z, dim=-1)

order = probs.argsort(descending=True)
sorted_p = probs[order]
top5 = torch.zeros(27, dtype=torch.bool)
top5[order[:5]] = True
nucleus = torch.zeros(27, dtype=torch.bool)
nucleus[order[(sorted_p.cumsum(0) - sorted_p) < 0.9]] = True
strategies = {
    "plain softmax": probs,
    "temperature 0.5": torch.softmax(z / 0.5, dim=-1),
    "top-k, k = 5": torch.where(top5, probs, 0.0) / probs[top5].sum(),
    "top-p, p = 0.9": torch.where(nucleus, probs, 0.0) / probs[nucleus].sum(),
}
fig, axes = plt.subplots(2, 2, figsize=(11, 6), sharex=True, sharey=True)
for ax, (name, p) in zip(axes.flat, strategies.items()):
    ax.bar(range(27), p[order].tolist(), color="tab:blue")
    ax.set_title(f"{name}: {int((p > 0).sum())} characters can be drawn", fontsize=10)
    ax.set_xticks(range(27), [chars[i] for i in order.tolist()], fontsize=8)
for ax in axes[:, 0]:
    ax.set_ylabel("probability")
for ax in axes[1]:
    ax.set_xlabel("next character after 'a', most likely first")
fig.suptitle("One next-letter distribution (bigram counts) under four strategies")
fig.tight_layout()
plt.show()
