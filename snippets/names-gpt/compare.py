# needs: names_gpt.safetensors
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
# The same split as the training snippet (same seed), so every model is scored on the
# same 3046 validation names it never saw.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
train_words = [words[i] for i in order[len(words) // 10 :]]
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}


def examples(names, n):
    """(previous n characters, next character) for every position of every name."""
    X, Y = [], []
    for name in names:
        ids = [0] * n + [stoi[c] for c in name] + [0]
        for i in range(n, len(ids)):
            X.append(ids[i - n : i])
            Y.append(ids[i])
    return torch.tensor(X), torch.tensor(Y)


results = {}
# 1. Bigram counts, +1 smoothing (a validation pair never seen would cost infinity).
X1, Y1 = examples(train_words, 1)
V1, W1 = examples(val_words, 1)
N = torch.zeros(27, 27)
N.index_put_((X1[:, 0], Y1), torch.ones(len(Y1)), accumulate=True)
P = (N + 1) / (N + 1).sum(1, keepdim=True)
results["bigram counts (+1)"] = (-P[V1[:, 0], W1].log().mean().item(), N.numel())

# 2. The same model as a one-layer network: one-hot @ W, trained with Adam.
torch.manual_seed(0)
W = torch.randn(27, 27, requires_grad=True)
opt = torch.optim.Adam([W], lr=0.7)
for step in range(100):
    loss = F.cross_entropy(W[X1[:, 0]], Y1)  # one-hot @ W is a row lookup
    opt.zero_grad()
    loss.backward()
    opt.step()
results["one-layer network"] = (F.cross_entropy(W[V1[:, 0]], W1).item(), W.numel())

# 3. An MLP on the 3 previous characters (Bengio et al. 2003, small).
X3, Y3 = examples(train_words, 3)
V3, W3 = examples(val_words, 3)
torch.manual_seed(0)
mlp = nn.Sequential(
    nn.Embedding(27, 10),
    nn.Flatten(),
    nn.Linear(30, 200),
    nn.Tanh(),
    nn.Linear(200, 27),
)
opt = torch.optim.AdamW(mlp.parameters(), lr=3e-3, weight_decay=0.01)
g = torch.Generator().manual_seed(1)
for step in range(2000):
    rows = torch.randint(0, len(X3), (256,), generator=g)
    loss = F.cross_entropy(mlp(X3[rows]), Y3[rows])
    opt.zero_grad()
    loss.backward()
    opt.step()
with torch.no_grad():
    results["MLP, 3 characters of context"] = (
        F.cross_entropy(mlp(V3), W3).item(),
        sum(p.numel() for p in mlp.parameters()),
    )


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


# 4. The names GPT, loaded from the file the training snippet wrote.
gpt = GPT()
gpt.load_state_dict(load_file("names_gpt.safetensors"))
gpt.eval()
Xg = torch.zeros(len(val_words), 16, dtype=torch.long)
Yg = torch.full((len(val_words), 16), -100)
for row, name in enumerate(val_words):
    ids = [stoi[c] for c in name]
    Xg[row, 1 : len(ids) + 1] = torch.tensor(ids)
    Yg[row, : len(ids) + 1] = torch.tensor(ids + [0])
with torch.no_grad():
    gpt_loss = F.cross_entropy(gpt(Xg).reshape(-1, 27), Yg.reshape(-1)).item()
n_gpt = sum(p.numel() for p in gpt.parameters())
results["GPT, 2 layers, whole name"] = (gpt_loss, n_gpt)

print(f"{'model':30} {'validation loss':>16} {'perplexity':>11} {'parameters':>11}")
for name, (loss, params) in results.items():
    perplexity = torch.tensor(loss).exp().item()  # e^loss
    print(f"{name:30} {loss:16.4f} {perplexity:11.1f} {params:>11,}")
print(f"uniform over 27 characters: {torch.log(torch.tensor(27.0)).item():.4f} "
      "(perplexity 27)")
