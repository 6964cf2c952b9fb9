# needs: names_llama
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


# The base model: the names Llama's weights, 27 tokens; 4 rows more for the new tokens,
# each the mean of the trained rows (a new token starts as an average token).
base = Llama()
state = load_file("names_llama/model.safetensors")
base.load_state_dict({k: state[hf_name(k)] for k in base.state_dict()})
model = Llama(V=len(VOCAB))
with torch.no_grad():
    for k, p in model.state_dict().items():
        old = base.state_dict()[k]
        if k in ("embed_tokens.weight", "lm_head.weight"):
            p.copy_(torch.cat([old, old.mean(0, keepdim=True).expand(4, -1)]))
        else:
            p.copy_(old)


def batch_of(names, kinds, answer_only=True):
    """Inputs and targets, right-padded; the target of every prompt position is -100
    (no loss) unless answer_only is False."""
    seqs = [encode_chat(request_for(n, k), n) for n, k in zip(names, kinds)]
    T = max(map(len, seqs)) - 1
    X = torch.zeros(len(seqs), T, dtype=torch.long)
    Y = torch.full((len(seqs), T), -100)
    for row, ids in enumerate(seqs):
        X[row, : len(ids) - 1] = torch.tensor(ids[:-1])
        Y[row, : len(ids) - 1] = torch.tensor(ids[1:])
        if answer_only:  # the prompt ends at '<|assistant|>'
            Y[row, : ids.index(ASSISTANT)] = -100
    return X, Y


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



# Before any step, on plain names: the 4 new rows (the mean of the trained rows) add 4
# logits, each the mean of the 27 old ones, and take a share of the probability. Over
# the 27 old tokens alone, the loss is the names Llama's own.
T = max(map(len, val_words)) + 1  # no wider than the longest name: one forward pass
X = torch.zeros(len(val_words), T, dtype=torch.long)
Y = torch.full((len(val_words), T), -100)
for row, name in enumerate(val_words):
    ids = [VOCAB.index(c) for c in name]
    X[row, 1 : len(ids) + 1] = torch.tensor(ids)
    Y[row, : len(ids) + 1] = torch.tensor(ids + [0])
with torch.no_grad():
    z = model(X)[Y != -100]  # (N, 31): the logits of the N scored positions
y = Y[Y != -100]
torch.testing.assert_close(z[:, 27:], z[:, :27].mean(1, keepdim=True).expand(-1, 4))
new = z.softmax(-1)[:, 27:].sum(-1)  # the probability of the 4 new tokens, per position
old_loss, loss = F.cross_entropy(z[:, :27], y), F.cross_entropy(z, y)
torch.testing.assert_close(loss - old_loss, -(1 - new).log().mean())
print(f"before SFT, plain names: loss over the 27 old tokens {old_loss:.4f}, "
      f"over all 31 {loss:.4f} (+{loss - old_loss:.4f}): "
      f"the 4 new tokens take {new.mean():.1%}")

# Two runs from the same start, the same batches, the same requests: sft.py's recipe at
# half its length (150 steps, to spare the page's CPU time); only the targets differ.
start = {k: v.clone() for k, v in model.state_dict().items()}
STEPS, BATCH, LR = 150, 64, 2e-3
curves, results = {}, {}
for answer_only in (True, False):
    run = "answer only" if answer_only else "every token"
    model.load_state_dict(start)
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.0)
    g = torch.Generator().manual_seed(1)
    curve = []
    for step in range(STEPS):
        rows = torch.randint(0, len(train_words), (BATCH,), generator=g).tolist()
        names = [train_words[i] for i in rows]
        kinds = kinds_for(names, g)
        X, Y = batch_of(names, kinds, answer_only)
        logits = model(X).reshape(-1, len(VOCAB))
        loss = F.cross_entropy(logits, Y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        # the same batch scored on its answers: -100 before <|assistant|>, as batch_of
        Y_answer = Y.masked_fill((X == ASSISTANT).cumsum(1) == 0, -100)
        curve.append(F.cross_entropy(logits.detach(), Y_answer.reshape(-1)).item())
    curves[run] = curve
    met, plain, answers = evaluate(model)
    with torch.no_grad():  # what follows '.', the first token of a chat and of a name
        p_user = F.softmax(model(torch.tensor([[0]]))[0, -1], -1)[USER].item()
    results[run] = met, plain, p_user

print(f"after {STEPS} steps   requests met   plain-names loss   P(<|user|> after '.')")
for run, (met, plain, p_user) in results.items():
    print(f"{run:18} {met:>10.0%} {plain:>18.4f} {p_user:>20.4f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
for run, curve in curves.items():
    smooth = torch.tensor(curve).unfold(0, 10, 1).mean(1)  # mean of 10 steps
    ax.plot(range(9, STEPS), smooth.tolist(), label=f"trained with the loss on {run}")
ax.set_title("SFT: the loss on the answers, per kind of training loss")
ax.set_xlabel("step")
ax.set_ylabel("cross-entropy on the answers")
ax.legend()
fig.tight_layout()
plt.show()
