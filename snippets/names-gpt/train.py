import math

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

torch.manual_seed(0)  # initial weights
torch.set_num_threads(1)  # the same numbers at every run

# --- the data: names.txt, split 90/10 with a fixed seed ------------------------------
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
train_words = [words[i] for i in order[len(words) // 10 :]]
chars = ".abcdefghijklmnopqrstuvwxyz"  # '.' (id 0) starts and ends a name
stoi = {c: i for i, c in enumerate(chars)}
CONTEXT = 16  # '.' + up to 15 letters


def encode(names):
    """Inputs '.emma' and targets 'emma.', padded to CONTEXT; -100 = no target."""
    X = torch.zeros(len(names), CONTEXT, dtype=torch.long)
    Y = torch.full((len(names), CONTEXT), -100)
    for row, name in enumerate(names):
        ids = [stoi[c] for c in name]
        X[row, 1 : len(ids) + 1] = torch.tensor(ids)
        Y[row, : len(ids) + 1] = torch.tensor(ids + [0])
    return X, Y


Xtr, Ytr = encode(train_words)
Xva, Yva = encode(val_words)
print(f"{len(train_words)} training names, {len(val_words)} validation names")


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
L = len(model.blocks)
for name, p in model.named_parameters():  # GPT-2's initialisation
    if p.dim() == 2:
        writes_stream = name.endswith(("proj.weight", "mlp.2.weight"))
        std = 0.02 / math.sqrt(2 * L) if writes_stream else 0.02
        nn.init.normal_(p, std=std)
    elif name.endswith("bias") and "ln" not in name:
        nn.init.zeros_(p)
print(f"parameters: {sum(p.numel() for p in model.parameters()):,}")

STEPS, BATCH, LR, WARMUP = 1500, 64, 6e-3, 100
decay = [p for p in model.parameters() if p.dim() == 2]  # matrices and embeddings
no_decay = [p for p in model.parameters() if p.dim() < 2]  # biases and norm gains
opt = torch.optim.AdamW(
    [{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
    lr=LR,
    betas=(0.9, 0.99),
)
schedule = torch.optim.lr_scheduler.LambdaLR(  # linear warmup, cosine decay to 10%
    opt,
    lambda s: min(1.0, (s + 1) / WARMUP)
    * (0.1 + 0.45 * (1 + math.cos(math.pi * min(s, STEPS) / STEPS))),
)


@torch.no_grad()
def loss_on(X, Y):
    model.eval()
    loss = F.cross_entropy(model(X).reshape(-1, 27), Y.reshape(-1)).item()
    model.train()
    return loss


g = torch.Generator().manual_seed(1)  # which names go into each batch
curve = []
for step in range(STEPS + 1):
    if step % 150 == 0:
        curve.append((step, loss_on(Xtr[:3000], Ytr[:3000]), loss_on(Xva, Yva)))
        print(
            f"step {step:4d}: train {curve[-1][1]:.4f}  "
            f"validation {curve[-1][2]:.4f}"
        )
    if step == STEPS:
        break
    rows = torch.randint(0, len(Xtr), (BATCH,), generator=g)
    x, y = Xtr[rows], Ytr[rows]
    width = int((y != -100).sum(1).max())  # the longest name in the batch, plus '.'
    logits = model(x[:, :width])
    loss = F.cross_entropy(logits.reshape(-1, 27), y[:, :width].reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    schedule.step()

save_file(
    {k: v.contiguous() for k, v in model.state_dict().items()}, "names_gpt.safetensors"
)
print(
    f"validation loss {curve[-1][2]:.4f} nats per character; "
    "weights saved to names_gpt.safetensors"
)

fig, ax = plt.subplots(figsize=(7, 3.8))
steps = [c[0] for c in curve]
ax.plot(steps, [c[1] for c in curve], "o-", label="training names (3000)")
ax.plot(steps, [c[2] for c in curve], "o-", label="validation names")
ax.set_xlabel("training step (batches of 64 names)")
ax.set_ylabel("cross-entropy (nats per character)")
ax.set_ylim(1.9, 3.4)
ax.set_title("The names GPT learning: training and validation loss")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
