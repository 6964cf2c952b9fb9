# needs: names_sft
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.manual_seed(0)
torch.set_num_threads(1)  # the same numbers at every run


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


# --- the GRPO loss
def group_advantages(r, G, eps=1e-4):
    """(r - mean) / (std + eps) within each group of G answers to one request. r is
    (B,), the G answers of a request next to each other; std with Bessel's n - 1."""
    r = r.view(-1, G)
    A = (r - r.mean(dim=1, keepdim=True)) / (r.std(dim=1, keepdim=True) + eps)
    return A.view(-1)


def grpo_loss(logp, logp_ref, A, mask, logp_old=None, eps=0.2, beta=0.04, norm="grpo"):
    """logp, logp_ref, logp_old, mask: (B, T) per answer token; A: (B,). Returns the
    loss to minimise. norm: "grpo" (mean per answer, then over answers), "bnpo"
    (mean over all tokens), "dr_grpo" (sum / (B * T))."""
    if logp_old is None:  # on-policy: the answers were sampled from this very model
        logp_old = logp.detach()
    ratio = (logp - logp_old).exp()  # pi / pi_old, per token
    A = A[:, None]
    clipped = ratio.clamp(1 - eps, 1 + eps)
    surrogate = torch.min(ratio * A, clipped * A)  # the pessimistic of the two
    d = logp_ref - logp
    kl = d.exp() - d - 1  # k3: >= 0, unbiased for KL(pi || pi_ref) under pi
    per_token = (-surrogate + beta * kl) * mask
    if norm == "grpo":
        return (per_token.sum(1) / mask.sum(1).clamp(min=1)).mean()
    if norm == "bnpo":
        return per_token.sum() / mask.sum().clamp(min=1)
    return per_token.sum() / mask.numel()  # dr_grpo: a constant, B * T


# --- end of the GRPO loss


# --- the GRPO run (the same code in train.py and plot.py)
def load(folder):
    model = Llama(V=len(VOCAB))
    weights = load_file(f"{folder}/model.safetensors")
    model.load_state_dict({k: weights[hf_name(k)] for k in model.state_dict()})
    return model


policy, ref = load("names_sft"), load("names_sft").requires_grad_(False)  # ref: frozen

# The held-out requests of the SFT page (same split, same seed): 300 requests.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
train_words = [words[i] for i in order[len(words) // 10 :]]


def kinds_for(names, g):
    """A random request kind per name; a length request only for 3 to 8 letters."""
    kinds = torch.randint(0, 3, (len(names),), generator=g).tolist()
    return [k if k < 2 or 3 <= len(n) <= 8 else k % 2 for n, k in zip(names, kinds)]


g_eval = torch.Generator().manual_seed(7)
pick = torch.randperm(len(val_words), generator=g_eval)[:300]
val_names = [val_words[i] for i in pick]
val_kinds = kinds_for(val_names, g_eval)
val_requests = [request_for(n, k) for n, k in zip(val_names, val_kinds)]
known = set(words)


def report(model, label):
    answers = reply(model, val_requests, torch.Generator().manual_seed(0))
    met = sum(map(satisfies, val_requests, answers)) / len(answers)
    real = sum(a in known for a in answers) / len(answers)
    length = sum(map(len, answers)) / len(answers)
    print(f"{label:7} reward {met:.1%}  real names {real:.1%}  length {length:.2f}")
    return answers


@torch.no_grad()
def rollout(model, requests, generator, most=10):
    """Like reply(), but keeps the ids: each row is prompt + answer + '<|end|>'."""
    out = [None] * len(requests)
    by_length = {}
    for i, r in enumerate(requests):
        by_length.setdefault(len(encode_chat(r)), []).append(i)
    for length, rows in by_length.items():
        x = torch.tensor([encode_chat(requests[i]) for i in rows])
        for _ in range(most):
            probs = F.softmax(model(x)[:, -1], dim=-1)
            x = torch.cat([x, torch.multinomial(probs, 1, generator=generator)], 1)
            if (x[:, length:] == END).any(1).all():  # every answer has ended
                break
        for i, ids in zip(rows, x.tolist()):
            end = ids.index(END, length) + 1 if END in ids[length:] else len(ids)
            out[i] = (ids[:end], length)
    return out


def token_logps(model, seqs):
    """log pi(token | before) for every answer token, right-padded: (N, T), mask."""
    T = max(len(ids) for ids, _ in seqs) - 1
    X = torch.zeros(len(seqs), T + 1, dtype=torch.long)
    mask = torch.zeros(len(seqs), T)
    for row, (ids, start) in enumerate(seqs):
        X[row, : len(ids)] = torch.tensor(ids)
        mask[row, start - 1 : len(ids) - 1] = 1  # positions that predict the answer
    logp = model(X[:, :-1]).log_softmax(-1).gather(2, X[:, 1:, None]).squeeze(2)
    return logp, mask


def answer_of(ids, start):
    return "".join(VOCAB[t] for t in ids[start:] if t != END)


def grpo(policy, ref, reward, steps, beta, G=8, B=16, lr=3e-4, mu=2, seed=1, log=5):
    """GRPO: per request G answers, group advantages, mu updates on each batch."""
    opt = torch.optim.AdamW(policy.parameters(), lr=lr, weight_decay=0.0)
    g = torch.Generator().manual_seed(seed)
    history = []
    for step in range(steps):
        rows = torch.randint(0, len(train_words), (B,), generator=g).tolist()
        names = [train_words[i] for i in rows]
        requests = [request_for(n, k) for n, k in zip(names, kinds_for(names, g))]
        requests = [r for r in requests for _ in range(G)]  # G answers per request
        seqs = rollout(policy, requests, g)
        r = torch.tensor([reward(q, answer_of(*s)) for q, s in zip(requests, seqs)])
        A = group_advantages(r.float(), G)
        with torch.no_grad():
            logp_old, mask = token_logps(policy, seqs)
            logp_ref, _ = token_logps(ref, seqs)
        for _ in range(mu):
            logp, _ = token_logps(policy, seqs)
            loss = grpo_loss(logp, logp_ref, A, mask, logp_old, beta=beta)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        with torch.no_grad():  # the k3 estimate, summed over the answer's tokens
            d = logp_ref - logp
            kl = ((d.exp() - d - 1) * mask).sum(1).mean()
        if step % log == 0 or step == steps - 1:
            print(f"step {step:2d}: reward {r.float().mean():.3f}  KL to ref {kl:.4f}")
        history.append((r.float().mean().item(), kl.item()))
    return history


# --- end of the GRPO run


print("names_sft + 15 GRPO steps: 16 requests x G = 8 answers, beta = 0.04, "
      "clip 0.2, AdamW lr 0.0003, 2 updates per batch")
before = report(policy, "before")
verifier = lambda request, answer: float(satisfies(request, answer))  # 1 or 0
grpo(policy, ref, verifier, steps=15, beta=0.04)  # G = 8, lr 3e-4, 2 updates a batch
answers = report(policy, "after")

# Is the gain more than sampling noise? A rate p measured on n requests has the
# binomial standard error sqrt(p (1 - p) / n); two independent rates, their sqrt-sum.
n = len(val_requests)
p0, p1 = (sum(map(satisfies, val_requests, a)) / n for a in (before, answers))
se0, se1 = ((p * (1 - p) / n) ** 0.5 for p in (p0, p1))
se = (se0**2 + se1**2) ** 0.5
print(f"standard error: before {se0:.1%}, after {se1:.1%}; gain {p1 - p0:+.1%} "
      f"+- {se:.1%} = {(p1 - p0) / se:.1f} standard errors")
for q, a in list(zip(val_requests, answers))[:4]:
    print(f"  {q!r:18} -> {a!r}")
