import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F

# Bigram counts of names.txt: N[i, j] = how often character j follows i.
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27).float()

# A bigram model squeezed through a 2-D embedding: 27 -> 2 -> 27 logits.
torch.manual_seed(0)
emb = nn.Embedding(27, 2)
head = nn.Linear(2, 27)
opt = torch.optim.Adam([*emb.parameters(), *head.parameters()], lr=0.05)
for step in range(300):
    logp = F.log_softmax(head(emb(torch.arange(27))), dim=1)   # (27, 27)
    # The mean cross-entropy over all bigrams, each (i, j) counted N[i, j] times:
    # exactly F.cross_entropy over the 219616 pairs, without the 219616 rows.
    loss = -(N * logp).sum() / N.sum()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(f"{len(pairs)} bigrams, loss after {step + 1} steps: {loss.item():.4f}")

xy = emb.weight.detach()
order = xy[:, 0].argsort().tolist()
print("characters ordered along dimension 0:", "".join(chars[i] for i in order))
fig, ax = plt.subplots(figsize=(6.5, 6))
for i, ch in enumerate(chars):
    vowel = ch in "aeiouy"
    ax.scatter(xy[i, 0], xy[i, 1], s=260, color="tab:orange" if vowel else "tab:blue")
    ax.annotate(ch, (xy[i, 0], xy[i, 1]), ha="center", va="center", color="white",
                fontweight="bold")
ax.set_xlabel("embedding dimension 0")
ax.set_ylabel("embedding dimension 1")
ax.set_title("2-D character embedding learned on names.txt (orange: vowels and y)")
ax.grid(True, alpha=0.3)
plt.show()
