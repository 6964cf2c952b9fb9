import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
# An MLP language model on names: the embeddings of the 3 previous characters,
# concatenated, a tanh hidden layer, a projection back to width d, and an output layer
# that is either the embedding table (tied) or a matrix of its own (untied).
words = open("names.txt").read().splitlines()[:8000]  # the 8000 most common names
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
X, Y = [], []
for w in words:
    ctx = [0, 0, 0]
    for c in w + ".":
        X.append(ctx)
        Y.append(stoi[c])
        ctx = ctx[1:] + [stoi[c]]
X, Y = torch.tensor(X), torch.tensor(Y)
g = torch.Generator().manual_seed(0)
perm = torch.randperm(len(X), generator=g)
train, val = perm[: len(X) * 9 // 10], perm[len(X) * 9 // 10 :]
batches = [train[torch.randint(0, len(train), (128,), generator=g)] for _ in range(300)]


class MLP(nn.Module):
    def __init__(self, d, tied):
        super().__init__()
        self.emb = nn.Embedding(27, d)
        self.mlp = nn.Sequential(nn.Linear(3 * d, 64), nn.Tanh(), nn.Linear(64, d))
        self.head = nn.Linear(d, 27, bias=False)
        if tied:
            self.head.weight = self.emb.weight

    def forward(self, x):
        return self.head(self.mlp(self.emb(x).flatten(1)))


curves = {}
for d in (16,):
    for tied in (False, True):
        torch.manual_seed(0)
        model = MLP(d, tied)
        opt = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.0)
        name = f"d={d}, {'tied' if tied else 'untied'}"
        curves[name] = []
        for step, rows in enumerate(batches):
            loss = F.cross_entropy(model(X[rows]), Y[rows])
            opt.zero_grad()
            loss.backward()
            opt.step()
            if step % 20 == 19:
                with torch.no_grad():
                    v = F.cross_entropy(model(X[val]), Y[val]).item()
                curves[name].append((step + 1, v))
        n = sum(p.numel() for p in model.parameters())
        print(f"{name:14} {n:5} parameters, validation loss after 300 steps {v:.4f}")

fig, ax = plt.subplots(figsize=(7, 4))
for name, pts in curves.items():
    ax.plot(*zip(*pts), label=name, linestyle="-" if "untied" in name else "--")
ax.set_xlabel("step (AdamW, batch 128)")
ax.set_ylabel("validation cross-entropy (nats)")
ax.set_title("An MLP on names, output layer tied or untied")
ax.set_ylim(2.1, 2.8)
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
