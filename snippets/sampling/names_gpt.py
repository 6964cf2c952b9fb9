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
model.load_state_dict(load_file("names_gpt.safetensors"))  # from the GPT page
model.eval()


def filtered(z, tau=1.0, k=None, p=None):
    """Temperature, then top-k, then top-p, on logits z (..., V)."""
    z = z / tau
    if k is not None:
        kth = torch.topk(z, k, dim=-1).values[..., -1:]
        z = z.masked_fill(z < kth, float("-inf"))
    probs = F.softmax(z, dim=-1)
    if p is not None:
        sorted_p, order = probs.sort(dim=-1, descending=True)
        keep = torch.zeros_like(probs, dtype=torch.bool).scatter(
            -1, order, (sorted_p.cumsum(-1) - sorted_p) < p
        )
        probs = torch.where(keep, probs, 0.0)
        probs = probs / probs.sum(-1, keepdim=True)
    return probs


with torch.no_grad():
    z = model(torch.tensor([[chars.index(c) for c in ".em"]]))[0, -1]
for name, kw in (
    ("plain", {}),
    ("tau 0.5", {"tau": 0.5}),
    ("top-k 5", {"k": 5}),
    ("top-p 0.9", {"p": 0.9}),
):
    pr = filtered(z, **kw)
    top = pr.argsort(descending=True)[:4].tolist()
    print(
        f"after '.em', {name:9}: {int((pr > 0).sum()):2} kept;",
        ", ".join(f"{chars[i]} {pr[i]:.3f}" for i in top),
    )


def sample_names(n, tau, seed=0):
    """n names at once: every row extends its name by one character per step."""
    g = torch.Generator().manual_seed(seed)
    ids = torch.zeros(n, 1, dtype=torch.long)
    with torch.no_grad():
        for _ in range(15):
            probs = filtered(model(ids)[:, -1], tau=tau)
            ids = torch.cat([ids, torch.multinomial(probs, 1, generator=g)], dim=1)
    names = []
    for row in ids[:, 1:].tolist():
        end = row.index(0) if 0 in row else len(row)  # '.' (0) ends the name
        names.append("".join(chars[i] for i in row[:end]))
    return names


known = set(open("names.txt").read().splitlines())
temps = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0]
stats = []
for tau in temps:
    names = sample_names(1000, tau)
    counts = torch.bincount(
        torch.tensor([chars.index(c) for n in names for c in n + "."]), minlength=27
    ).float()
    freq = counts / counts.sum()
    entropy = -(freq[freq > 0] * freq[freq > 0].log2()).sum().item()
    stats.append(
        (
            len(set(names)) / len(names),
            sum(n in known for n in names) / len(names),
            entropy,
        )
    )
    print(
        f"tau {tau:4}: {len(set(names)):4} distinct of 1000, {stats[-1][1]:.0%} real "
        f"names, character entropy {entropy:.3f} bits; e.g. {', '.join(names[:4])}"
    )

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(temps, [s[0] for s in stats], "o-", label="distinct names / 1000")
ax.plot(temps, [s[1] for s in stats], "o-", label="share that are real names")
ax.plot(
    temps,
    [s[2] / math.log2(27) for s in stats],
    "o-",
    label="character entropy / log2(27)",
)
ax.set_xlabel("temperature tau")
ax.set_ylabel("share")
ax.set_title("1000 names sampled from the names GPT at each temperature")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
