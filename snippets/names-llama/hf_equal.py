# needs: names_llama
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file
from transformers import LlamaForCausalLM
from transformers.utils import logging

logging.disable_progress_bar()  # no "Loading weights" bar

torch.set_num_threads(1)
# The validation names of the training snippet (same seed), as '.name' padded with '.'.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
val_words = [words[i] for i in order[: len(words) // 10]]
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}
X = torch.zeros(len(val_words), 16, dtype=torch.long)
Y = torch.full((len(val_words), 16), -100)
for row, name in enumerate(val_words):
    ids = [stoi[c] for c in name]
    X[row, 1 : len(ids) + 1] = torch.tensor(ids)
    Y[row, : len(ids) + 1] = torch.tensor(ids + [0])


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

# The from-scratch model, with the weights read back from Hugging Face's names.
mine = Llama()
state = load_file("names_llama/model.safetensors")
mine.load_state_dict(
    {
        k.removeprefix("model.").replace("self_attn.", "").replace("mlp.", ""): v
        for k, v in state.items()
    }
)
mine.eval()

# transformers' own Llama, from the folder alone (config.json + model.safetensors).
for attention in ["eager", "sdpa"]:
    hf = LlamaForCausalLM.from_pretrained(
        "names_llama", local_files_only=True, attn_implementation=attention
    )
    hf.eval()
    with torch.no_grad():
        ours, theirs = mine(X), hf(X).logits  # (3046, 16, 27) each
    torch.testing.assert_close(theirs, ours, rtol=1e-5, atol=1e-5)
    print(
        f"LlamaForCausalLM ({attention:5}) == the names Llama on {len(X)} names: "
        f"max |Δ logit| {(theirs - ours).abs().max().item():.1e} (rtol = atol = 1e-5)"
    )
loss = F.cross_entropy(theirs.reshape(-1, 27), Y.reshape(-1)).item()
print(f"validation loss from transformers' logits: {loss:.4f}")
print(f"{hf.num_parameters():,} parameters, {hf.config.num_key_value_heads} K/V heads")
