# timing: seconds on the machine that builds this site; yours will differ.
import copy
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)


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


x = torch.randint(0, 27, (64, 10))  # a batch of 64 names of 10 characters
y = torch.randint(0, 27, (64, 10))
runs = {}
for method in LR:
    model = GPT()  # random weights: the cost does not depend on them
    opt = torch.optim.AdamW(prepare(model, method), lr=LR[method])
    for _ in range(10):  # warm-up steps, not timed
        train_step(model, opt, x, y)
    runs[method] = (model, opt)
best = {method: float("inf") for method in LR}
for _ in range(5):  # the three take turns; the best of 5 rounds of 20 steps each
    for method, (model, opt) in runs.items():
        start = time.perf_counter()
        for _ in range(20):
            train_step(model, opt, x, y)
        best[method] = min(best[method], (time.perf_counter() - start) / 20)
for method, seconds in best.items():
    print(f"{method:26} {seconds * 1000:6.2f} ms per step")
