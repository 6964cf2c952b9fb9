# needs: names_gpt.safetensors
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


# --- speculative decoding
def accept_prob(p, q):
    """min(1, p / q) for every token (V,): the chance that a drafted token is kept."""
    return (p / q).clamp(max=1.0)


def residual(p, q):
    """Where a rejected token is drawn again: norm(max(0, p - q)), shape (V,)."""
    r = (p - q).clamp(min=0.0)
    return r / r.sum()


def speculative_step(ctx, gamma, target, draft, g):
    """Draft gamma tokens, verify them with ONE target call; returns 1 to gamma + 1."""
    xs, qs = [], []
    for _ in range(gamma):
        qs.append(draft(ctx + xs))  # q(. | ctx, x_1 .. x_j), shape (V,)
        xs.append(torch.multinomial(qs[-1], 1, generator=g).item())
    ps = target(ctx, xs)  # (gamma + 1, V): p after ctx, after ctx + x_1, ...
    out = []
    for j, x in enumerate(xs):
        if torch.rand((), generator=g) < accept_prob(ps[j], qs[j])[x]:
            out.append(x)  # accepted
        else:  # rejected: a token from the residual replaces x
            r = residual(ps[j], qs[j])
            out.append(torch.multinomial(r, 1, generator=g).item())
            return out  # the drafts after x are thrown away
    out.append(torch.multinomial(ps[gamma], 1, generator=g).item())  # the bonus token
    return out


# --- end of speculative decoding


model = GPT()
model.load_state_dict(load_file("names_gpt.safetensors"))  # from the GPT page
model.eval()


@torch.no_grad()
def target(ctx, xs):  # the names GPT: one forward pass over ctx + the drafts
    z = model(torch.tensor([ctx + xs]))[0, len(ctx) - 1 :]  # (gamma + 1, V) logits
    return torch.softmax(z, dim=-1)


# the draft: bigram counts of names.txt, smoothed with +1, one row per last letter
pairs = [
    27 * chars.index(a) + chars.index(b)
    for w in open("names.txt").read().splitlines()
    for a, b in zip("." + w, w + ".")
]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27).double()
Q = (N + 1) / (N + 1).sum(dim=1, keepdim=True)  # (V, V) float64, rows sum to 1


def draft(ctx):  # the bigram looks at the last token only
    return Q[ctx[-1]]


# For gamma = 1..5: 120 names each, from '.' to the closing '.'
g = torch.Generator().manual_seed(0)
gammas, per_step, per_name, formula = range(1, 6), [], [], []
for gamma in gammas:
    k, calls, tokens = [], 0, 0  # k: tokens of each step that drafted all gamma
    for _ in range(120):
        ctx = [0]
        while len(ctx) < 16:
            out = speculative_step(ctx, min(gamma, 16 - len(ctx)), target, draft, g)
            if len(ctx) + gamma <= 16:
                k.append(len(out))
            out = out[: out.index(0) + 1] if 0 in out else out  # nothing after '.'
            ctx, calls = ctx + out, calls + 1
            if out[-1] == 0:
                break
        tokens += len(ctx) - 1
    k = torch.tensor(k, dtype=torch.float64)
    a = ((k - 1).sum() / k.clamp(max=gamma).sum()).item()  # accepted / verified
    per_step.append(k.mean().item())
    per_name.append(tokens / calls)
    formula.append((1 - a ** (gamma + 1)) / (1 - a))
    print(
        f"gamma {gamma}: acceptance rate a {a:.3f}; tokens per target call "
        f"{per_step[-1]:.2f} (formula {formula[-1]:.2f}), {per_name[-1]:.2f} "
        "cut at '.'"
    )

fig, ax = plt.subplots(figsize=(6.5, 4))
ax.plot(gammas, formula, "o--", label="(1 - a^(gamma+1)) / (1 - a), measured a")
ax.plot(gammas, per_step, "o-", label="measured: tokens per target call")
ax.plot(gammas, per_name, "s-", label="measured, names cut at their '.'")
ax.plot(gammas, [g + 1 for g in gammas], ":", color="gray", label="all drafts kept")
ax.set_xlabel("drafted tokens per target call, gamma")
ax.set_ylabel("tokens per target call")
ax.set_ylim(1, 4)
ax.set_title("Names GPT with a bigram draft: tokens per target call")
ax.legend()
ax.grid(True, alpha=0.3)
fig.tight_layout()
plt.show()
