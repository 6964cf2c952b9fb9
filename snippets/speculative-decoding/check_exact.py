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


# 1. Exact enumeration over the draft's choice of one token x (probability q(x)): x is
# kept with probability k(x) = min(1, p(x) / q(x)), else the residual r gives the token.
# P(output y) = q(y) k(y) + sum over x of q(x) (1 - k(x)) r(y), which must be p(y).
def output_distribution(p, q):
    keep = accept_prob(p, q)  # (V,)
    return q * keep + (q * (1 - keep)).sum() * residual(p, q)


names = open("names.txt").read().splitlines()[::300]  # 102 names, every prefix
ps, qs, ys = [], [], []
with torch.no_grad():
    for w in names:
        ids = [0] + [chars.index(c) for c in w]
        z = model(torch.tensor([ids]))[0].double()  # (T, V) logits after each prefix
        ps += torch.softmax(z, dim=-1)  # the exact target distributions
        qs += Q[ids]  # the bigram's
        ys += ids[1:] + [0]  # the letter that really comes next
# the target is the better model of names: a lower cross-entropy on the next letters
ce_p, ce_q = (-torch.stack(d)[range(len(ys)), ys].log().mean().item() for d in (ps, qs))
print(f"cross-entropy on these names: names GPT {ce_p:.2f}, bigram {ce_q:.2f} nats;")
print("  the GPT must be at least 0.25 nats lower")
assert ce_p < ce_q - 0.25, "the target is not clearly the better model of names"
g = torch.Generator().manual_seed(0)
for case in range(200):  # random pairs: p with zeros (a top-k target), q near 0 too
    p = torch.rand(27, generator=g, dtype=torch.float64) ** 3
    p[torch.randperm(27, generator=g)[: case % 20]] = 0.0
    q = torch.rand(27, generator=g, dtype=torch.float64) ** (1 + case % 7) + 1e-9
    ps.append(p / p.sum())
    qs.append(q / q.sum())
out = torch.stack([output_distribution(p, q) for p, q in zip(ps, qs)])
torch.testing.assert_close(out, torch.stack(ps), rtol=0, atol=1e-15)
print(
    f"exact enumeration: output == p for the {len(ps) - 200} prefixes of {len(names)}"
)
print("  names (the names GPT, the bigram draft) and 200 random pairs;")
print(f"  largest |output - p| {(out - torch.stack(ps)).abs().max():.1e}")
# one target call gives the target's distribution after ctx and after each draft
ctx, xs = [0, 5, 13], [1, 0, 18]  # '.em' + the drafts 'a', '.', 'r'
with torch.no_grad():
    rows = [
        torch.softmax(model(torch.tensor([ctx + xs[:j]]))[0, -1], -1) for j in range(4)
    ]
torch.testing.assert_close(target(ctx, xs), torch.stack(rows))

# 2. Monte Carlo: a 3-token target and draft that depend on the last token; the
# first three tokens of 2500 sequences generated with gamma = 2, against the exact
# p(y1) p(y2 | y1) p(y3 | y2)
P = torch.tensor([[0.1, 0.6, 0.3], [0.5, 0.2, 0.3], [0.7, 0.1, 0.2]])
Qt = torch.tensor([[0.4, 0.3, 0.3], [0.2, 0.2, 0.6], [0.3, 0.6, 0.1]])
toy_target = lambda ctx, xs: P[[ctx[-1]] + xs]
toy_draft = lambda ctx: Qt[ctx[-1]]
exact = P[0][:, None, None] * P[:, :, None] * P[None, :, :]  # (3, 3, 3)
g = torch.Generator().manual_seed(1)
n, counts = 2500, torch.zeros(27)
for _ in range(n):
    seq = [0]
    while len(seq) < 4:
        seq += speculative_step(seq, 2, toy_target, toy_draft, g)
    counts[9 * seq[1] + 3 * seq[2] + seq[3]] += 1
expected = n * exact.flatten().double()
chi2 = ((counts - expected) ** 2 / expected).sum()
p_value = torch.special.gammaincc(torch.tensor(26 / 2).double(), chi2 / 2).item()
tv = 0.5 * (counts / n - exact.flatten()).abs().sum().item()
print(f"Monte Carlo, {n} sequences: chi-square {chi2:.1f} on 26 degrees of freedom,")
print(f"  p-value {p_value:.3f}; total variation from the exact distribution {tv:.4f}")
assert p_value > 1e-3, "the histogram is not the target's distribution"
# and the tokens per target call after token 0, exactly 1 + P(x_1 kept) + P(both kept)
a_row = torch.minimum(P, Qt).sum(dim=1)  # the acceptance rate after each token
exact_k = (1 + a_row[0] + (torch.minimum(P[0], Qt[0]) * a_row).sum()).item()
outs = [speculative_step([0], 2, toy_target, toy_draft, g) for _ in range(1500)]
k = torch.tensor([len(o) for o in outs], dtype=torch.float64)
se = k.std().item() / 1500**0.5
print(
    f"  tokens per call after token 0, gamma = 2: {k.mean():.3f} in 1500 calls "
    f"(exact {exact_k:.3f}, standard error {se:.3f})"
)
assert abs(k.mean().item() - exact_k) < 4 * se, "tokens per call off the exact value"

# 3. Tokens per target call when every position has the same acceptance rate
# a = sum of min(p, q): Leviathan et al.'s (1 - a^(gamma + 1)) / (1 - a) (their alpha)
p, q = torch.tensor([0.5, 0.3, 0.2]), torch.tensor([0.3, 0.3, 0.4])
a = torch.minimum(p, q).sum().item()  # the acceptance rate
print(f"same p and q at every position: acceptance rate a = sum of min(p, q) = {a:.2f}")
iid_target = lambda ctx, xs: p.expand(len(xs) + 1, 3)
iid_draft = lambda ctx: q
for gamma in range(1, 6):
    g = torch.Generator().manual_seed(gamma)
    outs = [speculative_step([0], gamma, iid_target, iid_draft, g) for _ in range(1200)]
    k = torch.tensor([len(o) for o in outs], dtype=torch.float64)  # tokens per call
    formula = (1 - a ** (gamma + 1)) / (1 - a)
    se = k.std().item() / 1200**0.5
    rate = ((k - 1).sum() / k.clamp(max=gamma).sum()).item()  # accepted / verified
    print(
        f"  gamma {gamma}: {k.mean():.3f} tokens per call (formula {formula:.3f}, "
        f"standard error {se:.3f}); acceptance rate {rate:.3f}"
    )
    assert abs(k.mean().item() - formula) < 4 * se, "tokens per call off the formula"
    assert abs(rate - a) < 0.03, "acceptance rate off sum of min(p, q)"
print("  each mean within 4 standard errors of the formula, each rate within 0.03 of a")
