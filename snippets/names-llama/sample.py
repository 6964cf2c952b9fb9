# needs: names_llama
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"


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
state = load_file("names_llama/model.safetensors")  # Hugging Face's names
model.load_state_dict(
    {
        k.removeprefix("model.").replace("self_attn.", "").replace("mlp.", ""): v
        for k, v in state.items()
    }
)
model.eval()

g = torch.Generator().manual_seed(2147483647)  # the seed of the names GPT's samples
names = []
with torch.no_grad():
    for _ in range(20):
        ids = [0]  # start with '.'
        while len(ids) < 16:
            logits = model(torch.tensor([ids]))[0, -1]  # the last position's logits
            nxt = torch.multinomial(F.softmax(logits, dim=-1), 1, generator=g).item()
            if nxt == 0:  # '.' ends the name
                break
            ids.append(nxt)
        names.append("".join(chars[i] for i in ids[1:]))
known = set(open("names.txt").read().splitlines())
print(", ".join(names))
print(
    f"{sum(n in known for n in names)} of the {len(names)} are in names.txt;",
    "the others are new names",
)
