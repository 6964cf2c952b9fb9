import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F

# A one-layer, 4-head causal self-attention model of names.txt, trained for a few
# seconds to predict each next character; then its attention weights on one name.
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
T, d_model, H = 12, 32, 4                 # context, embedding width, heads
xs, ys = [], []
for w in words:
    ids = [stoi[ch] for ch in "." + w + "."][: T + 1]
    pad = T + 1 - len(ids)
    xs.append(ids[:-1] + [0] * pad)         # inputs, padded with "."
    ys.append(ids[1:] + [-100] * pad)       # targets; -100 is ignored by the loss
X, Y = torch.tensor(xs), torch.tensor(ys)   # (N, T) each

torch.manual_seed(0)
tok_emb, pos_emb = nn.Embedding(27, d_model), nn.Embedding(T, d_model)
attn = nn.MultiheadAttention(d_model, H, batch_first=True)
head = nn.Linear(d_model, 27)
params = [p for m in (tok_emb, pos_emb, attn, head) for p in m.parameters()]
opt = torch.optim.Adam(params, lr=1e-2)
causal = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)  # True = blocked


def forward(x):
    h = tok_emb(x) + pos_emb(torch.arange(x.shape[1]))
    out, weights = attn(h, h, h, attn_mask=causal[: x.shape[1], : x.shape[1]],
                        average_attn_weights=False)
    return head(h + out), weights          # weights: (B, H, T, T)


g = torch.Generator().manual_seed(0)
for step in range(200):
    rows = torch.randint(len(X), (128,), generator=g)
    logits, _ = forward(X[rows])
    loss = F.cross_entropy(logits.reshape(-1, 27), Y[rows].reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
print(f"loss after {step + 1} steps: {loss.item():.3f} (uniform: 3.296)")

name = ".isabella"
with torch.no_grad():
    _, w = forward(torch.tensor([[stoi[ch] for ch in name]]))
fig, axes = plt.subplots(1, H, figsize=(13, 3.6), layout="constrained")
for h, ax in enumerate(axes):
    ax.imshow(w[0, h].numpy(), cmap="viridis", vmin=0, vmax=1)
    ax.set_xticks(range(len(name)), list(name))
    ax.set_yticks(range(len(name)), list(name))
    ax.set_title(f"head {h}")
    ax.set_xlabel("attends to (key)")
axes[0].set_ylabel("query position")
fig.suptitle("Causal attention weights of a trained 4-head layer on '.isabella'")
plt.show()
