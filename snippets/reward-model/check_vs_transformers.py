# needs: names_sft
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file
from transformers import AutoTokenizer, LlamaForSequenceClassification
from transformers.utils import logging

logging.disable_progress_bar()  # no "Loading weights" bar
logging.set_verbosity_error()  # no load report (lm_head unused, score new)
torch.manual_seed(0)
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

sft = Llama(V=31)
sft.load_state_dict(
    {k: load_file("names_sft/model.safetensors")[hf_name(k)] for k in sft.state_dict()}
)
rm = RewardModel(sft).eval()  # pad_id 0: '.', names_sft's pad_token_id
# transformers' reward model: names_sft's body, a new `score` head; we give it ours
hf = LlamaForSequenceClassification.from_pretrained("names_sft", num_labels=1).eval()
print("pad_token_id:", hf.config.pad_token_id, "| score:", hf.score)


def right_padded(seqs, T=None):
    ids = torch.zeros(len(seqs), T or max(map(len, seqs)), dtype=torch.long)
    for row, s in enumerate(seqs):
        ids[row, : len(s)] = torch.tensor(s)
    return ids


g = torch.Generator().manual_seed(0)
tok = AutoTokenizer.from_pretrained("names_sft", local_files_only=True)
chats = [  # '.<|user|>starts with m<|end|><|assistant|>mia<|end|>' and so on
    tok.apply_chat_template(
        [{"role": "user", "content": r}, {"role": "assistant", "content": a}]
    )["input_ids"]
    for r, a in [("starts with m", "mia"), ("ends with a", "ava"), ("six letters", "x")]
]
batches = {  # right-padded with 0, rows of different lengths
    "3 chats": right_padded(chats),
    "3 chats, 4 extra pads": right_padded(chats, T=max(map(len, chats)) + 4),
    "random ids, lengths 1-20": right_padded(
        [[0] + torch.randint(1, 31, (n,), generator=g).tolist() for n in range(0, 20)]
    ),
}
with torch.no_grad():
    for seed in (1, 2):  # two random heads
        head = torch.Generator().manual_seed(seed)
        torch.nn.init.normal_(rm.score.weight, generator=head)
        hf.score.weight.copy_(rm.score.weight)
        for name, ids in batches.items():
            mine, theirs = rm(ids), hf(input_ids=ids).logits.squeeze(-1)
            torch.testing.assert_close(mine, theirs, rtol=1e-4, atol=1e-4)
            print(f"head {seed}, {name:25} {mine[:3].numpy().round(3)} ... equal")

# Pitfall: the pad token is the end-of-reply token (pad_token = eos_token): transformers
# takes the rightmost token that is not padding, so the last letter, not '<|end|>'.
ids = batches["3 chats"]
with torch.no_grad():
    good = hf(input_ids=ids).logits.squeeze(-1)
    hf.config.pad_token_id = 30  # '<|end|>'
    wrong = hf(input_ids=ids).logits.squeeze(-1)
print("pad = '.'      :", good.numpy().round(3))
print("pad = '<|end|>':", wrong.numpy().round(3), "(the score of the last letter)")
hf.config.pad_token_id = None
try:
    hf(input_ids=ids)
except ValueError as e:
    print("pad_token_id None, batch of 3: ValueError:", e)
