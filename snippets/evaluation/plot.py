# needs: names_sft
import math
import re

import matplotlib.pyplot as plt
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


# --- the chat format (the same code in every snippet that uses it) ---------------
chars = ".abcdefghijklmnopqrstuvwxyz"
VOCAB = list(chars) + [" ", "<|user|>", "<|assistant|>", "<|end|>"]  # ids 0 to 30
USER, ASSISTANT, END = 28, 29, 30
NUMBERS = ["three", "four", "five", "six", "seven", "eight"]  # lengths 3 to 8


def request_for(name, kind):
    """A request `name` meets: kind 0 its first letter, 1 its last, 2 its length."""
    if kind == 0:
        return f"starts with {name[0]}"
    if kind == 1:
        return f"ends with {name[-1]}"
    return f"{NUMBERS[len(name) - 3]} letters"


def satisfies(request, answer):
    """The verifier: is the answer a name (letters a-z only) that meets the request?"""
    if not answer or any(c not in chars[1:] for c in answer):
        return False
    first, *_, last = request.split()
    if first == "starts":
        return answer[0] == last
    if first == "ends":
        return answer[-1] == last
    return len(answer) == NUMBERS.index(first) + 3


def encode_chat(request, answer=None):
    """The chat template's ids: '.<|user|>' request '<|end|><|assistant|>', then the
    answer and '<|end|>' when there is one (without: the generation prompt)."""
    ids = [0, USER] + [VOCAB.index(c) for c in request] + [END, ASSISTANT]
    if answer is not None:
        ids += [VOCAB.index(c) for c in answer] + [END]
    return ids


@torch.no_grad()
def reply(model, requests, generator, temperature=1.0, most=16):
    """Sample one answer per request, a token at a time, until '<|end|>' (or `most`
    tokens). Prompts of the same length go through the model together."""
    out = [None] * len(requests)
    by_length = {}
    for i, r in enumerate(requests):
        by_length.setdefault(len(encode_chat(r)), []).append(i)
    for length in sorted(by_length):
        rows = by_length[length]
        x = torch.tensor([encode_chat(requests[i]) for i in rows])
        for _ in range(most):
            probs = F.softmax(model(x)[:, -1] / temperature, dim=-1)
            x = torch.cat([x, torch.multinomial(probs, 1, generator=generator)], 1)
        for i, ids in zip(rows, x[:, length:].tolist()):
            ids = ids[: ids.index(END)] if END in ids else ids
            out[i] = "".join(VOCAB[t] for t in ids)
    return out


# --- end of the chat format ---------------------------------------------------------


def hf_name(name):
    """layers.0.q_proj.weight -> model.layers.0.self_attn.q_proj.weight, and so on."""
    if name.startswith("lm_head"):
        return name
    for module, parts in [("self_attn", "qkvo"), ("mlp", ("gate", "up", "down"))]:
        for part in parts:
            name = name.replace(f".{part}_proj", f".{module}.{part}_proj")
    return "model." + name


# --- the pass@k estimator ----------------------------------------------------------
def pass_at_k(n, c, k):
    """Chen et al.'s unbiased estimator 1 - C(n-c, k) / C(n, k) from n answers of which
    c are right, as their product: the chance that k answers drawn without
    replacement from the n are all wrong, subtracted from 1."""
    if n - c < k:
        return 1.0  # fewer than k wrong answers: every k of them hold a right one
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def mean_pass_at_k(ns, cs, k):
    """pass@k of a benchmark: the estimate of each problem, averaged over problems."""
    return sum(pass_at_k(n, c, k) for n, c in zip(ns, cs)) / len(ns)


# --- end of the pass@k estimator ---------------------------------------------------

model = Llama(V=len(VOCAB))  # names_sft: the names Llama + 300 SFT steps
weights = load_file("names_sft/model.safetensors")
model.load_state_dict({k: weights[hf_name(k)] for k in model.state_dict()})
model.eval()

# Every request the format allows (58), n = 20 answers each, sampled at temperature 1.
requests = [f"{kind} with {c}" for kind in ("starts", "ends") for c in chars[1:]]
requests += [f"{w} letters" for w in NUMBERS]
R, n = len(requests), 20
answers = reply(model, requests * n, torch.Generator().manual_seed(0))
answers = [answers[j * R : (j + 1) * R] for j in range(n)]  # answers[sample][request]
ok = torch.tensor([[satisfies(r, a) for r, a in zip(requests, row)] for row in answers])
c = ok.sum(0).tolist()  # right answers per request

# The model's own score of each answer, ln p(answer + '<|end|>' | prompt): a selector
# that needs no verifier.
seqs, starts = [], []
for row in answers:
    for r, a in zip(requests, row):
        tokens = re.findall(r"<\|\w+\|>|.", a)  # '<|user|>' is one token
        seqs.append(encode_chat(r) + [VOCAB.index(t) for t in tokens] + [END])
        starts.append(len(encode_chat(r)))  # the first answer token
X = torch.zeros(len(seqs), max(map(len, seqs)), dtype=torch.long)  # right-padded
for row, ids in enumerate(seqs):
    X[row, : len(ids)] = torch.tensor(ids)
with torch.no_grad():
    logp = F.log_softmax(model(X[:, :-1]), dim=-1).gather(-1, X[:, 1:, None])[..., 0]
pos = torch.arange(X.shape[1] - 1)
counted = torch.stack(
    [(pos >= s - 1) & (pos < len(q) - 1) for s, q in zip(starts, seqs)]
)
score = torch.where(counted, logp, 0.0).sum(1).view(n, R)

Ns = list(range(1, n + 1))
verifier, estimate, biased, by_likelihood = [], [], [], []
for N in Ns:
    verifier.append(ok[:N].any(0).float().mean().item())  # best of the first N answers
    estimate.append(mean_pass_at_k([n] * R, c, N))
    biased.append(sum(1 - (1 - ci / n) ** N for ci in c) / R)
    best = score[:N].argmax(0)  # the answer the model itself likes most
    by_likelihood.append(ok[best, torch.arange(R)].float().mean().item())
print(f"names_sft, {R} requests, n = {n} answers each at temperature 1: {sum(c)} right")
print(" N  best-of-N, verifier  pass@N estimate  biased  best-of-N, model's ln p")
for N in (1, 2, 4, 8, 16, 20):
    i = N - 1
    print(
        f"{N:2d}  {verifier[i]:19.4f}  {estimate[i]:15.4f}  {biased[i]:6.4f}"
        f"  {by_likelihood[i]:24.4f}"
    )

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(Ns, verifier, "o", label="best-of-N with the verifier (the first N answers)")
ax.plot(Ns, estimate, "-", label="pass@N, unbiased estimate from all 20")
ax.plot(Ns, biased, "--", label="1 - (1 - c/n)^N (biased low)")
ax.plot(Ns, by_likelihood, "s-", label="best-of-N by the model's own ln p")
ax.set_xlabel("N, answers sampled per request")
ax.set_ylabel("share of the 58 requests met")
ax.set_title("Best-of-N on names_sft: a verifier turns more samples into more success")
ax.set_ylim(0.2, 0.8)
ax.legend(fontsize=8, loc="lower right")
plt.show()
