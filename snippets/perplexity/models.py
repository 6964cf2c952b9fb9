# needs: names_gpt.safetensors
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
train = [words[i] for i in order[len(words) // 10 :]]
val = [words[i] for i in order[: len(words) // 10]]
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}


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

# The bigram counts model, trained on the same training names.
tr = torch.tensor([(stoi[a], stoi[b]) for w in train for a, b in zip("." + w, w + ".")])
N = torch.zeros(27, 27).index_put_(
    (tr[:, 0], tr[:, 1]), torch.ones(len(tr)), accumulate=True
)
P = (N + 1) / (N + 1).sum(1, keepdim=True)
va = torch.tensor([(stoi[a], stoi[b]) for w in val for a, b in zip("." + w, w + ".")])
bigram_nll = -P[va[:, 0], va[:, 1]].log().mean().item()

# The names GPT, on the same validation names.
gpt = GPT()
gpt.load_state_dict(load_file("names_gpt.safetensors"))
gpt.eval()
X = torch.zeros(len(val), 16, dtype=torch.long)
Y = torch.full((len(val), 16), -100)
for row, name in enumerate(val):
    ids = [stoi[c] for c in name]
    X[row, 1 : len(ids) + 1] = torch.tensor(ids)
    Y[row, : len(ids) + 1] = torch.tensor(ids + [0])
with torch.no_grad():
    gpt_nll = F.cross_entropy(gpt(X).reshape(-1, 27), Y.reshape(-1)).item()

print(f"{'model':14} {'nats/char':>10} {'bits/char':>10} {'perplexity':>11}")
for name, nll in (
    ("uniform", math.log(27)),
    ("bigram counts", bigram_nll),
    ("names GPT", gpt_nll),
):
    print(f"{name:14} {nll:10.4f} {nll / math.log(2):10.4f} {math.exp(nll):11.4f}")
