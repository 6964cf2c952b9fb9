# needs: names_gpt.safetensors
import math

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"


# --- the names GPT (the same code on every page that loads it) ------------------------
class Block(nn.Module):
    """Pre-LN block: x + attention(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, d_model, H):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.mlp = nn.Sequential(
            nn.Linear(d_model, 4 * d_model),
            nn.GELU(approximate="tanh"),
            nn.Linear(4 * d_model, d_model),
        )

    def forward(self, x):  # (B, T, d_model)
        B, T, d_model = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d_model, dim=-1)
        heads = lambda t: t.view(B, T, self.H, d_model // self.H).transpose(1, 2)
        a = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d_model))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, V=27, context=16, d_model=48, H=4, L=2):
        super().__init__()
        self.tok = nn.Embedding(V, d_model)  # token embedding
        self.pos = nn.Embedding(context, d_model)  # learned positions
        self.blocks = nn.Sequential(*[Block(d_model, H) for _ in range(L)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, V, bias=False)  # untied output layer

    def forward(self, idx):  # (B, T) ids -> logits
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        return self.head(self.ln_f(self.blocks(x)))  # (B, T, V)


# --- end of the names GPT -------------------------------------------------------------


model = GPT()
model.load_state_dict(load_file("names_gpt.safetensors"))  # from the GPT page
model.eval()


# --- KV cache from scratch
@torch.no_grad()
def step(model, token, pos, cache):
    """One new token through the model, with the keys and values of earlier tokens
    taken from the cache (one (K, V) pair per block), which it then extends."""
    x = model.tok(torch.tensor([token])) + model.pos(torch.tensor([pos]))  # (1, d)
    for block, layer_cache in zip(model.blocks, cache):
        d_model, H = x.shape[-1], block.H
        q, k, v = block.qkv(block.ln1(x)).split(d_model, dim=-1)  # (1, d) each
        layer_cache["k"] = torch.cat([layer_cache["k"], k.view(H, 1, -1)], dim=1)
        layer_cache["v"] = torch.cat([layer_cache["v"], v.view(H, 1, -1)], dim=1)
        K, V = layer_cache["k"], layer_cache["v"]  # (H, t, d_k)
        scores = q.view(H, 1, -1) @ K.transpose(1, 2) / math.sqrt(d_model // H)
        a = torch.softmax(scores, dim=-1) @ V  # no mask: every cached token is earlier
        x = x + block.proj(a.transpose(0, 1).reshape(1, d_model))
        x = x + block.mlp(block.ln2(x))
    return model.head(model.ln_f(x))[0]  # (V,)


def empty_cache(model):
    H = model.blocks[0].H
    d_k = model.tok.embedding_dim // H
    return [
        {"k": torch.zeros(H, 0, d_k), "v": torch.zeros(H, 0, d_k)} for _ in model.blocks
    ]
# --- end of KV cache from scratch


cache, ids, g = empty_cache(model), [0], torch.Generator().manual_seed(3)
while len(ids) < 16:
    logits = step(model, ids[-1], len(ids) - 1, cache)  # only the newest token
    nxt = torch.multinomial(F.softmax(logits, dim=-1), 1, generator=g).item()
    shapes = tuple(cache[0]["k"].shape)
    print(f"step {len(ids):2}: cache of block 1 holds K {shapes}, next '{chars[nxt]}'")
    if nxt == 0:
        break
    ids.append(nxt)
print("generated:", "".join(chars[i] for i in ids[1:]))
