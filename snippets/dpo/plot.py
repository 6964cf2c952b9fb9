# needs: names_sft
import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.manual_seed(0)
torch.set_num_threads(1)  # the same numbers at every run

# --- the data: the names Llama's split, 90/10 with the same seed -------------------
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
train_words = [words[i] for i in order[len(words) // 10 :]]


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


def load(folder):
    model = Llama(V=len(VOCAB))
    weights = load_file(f"{folder}/model.safetensors")
    model.load_state_dict({k: weights[hf_name(k)] for k in model.state_dict()})
    return model


# --- the DPO loss ---------------------------------------------------------------------
def answer_logps(model, requests, answers):
    """log pi(y | x) of each pair's answer: the log-probabilities of the answer's tokens
    and its '<|end|>' summed, the prompt's masked out. One number per pair, (B,)."""
    seqs = [encode_chat(r, a) for r, a in zip(requests, answers)]
    ids = torch.zeros(len(seqs), max(map(len, seqs)), dtype=torch.long)
    on_answer = torch.zeros(ids.shape)  # 1 where a token belongs to the answer
    for row, s in enumerate(seqs):
        ids[row, : len(s)] = torch.tensor(s)
        on_answer[row, s.index(ASSISTANT) + 1 : len(s)] = 1.0
    logp = F.log_softmax(model(ids[:, :-1]), dim=-1)  # (B, T-1, V): predicts ids[:, 1:]
    logp = logp.gather(-1, ids[:, 1:, None]).squeeze(-1)  # (B, T-1)
    return (logp * on_answer[:, 1:]).sum(-1)


def dpo_loss(pi_w, pi_l, ref_w, ref_l, beta):
    """-log sigmoid(beta * margin): the margin is the chosen (w) answer's log-ratio to
    the reference minus the rejected (l) answer's; mean over the pairs."""
    margin = (pi_w - ref_w) - (pi_l - ref_l)
    return -F.logsigmoid(beta * margin).mean()


# --- end of the DPO loss --------------------------------------------------------------


def kinds_for(names, g):
    """A random request kind per name; a length request only for 3 to 8 letters."""
    kinds = torch.randint(0, 3, (len(names),), generator=g).tolist()
    return [k if k < 2 or 3 <= len(n) <= 8 else k % 2 for n, k in zip(names, kinds)]


g_eval = torch.Generator().manual_seed(7)
picked = torch.randperm(len(val_words), generator=g_eval)[:300]
val_names = [val_words[i] for i in picked]
val_kinds = kinds_for(val_names, g_eval)
val_requests = [request_for(n, k) for n, k in zip(val_names, val_kinds)]


def evaluate(model):
    """Share of 300 validation requests met (sampled at temperature 1), and the
    validation loss on plain names ('.emma.'), the names Llama's own task."""
    model.eval()
    answers = reply(model, val_requests, torch.Generator().manual_seed(0))
    met = sum(map(satisfies, val_requests, answers)) / len(val_requests)
    X = torch.zeros(len(val_words), 16, dtype=torch.long)
    Y = torch.full((len(val_words), 16), -100)
    for row, name in enumerate(val_words):
        ids = [VOCAB.index(c) for c in name]
        X[row, 1 : len(ids) + 1] = torch.tensor(ids)
        Y[row, : len(ids) + 1] = torch.tensor(ids + [0])
    with torch.no_grad():
        plain = F.cross_entropy(model(X).reshape(-1, len(VOCAB)), Y.reshape(-1)).item()
    model.train()
    return met, plain, answers


def encodable(answer):
    """An answer the chat format can encode: no special token was sampled inside it."""
    return all(c in VOCAB for c in answer)


@torch.no_grad()
def kl_to_reference(model, ref, requests, answers):
    """KL(pi || pi_ref) of the answers, per answer: at every answer position the KL of
    the two next-token distributions, summed over the answer, averaged over answers."""
    pairs = [(r, a) for r, a in zip(requests, answers) if encodable(a)]
    seqs = [encode_chat(r, a) for r, a in pairs]
    ids = torch.zeros(len(seqs), max(map(len, seqs)), dtype=torch.long)
    on_answer = torch.zeros(ids.shape)
    for row, s in enumerate(seqs):
        ids[row, : len(s)] = torch.tensor(s)
        on_answer[row, s.index(ASSISTANT) + 1 : len(s)] = 1.0
    logp = F.log_softmax(model(ids[:, :-1]), dim=-1)
    logq = F.log_softmax(ref(ids[:, :-1]), dim=-1)
    kl = (logp.exp() * (logp - logq)).sum(-1)  # (B, T-1), one KL per position
    return (kl * on_answer[:, 1:]).sum(-1).mean().item()


ref = load("names_sft")
ref.requires_grad_(False)

# --- preference pairs: two samples of the SFT model per request, judged by the verifier
g = torch.Generator().manual_seed(1)
names = [train_words[i] for i in torch.randint(len(train_words), (768,), generator=g)]
requests = [request_for(n, k) for n, k in zip(names, kinds_for(names, g))]
first, second = reply(ref, requests, g, most=10), reply(ref, requests, g, most=10)
pairs = []  # (request x, chosen y_w, rejected y_l); answers cut at 10 tokens dropped
for x, a, b in zip(requests, first, second):
    whole = all(encodable(y) and len(y) < 10 for y in (a, b))
    if whole and satisfies(x, a) != satisfies(x, b):
        pairs.append((x, a, b) if satisfies(x, a) else (x, b, a))
print(f"{len(pairs)} pairs, as in train.py")
X, W, L = zip(*pairs)
with torch.no_grad():  # the reference's log-probabilities, computed once
    ref_w, ref_l = answer_logps(ref, X, W), answer_logps(ref, X, L)

STEPS, BATCH, LR = 20, 32, 3e-4  # a third of train.py's steps, the rest the same
results = {}
for beta in (0.01, 0.1, 1.0, 10.0):
    policy = load("names_sft")
    opt = torch.optim.AdamW(policy.parameters(), lr=LR, weight_decay=0.0)
    g_steps = torch.Generator().manual_seed(2)  # the same batches for every beta
    for step in range(STEPS):
        rows = torch.randint(0, len(pairs), (BATCH,), generator=g_steps)
        x = [X[i] for i in rows]
        pi_w = answer_logps(policy, x, [W[i] for i in rows])
        pi_l = answer_logps(policy, x, [L[i] for i in rows])
        loss = dpo_loss(pi_w, pi_l, ref_w[rows], ref_l[rows], beta)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
    met, plain, answers = evaluate(policy)
    results[beta] = (met, kl_to_reference(policy, ref, val_requests, answers), plain)

print(f"after {STEPS} steps:")
print(f"{'beta':>6}  {'requests met':>12}  {'KL to ref':>9}  {'plain-names loss':>16}")
for beta, (met, kl, plain) in results.items():
    print(f"{beta:6}  {met:12.0%}  {kl:9.3f}  {plain:16.4f}")

betas = list(results)
fig, axes = plt.subplots(1, 3, figsize=(9, 3))
for ax, col, label in zip(
    axes, range(3), ["requests met", "KL to the reference (nats)", "plain-names loss"]
):
    ax.plot(betas, [results[b][col] for b in betas], "o-")
    ax.set_xscale("log")
    ax.set_xlabel("beta")
    ax.set_title(label, fontsize=10)
fig.suptitle(
    f"DPO from names_sft, {STEPS} steps: a larger beta stays closer to the reference"
)
fig.tight_layout()
plt.show()
