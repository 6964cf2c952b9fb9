import math
import os

import matplotlib.pyplot as plt
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file
from tokenizers import (
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    processors,
)
from transformers import LlamaConfig, PreTrainedTokenizerFast

torch.manual_seed(0)  # initial weights
torch.set_num_threads(1)  # the same numbers at every run

# --- the data: the names GPT's split, 90/10 with the same seed -----------------------
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


model = Llama()
L = len(model.layers)
for name, p in model.named_parameters():  # the names GPT's initialisation
    if p.dim() == 2:
        writes_stream = name.endswith(("o_proj.weight", "down_proj.weight"))
        nn.init.normal_(p, std=0.02 / math.sqrt(2 * L) if writes_stream else 0.02)
print(f"parameters: {sum(p.numel() for p in model.parameters()):,}")

# The names GPT's recipe: batches, AdamW, warmup and cosine, clipping; 800 steps
# instead of its 1500, so that training takes less than 20 s of CPU.
STEPS, BATCH, LR, WARMUP = 800, 64, 6e-3, 100
decay = [p for p in model.parameters() if p.dim() == 2]  # matrices and embeddings
no_decay = [p for p in model.parameters() if p.dim() < 2]  # norm gains
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
    if step % 100 == 0:
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
print(f"validation loss {curve[-1][2]:.4f} nats per character")

# --- save in Hugging Face's layout: config.json + model.safetensors -----------------
os.makedirs("names_llama", exist_ok=True)
config = LlamaConfig(
    vocab_size=27,
    hidden_size=48,  # d_model
    intermediate_size=150,  # d_ff
    num_hidden_layers=2,  # L
    num_attention_heads=4,  # H
    num_key_value_heads=2,  # H_kv
    head_dim=12,  # d_k
    max_position_embeddings=CONTEXT,
    rms_norm_eps=1e-5,
    rope_parameters={"rope_type": "default", "rope_theta": 10000.0},
    attention_bias=False,
    mlp_bias=False,
    tie_word_embeddings=False,
    bos_token_id=0,  # '.' starts a name ...
    eos_token_id=0,  # ... and ends it
    pad_token_id=0,
)
config.save_pretrained("names_llama")


def hf_name(name):
    """layers.0.q_proj.weight -> model.layers.0.self_attn.q_proj.weight, and so on."""
    if name.startswith("lm_head"):
        return name
    for module, parts in [("self_attn", "qkvo"), ("mlp", ("gate", "up", "down"))]:
        for part in parts:
            name = name.replace(f".{part}_proj", f".{module}.{part}_proj")
    return "model." + name


weights = {hf_name(k): v.contiguous() for k, v in model.state_dict().items()}
save_file(weights, "names_llama/model.safetensors", metadata={"format": "pt"})
for k, v in weights.items():  # layer 1 has the same names as layer 0
    if ".layers.1." not in k:
        print(f"  {k:46} {tuple(v.shape)}")

# --- the tokenizer: one token per character, ids as everywhere on this site -----------
tok = Tokenizer(models.WordLevel({c: i for i, c in enumerate(chars)}, unk_token=None))
tok.normalizer = normalizers.Lowercase()  # "Emma" -> "emma"
tok.pre_tokenizer = pre_tokenizers.Split("", behavior="isolated")  # every character
tok.add_special_tokens(["."])  # '.' marks a name's start and end: never text
tok.post_processor = processors.TemplateProcessing(  # prepend '.' as Llama prepends BOS
    single=". $A", special_tokens=[(".", 0)]
)
tok.decoder = decoders.Fuse()  # join characters without spaces
PreTrainedTokenizerFast(
    tokenizer_object=tok,
    bos_token=".",
    eos_token=".",
    pad_token=".",
    model_max_length=CONTEXT,
).save_pretrained("names_llama")
print("names_llama/:", ", ".join(sorted(os.listdir("names_llama"))))

fig, ax = plt.subplots(figsize=(7, 3.8))
steps = [c[0] for c in curve]
ax.plot(steps, [c[1] for c in curve], "o-", label="training names (3000)")
ax.plot(steps, [c[2] for c in curve], "o-", label="validation names")
ax.set_xlabel("training step (batches of 64 names)")
ax.set_ylabel("cross-entropy (nats per character)")
ax.set_ylim(1.9, 3.4)
ax.set_title("The names Llama learning: training and validation loss")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
