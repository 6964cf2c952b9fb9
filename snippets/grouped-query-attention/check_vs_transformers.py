import math

import torch
from transformers import LlamaConfig
from transformers.masking_utils import create_causal_mask
from transformers.models.llama.modeling_llama import (
    LlamaAttention,
    LlamaRotaryEmbedding,
)

torch.set_num_threads(1)


# --- a Llama attention layer from scratch
def rotate(x, cos, sin):
    """RoPE with the cos, sin (B, T, d_k) tables of transformers' Llama."""
    x1, x2 = x.chunk(2, dim=-1)
    return x * cos[:, None] + torch.cat([-x2, x1], dim=-1) * sin[:, None]


def attention_layer(x, w, H, H_kv, cos, sin):
    """Causal grouped-query self-attention on x (B, T, d_model); w holds the four
    projections' weights as nn.Linear stores them, (out, in)."""
    B, T, d_model = x.shape
    d_k = w["q_proj.weight"].shape[0] // H  # the config's head_dim, may differ from d/H
    heads = lambda y, n: y.view(B, T, n, d_k).transpose(1, 2)  # (B, n, T, d_k)
    q = heads(x @ w["q_proj.weight"].T, H)
    k = heads(x @ w["k_proj.weight"].T, H_kv)
    v = heads(x @ w["v_proj.weight"].T, H_kv)
    q, k = rotate(q, cos, sin), rotate(k, cos, sin)
    g = H // H_kv  # query heads per key-value head
    k, v = k.repeat_interleave(g, dim=1), v.repeat_interleave(g, dim=1)
    s = q @ k.transpose(-2, -1) / math.sqrt(d_k)  # (B, H, T, T)
    mask = torch.ones(T, T, dtype=torch.bool).tril()
    a = torch.softmax(s.masked_fill(~mask, -math.inf), dim=-1) @ v  # (B, H, T, d_k)
    return a.transpose(1, 2).reshape(B, T, H * d_k) @ w["o_proj.weight"].T
# --- end of a Llama attention layer from scratch


g = torch.Generator().manual_seed(0)
B, T, d_model = 2, 7, 32
positions = torch.tensor([[0, 1, 2, 3, 4, 5, 6], [3, 4, 5, 6, 7, 8, 9]])
worst, masks = 0.0, {}
for H, H_kv, d_k, name in (
    (4, 4, 8, "multi-head"),
    (4, 2, 8, "grouped-query"),
    (8, 2, 4, "grouped-query"),
    (4, 1, 8, "multi-query"),
    (4, 2, 16, "grouped, head_dim 16 != 32 / 4"),
):
    for implementation in ("eager", "sdpa"):
        config = LlamaConfig(hidden_size=d_model, num_attention_heads=H,
                             num_key_value_heads=H_kv, head_dim=d_k)
        config._attn_implementation = implementation
        hf = LlamaAttention(config, layer_idx=0).eval()
        w = {n: torch.randn(p.shape, generator=g) / p.shape[1] ** 0.5
             for n, p in hf.state_dict().items()}
        hf.load_state_dict(w)  # the same weights on both sides
        x = torch.randn(B, T, d_model, generator=g)
        cos, sin = LlamaRotaryEmbedding(config)(x, positions)
        mask = create_causal_mask(config=config, inputs_embeds=x, attention_mask=None,
                                  past_key_values=None, position_ids=positions)
        with torch.no_grad():
            theirs, _ = hf(x, position_embeddings=(cos, sin), attention_mask=mask)
        masks[implementation] = mask
        mine = attention_layer(x, w, H, H_kv, cos, sin)
        torch.testing.assert_close(mine, theirs, rtol=1e-5, atol=1e-5)
        worst = max(worst, (mine - theirs).abs().max().item())
    print(f"H = {H}, H_kv = {H_kv}, d_k = {d_k:2} ({name}): == LlamaAttention")
print(f"(eager and sdpa attention) max |Δ| {worst:.1e} (rtol = atol = 1e-5)")
# The mask each attention function gets from create_causal_mask:
m = masks["eager"]
print(f"eager: {m.dtype} {tuple(m.shape)}, 0 or {m.min().item():.1e};",
      f"sdpa: {masks['sdpa']} (no mask tensor, yet causal: equal above)")

# What transformers' SDPA path hands to PyTorch: spy on the call, once more with the
# last layer above (sdpa, H = 4, H_kv = 2) and its mask (None).
sdpa, seen = torch.nn.functional.scaled_dot_product_attention, {}


def spy(*args, **kwargs):
    seen.update(kwargs)
    return sdpa(*args, **kwargs)


torch.nn.functional.scaled_dot_product_attention = spy
with torch.no_grad():
    hf(x, position_embeddings=(cos, sin), attention_mask=mask)
torch.nn.functional.scaled_dot_product_attention = sdpa
print("sdpa calls F.scaled_dot_product_attention with",
      ", ".join(f"{k}={seen[k]}" for k in ("attn_mask", "is_causal", "enable_gqa")))
