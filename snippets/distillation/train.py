# needs: names_llama
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.manual_seed(0)
torch.set_num_threads(1)  # the same numbers at every run

# The data: the names Llama's split, 90/10 with the same seed.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
train_words = [words[i] for i in order[len(words) // 10 :]]
chars = ".abcdefghijklmnopqrstuvwxyz"  # '.' (id 0) starts and ends a name
CONTEXT = 16  # '.' + up to 15 letters


def encode(names):
    """Inputs '.emma' and targets 'emma.', padded to CONTEXT; -100 = no target."""
    X = torch.zeros(len(names), CONTEXT, dtype=torch.long)
    Y = torch.full((len(names), CONTEXT), -100)
    for row, name in enumerate(names):
        ids = [chars.index(c) for c in name]
        X[row, 1 : len(ids) + 1] = torch.tensor(ids)
        Y[row, : len(ids) + 1] = torch.tensor(ids + [0])
    return X, Y


Xtr, Ytr = encode(train_words)
Xva, Yva = encode(val_words)


# --- the names Llama (the same code in every snippet that uses it) -------------------
class RMSNorm(nn.Module):
    """x / rms(x) * g, no mean, no bias; in float32, as Hugging Face's LlamaRMSNorm."""

    def __init__(self, d_model, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(d_model))  # the gain g

    def forward(self, x):
        x32 = x.float()
        x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * x32.to(x.dtype)


def rope(x, base=10000.0):
    """Rotary positions on (B, heads, T, d_k): dimension i pairs with i + d_k/2 (the
    halves of GPT-NeoX and Hugging Face's Llama), rotated by the angle m * omega_i."""
    T, d_k = x.shape[-2:]
    omega = 1.0 / base ** (torch.arange(0, d_k, 2).float() / d_k)  # (d_k/2,)
    angle = torch.arange(T).float()[:, None] * omega  # (T, d_k/2): position m
    cos, sin = angle.cos(), angle.sin()
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


class LlamaBlock(nn.Module):
    """x + attention(RMSNorm(x)), then x + SwiGLU(RMSNorm(x)); no biases anywhere."""

    def __init__(self, d_model, H, H_kv, d_ff):
        super().__init__()
        self.H, self.H_kv, d_k = H, H_kv, d_model // H
        self.input_layernorm = RMSNorm(d_model)
        self.q_proj = nn.Linear(d_model, H * d_k, bias=False)
        self.k_proj = nn.Linear(d_model, H_kv * d_k, bias=False)  # fewer K, V heads
        self.v_proj = nn.Linear(d_model, H_kv * d_k, bias=False)
        self.o_proj = nn.Linear(H * d_k, d_model, bias=False)
        self.post_attention_layernorm = RMSNorm(d_model)
        self.gate_proj = nn.Linear(d_model, d_ff, bias=False)  # SwiGLU: three matrices
        self.up_proj = nn.Linear(d_model, d_ff, bias=False)
        self.down_proj = nn.Linear(d_ff, d_model, bias=False)

    def forward(self, x):  # (B, T, d_model)
        B, T, d_model = x.shape
        heads = lambda t: t.view(B, T, -1, d_model // self.H).transpose(1, 2)
        h = self.input_layernorm(x)
        q = rope(heads(self.q_proj(h)))  # (B, H, T, d_k)
        k = rope(heads(self.k_proj(h)))  # (B, H_kv, T, d_k)
        v = heads(self.v_proj(h))
        g = self.H // self.H_kv  # query heads per key-value head
        k, v = k.repeat_interleave(g, dim=1), v.repeat_interleave(g, dim=1)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.o_proj(a.transpose(1, 2).reshape(B, T, d_model))
        h = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(h)) * self.up_proj(h))


class Llama(nn.Module):
    def __init__(self, V=27, d_model=48, H=4, H_kv=2, d_ff=150, L=2):
        super().__init__()
        self.embed_tokens = nn.Embedding(V, d_model)  # no position embedding: RoPE
        blocks = [LlamaBlock(d_model, H, H_kv, d_ff) for _ in range(L)]
        self.layers = nn.Sequential(*blocks)
        self.norm = RMSNorm(d_model)
        self.lm_head = nn.Linear(d_model, V, bias=False)  # untied output layer

    def forward(self, idx):  # (B, T) ids -> logits
        return self.lm_head(self.norm(self.layers(self.embed_tokens(idx))))  # (B, T, V)


# --- end of the names Llama -----------------------------------------------------------


# --- the distillation loss --------------------------------------------------
def distill_loss(z_S, z_T, tau):
    """tau^2 KL(p_T || p_S) of the softened distributions p = softmax(z / tau), summed
    over the V tokens, averaged over the N positions; z_S, z_T: (N, V) logits."""
    log_p_S = F.log_softmax(z_S / tau, dim=-1)
    log_p_T = F.log_softmax(z_T / tau, dim=-1)
    kl = (log_p_T.exp() * (log_p_T - log_p_S)).sum(dim=-1)  # (N,): one per position
    return tau**2 * kl.mean()


# --- end of the distillation loss -------------------------------------------


def hf_name(name):
    """layers.0.q_proj.weight -> model.layers.0.self_attn.q_proj.weight, and so on."""
    if name.startswith("lm_head"):
        return name
    for module, parts in [("self_attn", "qkvo"), ("mlp", ("gate", "up", "down"))]:
        for part in parts:
            name = name.replace(f".{part}_proj", f".{module}.{part}_proj")
    return "model." + name


teacher = Llama()  # the pretrained names Llama, frozen: it only gives targets
weights = load_file("names_llama/model.safetensors")
teacher.load_state_dict({k: weights[hf_name(k)] for k in teacher.state_dict()})
teacher.eval().requires_grad_(False)
SMALL = dict(d_model=24, H=4, H_kv=2, d_ff=72, L=2)  # half the width, same depth
size = lambda model: sum(p.numel() for p in model.parameters())
N_T, N_S = size(teacher), size(Llama(**SMALL))
print(f"teacher: {N_T:,} parameters (d_model 48, d_ff 150, L 2)")
print(f"student: {N_S:,} parameters (d_model 24, d_ff 72, L 2), {N_S / N_T:.0%}")

# What the soft targets hold: the teacher's next letter after '.emm', softened by tau.
with torch.no_grad():
    z = teacher(torch.tensor([[0, 5, 13, 13]]))[0, -1]  # (V,) logits
for tau in (1, 2, 4):
    p = F.softmax(z / tau, dim=-1)
    top = p.topk(5)
    print(f"  tau = {tau}: " + "  ".join(
        f"{chars[i]} {q:.3f}" for q, i in zip(top.values.tolist(), top.indices.tolist())
    ))


@torch.no_grad()
def val_loss(model):
    """Cross-entropy on the validation names' hard labels, at tau = 1."""
    model.eval()
    loss = F.cross_entropy(model(Xva).reshape(-1, 27), Yva.reshape(-1)).item()
    model.train()
    return loss


def train_student(tau=None, STEPS=300, BATCH=64, LR=6e-3, WARMUP=100):
    """The names Llama's recipe on a student, 300 steps instead of 800. tau=None:
    cross-entropy on the next letter (hard labels); else the distillation loss."""
    torch.manual_seed(0)  # the same initial weights for both students
    student = Llama(**SMALL)
    for name, p in student.named_parameters():  # the names Llama's initialisation
        if p.dim() == 2:
            writes_stream = name.endswith(("o_proj.weight", "down_proj.weight"))
            nn.init.normal_(p, std=0.02 / math.sqrt(2 * 2) if writes_stream else 0.02)
    decay = [p for p in student.parameters() if p.dim() == 2]
    no_decay = [p for p in student.parameters() if p.dim() < 2]
    groups = [
        {"params": decay, "weight_decay": 0.1},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=LR, betas=(0.9, 0.99))
    schedule = torch.optim.lr_scheduler.LambdaLR(  # linear warmup, cosine decay to 10%
        opt,
        lambda s: min(1.0, (s + 1) / WARMUP)
        * (0.1 + 0.45 * (1 + math.cos(math.pi * min(s, STEPS) / STEPS))),
    )
    g = torch.Generator().manual_seed(1)  # the same batches for both students
    curve = []
    for step in range(1, STEPS + 1):
        rows = torch.randint(0, len(Xtr), (BATCH,), generator=g)
        width = int((Ytr[rows] != -100).sum(1).max())
        x, y = Xtr[rows, :width], Ytr[rows, :width]
        keep = y != -100  # the N positions that have a next letter
        z_S = student(x)[keep]  # (N, V)
        if tau is None:
            loss = F.cross_entropy(z_S, y[keep])
        else:
            with torch.no_grad():
                z_T = teacher(x)[keep]  # (N, V): one teacher forward pass per batch
            loss = distill_loss(z_S, z_T, tau)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(student.parameters(), 1.0)
        opt.step()
        schedule.step()
        if step % 100 == 0:
            curve.append(val_loss(student))
    return curve


hard = train_student(tau=None)
soft = train_student(tau=2.0)
print("validation loss (hard labels, tau = 1), both students from the same start,")
print("the same 300 batches:")
print("  step   hard labels   soft targets, tau = 2")
for step, a, b in zip((100, 200, 300), hard, soft):
    print(f"  {step:4d}   {a:11.4f}   {b:21.4f}")
print(f"teacher (800 steps): {val_loss(teacher):.4f}")
