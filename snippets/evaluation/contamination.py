# needs: names_llama, names-1915.txt
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)

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


def hf_name(name):
    """layers.0.q_proj.weight -> model.layers.0.self_attn.q_proj.weight, and so on."""
    if name.startswith("lm_head"):
        return name
    for module, parts in [("self_attn", "qkvo"), ("mlp", ("gate", "up", "down"))]:
        for part in parts:
            name = name.replace(f".{part}_proj", f".{module}.{part}_proj")
    return "model." + name


model = Llama()  # the names Llama, trained on train_words only
weights = load_file("names_llama/model.safetensors")
model.load_state_dict({k: weights[hf_name(k)] for k in model.state_dict()})
model.eval()
chars = ".abcdefghijklmnopqrstuvwxyz"


# --- the option scores -------------------------------------------------------------
def log_likelihoods(model, names):
    """ln p(name + '.' | '.') for each name: the log-probabilities of its letters and of
    the end mark, summed; and its length in characters (here also in bytes)."""
    X = torch.zeros(len(names), 17, dtype=torch.long)  # '.name.', padded with '.'
    keep = torch.zeros(len(names), 16, dtype=torch.bool)  # the targets to score
    for row, name in enumerate(names):
        X[row, 1 : len(name) + 1] = torch.tensor([chars.index(c) for c in name])
        keep[row, : len(name) + 1] = True  # its letters and the end mark
    logp = F.log_softmax(model(X[:, :-1]), dim=-1)  # (B, 16, V): i predicts i + 1
    picked = logp.gather(-1, X[:, 1:, None])[..., 0]  # (B, 16)
    total = torch.where(keep, picked, 0.0).sum(dim=1)  # (B,)
    return total, torch.tensor([float(len(n)) for n in names])


def choose(total, length):
    """The option picked by the summed log-likelihood (lm-evaluation-harness's acc)
    and by the log-likelihood per character (its acc_norm); inputs (questions, 4)."""
    return total.argmax(dim=1), (total / length).argmax(dim=1)


# --- end of the option scores ------------------------------------------------------

# The names Llama's split (same seed as its training snippet).
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
train_words = [words[i] for i in order[len(words) // 10 :]]
train, val = set(train_words), set(val_words)
old = open("names-1915.txt").read().splitlines()

print(f"names.txt: {len(words)} lines, {len(set(words))} distinct")
print(f"training split {len(train)}, validation split {len(val)}, "
      f"in both: {len(train & val)}")
print(f"names-1915.txt: {len(old)} names; in the training split "
      f"{len(train & set(old))}, in validation {len(val & set(old))}, "
      f"in neither {len(set(old) - train - val)}")


with torch.no_grad():  # each name's ln p and length, once
    scored = {}
    for names in (train_words[:3046], val_words, old):
        total, length = log_likelihoods(model, names)
        scored.update(zip(names, zip(total.tolist(), length.tolist())))


def loss(names):
    """Mean negative log-likelihood per token (letters and end marks), in nats."""
    return -sum(scored[w][0] for w in names) / sum(scored[w][1] + 1 for w in names)


print("\nthe names Llama's loss, nats per token:")
sets = {
    "training split (3046 of its names)": train_words[:3046],
    "validation split": val_words,
    "1915, all names": old,
    "1915, also in its training split": [w for w in old if w in train],
    "1915, in its validation split": [w for w in old if w in val],
    "1915, in no split (clean)": [w for w in old if w not in train and w not in val],
}
for label, names in sets.items():
    print(f"  {label:34} {loss(names):.4f}  ({len(names)} names)")

# Bits per byte: nats per token / ln 2 x tokens / bytes. The text of the validation
# names is their lines in names.txt, 'emma\n': one byte per letter, one for '\n'.
tokens = sum(len(w) + 1 for w in val_words)  # letters and the end mark '.'
text = "".join(w + "\n" for w in val_words).encode("utf-8")
nats = loss(val_words)
bits = nats / math.log(2)
print(f"\nvalidation: {nats:.4f} nats per token = {bits:.4f} bits per token")
print(f"tokens {tokens}, bytes {len(text)}: "
      f"bits per byte {bits * tokens / len(text):.4f}")
letters = sum(map(len, val_words))  # bytes without the newlines
print(f"per letter, newlines not counted: {bits * tokens / letters:.4f} bits")
