import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}


def examples(names, n=5):
    X, Y = [], []
    for w in names:
        ids = [0] * n + [stoi[c] for c in w] + [0]
        X += [ids[i - n : i] for i in range(n, len(ids))]
        Y += ids[n:]
    return torch.tensor(X), torch.tensor(Y)


# Only 200 training names, and a model with far more weights than they can pin down.
Xtr, Ytr = examples([words[i] for i in order[3046:3246]])
Xva, Yva = examples([words[i] for i in order[:1000]])  # 1000 validation names
model = nn.Sequential(
    nn.Embedding(27, 24),
    nn.Flatten(),
    nn.Linear(120, 256),
    nn.Tanh(),
    nn.Linear(256, 27),
)
print(
    f"{len(Xtr)} training examples, {sum(p.numel() for p in model.parameters()):,} "
    "parameters"
)
opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.0)
history = []
for step in range(401):
    if step % 20 == 0:
        with torch.no_grad():
            history.append(
                (
                    step,
                    F.cross_entropy(model(Xtr), Ytr).item(),
                    F.cross_entropy(model(Xva), Yva).item(),
                )
            )
    loss = F.cross_entropy(model(Xtr), Ytr)  # the whole tiny training set
    opt.zero_grad()
    loss.backward()
    opt.step()
best = min(history, key=lambda h: h[2])
print(
    f"lowest validation loss {best[2]:.4f} at step {best[0]}; at the end: training "
    f"{history[-1][1]:.4f}, validation {history[-1][2]:.4f}"
)

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(
    [h[0] for h in history], [h[1] for h in history], label="training loss (200 names)"
)
ax.plot([h[0] for h in history], [h[2] for h in history], label="validation loss")
ax.axvline(best[0], color="gray", linestyle=":", label="lowest validation loss")
ax.set_xlabel("step")
ax.set_ylabel("cross-entropy (nats)")
ax.set_title("Overfitting: the model memorises 200 names")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
