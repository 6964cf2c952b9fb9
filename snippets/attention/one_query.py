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
model.load_state_dict(load_file("names_gpt.safetensors"))  # the trained names GPT
model.eval()

name = ".emma"
ids = torch.tensor([[chars.index(c) for c in name]])  # (1, T)
T = ids.shape[1]
block, head = model.blocks[0], 2  # layer 1, head 3: it looks at the previous letter
d_model = model.tok.embedding_dim
d_k = d_model // block.H  # 12
with torch.no_grad():
    x = model.tok(ids) + model.pos(torch.arange(T))  # (1, T, d_model)
    q, k, v = block.qkv(block.ln1(x)).split(d_model, dim=-1)  # (1, T, d_model) each
    cols = slice(head * d_k, (head + 1) * d_k)  # this head's 12 of the 48 numbers
    q, k, v = q[0, :, cols], k[0, :, cols], v[0, :, cols]  # (T, d_k) each

    query = q[-1]  # the last letter's query: what comes after '.emma'?
    scores = k @ query / math.sqrt(d_k)  # (T,): one score per key
    weights = torch.softmax(scores, dim=-1)  # (T,): they sum to 1
    out = weights @ v  # (d_k,): the weighted sum of the values

    # The same row from PyTorch's attention (causal: the last query sees every key).
    ref = F.scaled_dot_product_attention(q[None], k[None], v[None], is_causal=True)
torch.testing.assert_close(out, ref[0, -1])

print(f"query: the last '{name[-1]}' of '{name}'; layer 1, head 3; d_k = {d_k}")
print("key      score   weight")
for j, c in enumerate(name):
    print(f"{j} '{c}'  {scores[j].item():7.2f}  {weights[j].item():7.2f}")
print(f"weights sum to {weights.sum().item():.2f}; the output equals PyTorch's row")

fig, axes = plt.subplots(3, 1, figsize=(4.8, 7.2), layout="constrained",
                         height_ratios=[1, 1, 1.4])
labels = [f"{j} '{c}'" for j, c in enumerate(name)]
axes[0].bar(range(T), scores, color="C0")
axes[0].set_title("1. score of each key: q · k / √12", fontsize=10)
axes[0].set_ylabel("score")
axes[1].bar(range(T), weights, color="C1")
axes[1].set_title("2. weights = softmax(scores)", fontsize=10)
axes[1].set_ylabel("weight")
for ax in axes[:2]:
    ax.set_xticks(range(T), labels)
    ax.set_xlabel("key (position, letter)")
rows = torch.cat([v, out[None]])  # the values, and their weighted sum
lim = rows.abs().max().item()
axes[2].imshow(rows, cmap="RdBu", vmin=-lim, vmax=lim, aspect="auto")
ticks = [f"{lb} x {w:.2f}" for lb, w in zip(labels, weights.tolist())]
axes[2].set_yticks(range(T + 1), ticks + ["output"])
axes[2].axhline(T - 0.5, color="0.3", linewidth=2)
axes[2].set_title("3. output = Σ weight x value", fontsize=10)
axes[2].set_xlabel(f"the {d_k} numbers of each value vector")
fig.suptitle(f"Attention for the last letter of '{name}' (names GPT)", fontsize=10.5)
plt.show()
