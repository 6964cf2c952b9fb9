# needs: names_gpt.safetensors
import math

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"


# --- the names GPT (the same code on every page that loads it) ------------------------
class Block(nn.Module):
    """Pre-LN block: x + attention(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, d_model, H):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.mlp = nn.Sequential(
            nn.Linear(d_model, 4 * d_model),
            nn.GELU(approximate="tanh"),
            nn.Linear(4 * d_model, d_model),
        )

    def forward(self, x):  # (B, T, d_model)
        B, T, d_model = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d_model, dim=-1)
        heads = lambda t: t.view(B, T, self.H, d_model // self.H).transpose(1, 2)
        a = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d_model))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, V=27, context=16, d_model=48, H=4, L=2):
        super().__init__()
        self.tok = nn.Embedding(V, d_model)  # token embedding
        self.pos = nn.Embedding(context, d_model)  # learned positions
        self.blocks = nn.Sequential(*[Block(d_model, H) for _ in range(L)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, V, bias=False)  # untied output layer

    def forward(self, idx):  # (B, T) ids -> logits
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        return self.head(self.ln_f(self.blocks(x)))  # (B, T, V)


# --- end of the names GPT -------------------------------------------------------------


model = GPT()
model.load_state_dict(load_file("names_gpt.safetensors"))
model.eval()



def attention_weights(ids):
    """(B, T) ids -> per layer, the (B, H, T, T) attention weights of every head."""
    B, T = ids.shape
    weights = []
    with torch.no_grad():
        x = model.tok(ids) + model.pos(torch.arange(T))
        for block in model.blocks:  # the block's own computation, keeping the weights
            d_model, H = x.shape[-1], block.H
            q, k, v = block.qkv(block.ln1(x)).split(d_model, dim=-1)
            q, k = (t.view(B, T, H, d_model // H).transpose(1, 2) for t in (q, k))
            scores = q @ k.transpose(-2, -1) / math.sqrt(d_model // H)
            causal = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
            weights.append(F.softmax(scores.masked_fill(causal, float("-inf")), dim=-1))
            x = block(x)
    return weights


name = ".isabella"
ids = torch.tensor([[chars.index(c) for c in name]])  # (1, T)
T = ids.shape[1]
weights = [w[0] for w in attention_weights(ids)]  # (layer, head) -> (T, T)

L, H = len(weights), weights[0].shape[0]
fig, axes = plt.subplots(L, H, figsize=(2.6 * H, 2.7 * L), layout="constrained")
for layer in range(L):
    for head in range(H):
        ax = axes[layer, head]
        ax.imshow(weights[layer][head], cmap="Blues", vmin=0, vmax=1)
        ax.set_title(f"layer {layer + 1}, head {head + 1}", fontsize=9)
        ax.set_xticks(range(T), list(name), fontsize=7)
        ax.set_yticks(range(T), list(name), fontsize=7)
for ax in axes[-1]:
    ax.set_xlabel("key")
for ax in axes[:, 0]:
    ax.set_ylabel("query")
fig.suptitle(f"Attention weights of every head of the names GPT on '{name}'")
plt.show()
top = [[int(weights[l][h][-1].argmax()) for h in range(H)] for l in range(L)]
print(
    "where the last query (the final 'a') looks most, as character + position:",
    {f"layer {l + 1}": [name[j] + str(j) for j in top[l]] for l in range(L)},
)

# One name is an anecdote. Over 1,000 validation names (the training split's seed):
# the average weight each head puts on three fixed places, for the queries at
# position 2 and later (where the start mark, the previous and the current
# character are three different keys).
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val = [words[i] for i in order[:1000]]
X = torch.zeros(len(val), 16, dtype=torch.long)
for row, w in enumerate(val):
    X[row, 1 : len(w) + 1] = torch.tensor([chars.index(c) for c in w])
lengths = torch.tensor([len(w) for w in val])
i = torch.arange(16)
use = (i >= 2) & (i.unsqueeze(0) <= lengths.unsqueeze(1))  # (names, T) real queries
habits = {  # the key each habit looks at, for the query at position i
    "start '.'": lambda i: 0 * i,
    "previous": lambda i: i - 1,
    "itself": lambda i: i,
}
print(f"{'head':16}" + "".join(f"{h:>10}" for h in habits))
for layer, W in enumerate(attention_weights(X), 1):  # W: (names, H, T, T)
    for head in range(W.shape[1]):
        row = f"layer {layer}, head {head + 1}"
        for where in habits.values():
            j = where(i).clamp(min=0)
            on = W[:, head, i, j]  # (names, T): weight of query i on key j
            row += f"{on[use].mean().item():10.2f}"
        print(row)
