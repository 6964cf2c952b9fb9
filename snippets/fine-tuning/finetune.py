# needs: names-1915.txt, names_gpt.safetensors
import copy
import math

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}


def split(path):
    words = open(path).read().splitlines()
    order = torch.randperm(
        len(words), generator=torch.Generator().manual_seed(42)
    ).tolist()
    return [words[i] for i in order[len(words) // 10 :]], [
        words[i] for i in order[: len(words) // 10]
    ]


def encode(names):
    X = torch.zeros(len(names), 16, dtype=torch.long)
    Y = torch.full((len(names), 16), -100)
    for row, name in enumerate(names):
        ids = [stoi[c] for c in name]
        X[row, 1 : len(ids) + 1] = torch.tensor(ids)
        Y[row, : len(ids) + 1] = torch.tensor(ids + [0])
    return X, Y


train_1915, val_1915 = split("names-1915.txt")  # the new distribution
_, val_2015 = split("names.txt")  # the one the model was trained on
(X15, Y15), (V15, W15), (V20, W20) = (
    encode(train_1915),
    encode(val_1915),
    encode(val_2015),
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


# --- LoRA from scratch
class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update: W + (alpha / r) B A."""

    def __init__(self, base: nn.Linear, r: int = 4, alpha: float = 8.0):
        super().__init__()
        self.base = base.requires_grad_(False)  # frozen
        self.A = nn.Parameter(torch.empty(r, base.in_features))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))  # as PEFT and loralib do
        self.B = nn.Parameter(torch.zeros(base.out_features, r))  # zero: no change yet
        self.scale = alpha / r

    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.A.T) @ self.B.T

    def merged(self) -> nn.Linear:
        """One plain linear layer with the update folded into its weight."""
        out = copy.deepcopy(self.base)
        with torch.no_grad():
            out.weight += self.scale * self.B @ self.A
        return out


# --- end of LoRA from scratch


# --- the three ways to fine-tune
LR = {"full fine-tuning": 1e-3, "last block + output only": 1e-3, "LoRA, r = 4": 1e-2}


def prepare(model, method):
    """Freeze what the method leaves alone (adding LoRA); return what it trains."""
    if method == "full fine-tuning":
        return list(model.parameters())
    model.requires_grad_(False)
    if method == "last block + output only":
        for m in (model.blocks[-1], model.ln_f, model.head):
            m.requires_grad_(True)
    else:  # LoRA on every linear layer of the blocks (one A for the fused q, k, v)
        for block in model.blocks:
            block.qkv, block.proj = LoRALinear(block.qkv), LoRALinear(block.proj)
            block.mlp[0] = LoRALinear(block.mlp[0])
            block.mlp[2] = LoRALinear(block.mlp[2])
    return [p for p in model.parameters() if p.requires_grad]


def train_step(model, opt, X, Y):
    loss = F.cross_entropy(model(X).reshape(-1, 27), Y.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()


# --- end of the three ways to fine-tune


def loss_on(model, X, Y):
    with torch.no_grad():
        return F.cross_entropy(model(X).reshape(-1, 27), Y.reshape(-1)).item()


base = GPT()
base.load_state_dict(load_file("names_gpt.safetensors"))  # trained on 2015 names
base.eval()


def adapt(method):
    torch.manual_seed(0)
    model = copy.deepcopy(base)
    params = prepare(model, method)
    if method.startswith("LoRA"):
        torch.testing.assert_close(model(V15[:50]), base(V15[:50]))  # unchanged at 0
    opt = torch.optim.AdamW(params, lr=LR[method], weight_decay=0.0)
    g = torch.Generator().manual_seed(1)
    for step in range(100):
        rows = torch.randint(0, len(X15), (64,), generator=g)
        train_step(model, opt, X15[rows], Y15[rows])
    if method.startswith("LoRA"):  # fold B A into W: the same model
        merged = copy.deepcopy(model)
        for block in merged.blocks:
            block.qkv, block.proj = block.qkv.merged(), block.proj.merged()
            block.mlp[0], block.mlp[2] = block.mlp[0].merged(), block.mlp[2].merged()
        torch.testing.assert_close(merged(V15[:50]), model(V15[:50]))
    return model, sum(p.numel() for p in params)


print(f"{'':26} {'1915 names':>17} {'2015 names':>17} {'trainable':>10}")
print(
    f"{'':26} {'before':>8} {'after':>8} {'before':>8} {'after':>8} {'parameters':>10}"
)
b15, b20 = loss_on(base, V15, W15), loss_on(base, V20, W20)
models, after = {}, {}
for method in ("full fine-tuning", "last block + output only", "LoRA, r = 4"):
    model, trainable = adapt(method)
    model.eval()
    models[method] = model
    after[method] = (loss_on(model, V15, W15), loss_on(model, V20, W20))
    print(
        f"{method:26} {b15:8.4f} {after[method][0]:8.4f} {b20:8.4f} "
        f"{after[method][1]:8.4f} {trainable:>10,}"
    )

fig, ax = plt.subplots(figsize=(7, 4))
ax.scatter(
    [b15], [b20], s=90, marker="*", color="tab:gray", label="before (2015 model)"
)
for method, (l15, l20) in after.items():
    ax.annotate(
        "", (l15, l20), (b15, b20), arrowprops=dict(arrowstyle="->", color="gray")
    )
    ax.scatter([l15], [l20], s=60, label=method)
ax.set_xlabel("loss on held-out 1915 names (lower: adapted)")
ax.set_ylabel("loss on held-out 2015 names (higher: forgotten)")
ax.set_title("Fine-tuning the names GPT on 1915 names: adaptation vs forgetting")
ax.legend(fontsize=8)
ax.grid(True, alpha=0.3)
plt.show()


def sample(model, n=1000, seed=7):
    """n names at once: each row grows by one character until it has ended."""
    g = torch.Generator().manual_seed(seed)
    ids = torch.zeros(n, 1, dtype=torch.long)
    ended = torch.zeros(n, dtype=torch.bool)
    with torch.no_grad():
        while ids.shape[1] < 16 and not ended.all():
            p = F.softmax(model(ids)[:, -1], dim=-1)
            nxt = torch.multinomial(p, 1, generator=g)[:, 0].masked_fill(ended, 0)
            ended |= nxt == 0
            ids = torch.cat([ids, nxt[:, None]], dim=1)
    return ["".join(chars[i] for i in row[1:]).split(".")[0] for row in ids.tolist()]


names_1915 = set(open("names-1915.txt").read().splitlines())
names_2015 = set(open("names.txt").read().splitlines())
print(f"\n1000 sampled names each  {'a 1915 name':>12} {'only in 1915':>13} "
      f"{'a 2015 name':>12}  first six")
for method, model in [("the 2015 model", base)] + list(models.items()):
    names = sample(model)
    share = lambda names_of: sum(n in names_of for n in names) / len(names)
    only_1915 = share(names_1915 - names_2015)
    print(f"{method:24} {share(names_1915):12.1%} {only_1915:13.1%}"
          f" {share(names_2015):12.1%}  {', '.join(names[:6])}")
