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


# --- the reward model
class RewardModel(nn.Module):
    """A language model's body (no lm_head) and a scalar head: the reward of a chat is
    the head's score of its last token that is not padding."""

    def __init__(self, llama, pad_id=0):
        super().__init__()
        self.embed_tokens, self.layers = llama.embed_tokens, llama.layers
        self.norm = llama.norm  # the final RMSNorm, before the head
        self.score = nn.Linear(llama.lm_head.in_features, 1, bias=False)  # d_model -> 1
        self.pad_id = pad_id

    def forward(self, ids):  # (B, T) ids, right-padded -> (B,) rewards
        h = self.norm(self.layers(self.embed_tokens(ids)))  # (B, T, d_model)
        position = torch.arange(ids.shape[1]).expand_as(ids)
        last = torch.where(ids != self.pad_id, position, 0).amax(-1)  # (B,)
        return self.score(h[torch.arange(len(ids)), last]).squeeze(-1)


# --- end of the reward model


# --- the Bradley-Terry loss
def bradley_terry_loss(r_chosen, r_rejected, margin=0.0):
    """-log sigmoid(r_chosen - r_rejected - margin), averaged over the pairs, written
    as a softplus so that a large negative difference does not become log(0)."""
    d = r_chosen - r_rejected - margin
    nll = torch.log1p(torch.exp(-d.abs())) - torch.minimum(d, torch.zeros_like(d))
    return nll.mean()


# --- end of the Bradley-Terry loss

# names_sft: the names Llama after SFT (31 tokens), loaded as sft.py saved it
sft = Llama(V=len(VOCAB))
sft.load_state_dict(
    {k: load_file("names_sft/model.safetensors")[hf_name(k)] for k in sft.state_dict()}
)
sft.eval()

# --- preference pairs: K sampled answers per request, the verifier picks ----------
words = open("names.txt").read().splitlines()  # the names Llama's split, as in sft.py
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
train_words = [words[i] for i in order[len(words) // 10 :]]


def pairs_from(names, g, K=4):
    """K answers per request; every (answer that meets it, answer that does not) is a
    pair (chosen, rejected). Answers that are not names (a-z only) are dropped; two
    answers that both meet the request, or both miss it, make no pair."""
    kinds = torch.randint(0, 3, (len(names),), generator=g).tolist()
    requests = [
        request_for(n, k if k < 2 or 3 <= len(n) <= 8 else k % 2)
        for n, k in zip(names, kinds)
    ]
    answers = reply(sft, requests * K, g, most=12)  # all K rounds in one call
    pairs = []
    for i, r in enumerate(requests):
        some = answers[i :: len(requests)]  # request i's K answers
        some = [a for a in some if a and all(c in chars[1:] for c in a)]
        met = [a for a in some if satisfies(r, a)]
        pairs += [(r, c, x) for c in met for x in some if x not in met]
    return pairs


g = torch.Generator().manual_seed(1)
train_pairs = pairs_from([train_words[i] for i in torch.randperm(400, generator=g)], g)
val_pairs = pairs_from(val_words[:150], g)
print(f"{len(train_pairs)} training pairs, {len(val_pairs)} held-out pairs, e.g.")
for r, c, rej in train_pairs[::150]:
    print(f"  {r!r:18} chosen {c!r:11} rejected {rej!r}")


def batch_of(pairs):
    """The chosen chats, then the rejected ones: (2P, T) ids, right-padded with 0."""
    seqs = [encode_chat(r, c) for r, c, _ in pairs]
    seqs += [encode_chat(r, x) for r, _, x in pairs]
    ids = torch.zeros(len(seqs), max(map(len, seqs)), dtype=torch.long)
    for row, s in enumerate(seqs):
        ids[row, : len(s)] = torch.tensor(s)
    return ids


@torch.no_grad()
def accuracy(rm, pairs):
    """The share of pairs in which the chosen answer gets the higher reward."""
    r_chosen, r_rejected = rm(batch_of(pairs)).chunk(2)
    return (r_chosen > r_rejected).float().mean().item()


rm = RewardModel(sft)  # shares sft's weights: training changes them too
nn.init.normal_(rm.score.weight, std=0.02)  # transformers' initializer_range
# Before training: the hidden vectors the random head reads (a hook on its input), to
# score the same pairs under other heads too: -w, and 1000 random directions
seen = []
hook = rm.score.register_forward_hook(lambda module, x, out: seen.append(x[0]))
acc0 = accuracy(rm, val_pairs)
hook.remove()
h_chosen, h_rejected = seen[0].chunk(2)  # (held-out pairs, d_model) each
heads = torch.randn(1000, h_chosen.shape[1], generator=torch.Generator().manual_seed(7))
acc_heads = ((h_chosen - h_rejected) @ heads.T > 0).float().mean(0)  # (1000,)
se = lambda p: (p * (1 - p) / len(val_pairs)) ** 0.5  # binomial standard error
print(f"before training: held-out accuracy {acc0:.1%} +- {se(acc0):.1%}")
print(f"  the same pairs under the head -w: {1 - acc0:.1%}; under 1000 random heads:")
print(f"  mean {acc_heads.mean():.1%}, sd {acc_heads.std():.1%}, "
      f"{(acc_heads >= acc0).float().mean():.1%} of them at {acc0:.1%} or more")

STEPS, P, LR = 100, 32, 1e-3
opt = torch.optim.AdamW(rm.parameters(), lr=LR, weight_decay=0.0)
for step in range(STEPS):
    rows = torch.randint(0, len(train_pairs), (P,), generator=g).tolist()
    r_chosen, r_rejected = rm(batch_of([train_pairs[i] for i in rows])).chunk(2)
    loss = bradley_terry_loss(r_chosen, r_rejected)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    if step % 50 == 0 or step == STEPS - 1:
        print(f"step {step:3d}: Bradley-Terry loss {loss.item():.4f}")

acc1 = accuracy(rm, val_pairs)
print(f"after {STEPS} steps: held-out accuracy {acc1:.1%} +- {se(acc1):.1%}")
with torch.no_grad():
    for r, c, rej in val_pairs[::40]:  # held-out: chosen, its reward; rejected, its
        r_c, r_r = rm(batch_of([(r, c, rej)])).tolist()
        print(f"  {r!r:18} {c!r:11} {r_c:+.2f}   {rej!r:11} {r_r:+.2f}")
