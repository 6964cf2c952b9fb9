# needs: names_gpt.safetensors
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
model.load_state_dict(load_file("names_gpt.safetensors"))  # from the training snippet
model.eval()

g = torch.Generator().manual_seed(2147483647)
names = []
with torch.no_grad():
    for _ in range(20):
        ids = [0]  # start with '.'
        while len(ids) < 16:
            logits = model(torch.tensor([ids]))[0, -1]  # the last position's logits
            nxt = torch.multinomial(F.softmax(logits, dim=-1), 1, generator=g).item()
            if nxt == 0:  # '.' ends the name
                break
            ids.append(nxt)
        names.append("".join(chars[i] for i in ids[1:]))
# The walkthrough's bigram counts (every name, each count plus one), sampled the same
# way with the same seed: each letter sees only the one before it.
words = open("names.txt").read().splitlines()
N = torch.ones(27, 27)
for w in words:
    ids = [0] + [chars.index(c) for c in w] + [0]
    for a, b in zip(ids, ids[1:]):
        N[a, b] += 1
P = N / N.sum(1, keepdim=True)
g = torch.Generator().manual_seed(2147483647)
bigram = []
for _ in range(20):
    ids = [0]
    while len(ids) < 16:
        nxt = torch.multinomial(P[ids[-1]], 1, generator=g).item()
        if nxt == 0:
            break
        ids.append(nxt)
    bigram.append("".join(chars[i] for i in ids[1:]))

known = set(words)
print(f"{'names GPT':16} bigram counts")
for a, b in zip(names, bigram):
    print(f"{a:16} {b}")
print(
    f"in names.txt: {sum(n in known for n in names)} of the GPT's 20,",
    f"{sum(n in known for n in bigram)} of the bigram's 20; the others are new",
)
