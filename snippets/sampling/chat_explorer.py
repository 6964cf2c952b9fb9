# needs: names_llama, names_sft, names_dpo
import base64
import json

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


def load(folder, V):
    model = Llama(V=V)
    state = load_file(f"{folder}/model.safetensors")
    model.load_state_dict({k: state[hf_name(k)] for k in model.state_dict()})
    return model.eval()


def filtered(z, tau=1.0, k=None, p=None):
    """Temperature, then top-k, then top-p: `filtered` of names_gpt.py above."""
    z = z / tau
    if k is not None:
        kth = torch.topk(z, k, dim=-1).values[..., -1:]
        z = z.masked_fill(z < kth, float("-inf"))
    probs = F.softmax(z, dim=-1)
    if p is not None:
        sorted_p, order = probs.sort(dim=-1, descending=True, stable=True)
        keep = torch.zeros_like(probs, dtype=torch.bool).scatter(
            -1, order, (sorted_p.cumsum(-1) - sorted_p) < p
        )
        probs = torch.where(keep, probs, 0.0)
        probs = probs / probs.sum(-1, keepdim=True)
    return probs


# The base names Llama continues '.' + a name; the chat models continue a chat prompt
# (the request) + the answer so far. The browser gets float16 weights; PyTorch's
# reference values are computed on exactly those weights, widened back to float32.
models = {
    "llama": ("names_llama", 27),
    "sft": ("names_sft", 31),
    "dpo": ("names_dpo", 31),
}
requests = ["starts with m", "ends with a", "five letters", "seven letters"]
settings = [(1.0, None, None), (0.5, None, None), (2.0, None, None), (1.0, 5, None),
            (1.0, None, 0.9), (0.7, 10, 0.8)]
export, goldens, drift = {}, {"chat_logits": [], "chat_filtered": []}, 0.0
for key, (folder, V) in models.items():
    model = load(folder, V)
    names = list(model.state_dict())
    half = {k: v.half() for k, v in model.state_dict().items()}
    cases = [(None, p) for p in ["", "em", "chris", "ma"]] if V == 27 else [
        (r, p) for r in requests for p in ["", "ma", "l"]
    ]
    def ids(request, prefix):  # '.' + name so far, or the chat prompt + answer so far
        start = [0] if request is None else encode_chat(request)
        return start + [VOCAB.index(c) for c in prefix]

    with torch.no_grad():
        full = {c: model(torch.tensor([ids(*c)]))[0, -1] for c in cases}
        model.load_state_dict({k: v.float() for k, v in half.items()})
        for c in cases:
            z = model(torch.tensor([ids(*c)]))[0, -1]
            drift = max(drift, (z - full[c]).abs().max().item())
            case = dict(model=key, request=c[0], prefix=c[1])
            goldens["chat_logits"].append(dict(case, logits=z.tolist()))
            for tau, k, top in settings:
                pr = filtered(z, tau, k, top)
                row = dict(case, tau=tau, k=k, p=top, probs=pr.tolist())
                goldens["chat_filtered"].append(row)
    blob = b"".join(half[k].numpy().tobytes() for k in names)  # little-endian float16
    export[key] = {
        "config": {"V": V, "d_model": 48, "H": 4, "H_kv": 2, "d_ff": 150, "L": 2,
                   "eps": 1e-5, "theta": 10000.0},
        "tensors": [[k, list(half[k].shape)] for k in names],
        "weights_f16": base64.b64encode(blob).decode("ascii"),
    }
export["vocab"] = VOCAB
with open("names_chat_explorer.js", "w") as f:  # a script: it loads from file:// too
    data = json.dumps(export, separators=(",", ":"))
    f.write("window.glossaryChatModels = " + data + ";\n")
json.dump(goldens, open("names_chat_goldens.json", "w"), separators=(",", ":"))
size = sum(len(export[key]["weights_f16"]) for key in models)
print(f"3 models, {size:,} characters of base64 float16 weights")
print(f"float16 changes their logits by at most {drift:.4f}")
print(f"reference values: {len(goldens['chat_logits'])} logit rows,"
      f" {len(goldens['chat_filtered'])} filtered distributions")
