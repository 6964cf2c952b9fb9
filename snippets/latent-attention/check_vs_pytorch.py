import math

import torch
import torch.nn.functional as F
from transformers import DeepseekV3Config
from transformers.cache_utils import DynamicCache
from transformers.models.deepseek_v3.modeling_deepseek_v3 import (
    DeepseekV3Attention,
    DeepseekV3RotaryEmbedding,
)

torch.set_num_threads(1)


# --- multi-head latent attention from scratch
def rope(x, pos, theta=10000.0):
    """Rotate the pairs (x0, x1), (x2, x3), ... of the last axis by pos * w_i."""
    d = x.shape[-1]
    w = theta ** (-torch.arange(0, d, 2) / d)  # (d / 2,) frequencies
    cos, sin = (pos[:, None] * w).cos(), (pos[:, None] * w).sin()  # (T, d / 2)
    x0, x1 = x[..., 0::2], x[..., 1::2]
    return torch.stack([x0 * cos - x1 * sin, x0 * sin + x1 * cos], dim=-1).flatten(-2)


def project(x, W):
    """Queries, the latent c and the shared rotary key, for both paths."""
    B, T, _ = x.shape
    H, d_nope, d_r = W["H"], W["d_nope"], W["d_r"]
    pos = torch.arange(T, dtype=torch.float32)
    q = (x @ W["q"]).view(B, T, H, d_nope + d_r).transpose(1, 2)  # (B, H, T, ...)
    q_c, q_r = q[..., :d_nope], rope(q[..., d_nope:], pos)  # no-RoPE, RoPE parts
    c = x @ W["dkv"]  # (B, T, d_c): the latent, all the cache keeps per token
    c = c * torch.rsqrt(c.pow(2).mean(-1, keepdim=True) + 1e-6) * W["g"]  # RMSNorm
    k_r = rope(x @ W["kr"], pos)  # (B, T, d_r): one rotary key for all heads, cached
    scale = 1 / math.sqrt(d_nope + d_r)
    mask = torch.ones(T, T, dtype=torch.bool).tril()
    return q_c, q_r, c, k_r, scale, mask


def mla_latent(x, W):
    """Up-project the latent to per-head keys and values, then attend."""
    q_c, q_r, c, k_r, scale, mask = project(x, W)
    B, H, T, d_r = *q_r.shape[:3], W["d_r"]
    k_c = c[:, None] @ W["uk"]  # (B, H, T, d_nope): the keys, rebuilt
    v = c[:, None] @ W["uv"]  # (B, H, T, d_v): the values, rebuilt
    q = torch.cat([q_c, q_r], dim=-1)
    k_rep = k_r.repeat(1, 1, H).view(B, T, H, d_r).transpose(1, 2)  # a copy per head
    k = torch.cat([k_c, k_rep], dim=-1)  # (B, H, T, d_nope + d_r), like q
    s = (q @ k.transpose(-2, -1) * scale).masked_fill(~mask, -math.inf)
    o = torch.softmax(s, dim=-1) @ v  # (B, H, T, d_v)
    return torch.einsum("bhtv,hvd->btd", o, W["o"])


def mla_absorbed(x, W):
    """W_UK folded into the query, W_UV into the output: attend on the latent."""
    q_c, q_r, c, k_r, scale, mask = project(x, W)
    q_lat = q_c @ W["uk"].transpose(-2, -1)  # (B, H, T, d_c)
    s = q_lat @ c[:, None].transpose(-2, -1) + q_r @ k_r[:, None].transpose(-2, -1)
    s = (s * scale).masked_fill(~mask, -math.inf)
    o_lat = torch.softmax(s, dim=-1) @ c[:, None]  # (B, H, T, d_c)
    W_ov = W["uv"] @ W["o"]  # (H, d_c, d_model)
    return torch.einsum("bhtc,hcd->btd", o_lat, W_ov)
# --- end of multi-head latent attention from scratch


def weights(attn, cfg):
    """transformers' weights (out, in) in the math layout above (in, out)."""
    H, d_c = cfg.num_attention_heads, cfg.kv_lora_rank
    d_nope, d_r, d_v = cfg.qk_nope_head_dim, cfg.qk_rope_head_dim, cfg.v_head_dim
    a = attn.kv_a_proj_with_mqa.weight.T  # (d_model, d_c + d_r): latent, rotary key
    b = attn.kv_b_proj.weight.view(H, d_nope + d_v, d_c)  # per head: keys, values
    return dict(
        H=H, d_nope=d_nope, d_r=d_r,
        q=attn.q_proj.weight.T, dkv=a[:, :d_c], kr=a[:, d_c:],
        g=attn.kv_a_layernorm.weight,
        uk=b[:, :d_nope].transpose(1, 2), uv=b[:, d_nope:].transpose(1, 2),
        o=attn.o_proj.weight.T.reshape(H, d_v, -1),
    )


def reference(x, attn, cfg):
    """K and V rebuilt in full from the latent, then F.scaled_dot_product_attention;
    RoPE as DeepSeek's own inference code writes it, with complex numbers."""
    B, T, _ = x.shape
    H, d_c = cfg.num_attention_heads, cfg.kv_lora_rank
    d_nope, d_r, d_v = cfg.qk_nope_head_dim, cfg.qk_rope_head_dim, cfg.v_head_dim
    w = 1 / 10000 ** (torch.arange(0, d_r, 2) / d_r)
    freqs = torch.outer(torch.arange(T).float(), w)  # (T, d_r / 2) angles
    turn = torch.polar(torch.ones_like(freqs), freqs)  # (T, d_r / 2)

    def rot(t):
        z = torch.view_as_complex(t.reshape(*t.shape[:-1], -1, 2).contiguous())
        return torch.view_as_real(z * turn).flatten(-2)

    q = attn.q_proj(x).view(B, T, H, -1).transpose(1, 2)
    q = torch.cat([q[..., :d_nope], rot(q[..., d_nope:])], dim=-1)
    c, k_r = attn.kv_a_proj_with_mqa(x).split([d_c, d_r], dim=-1)
    kv = attn.kv_b_proj(attn.kv_a_layernorm(c)).view(B, T, H, -1).transpose(1, 2)
    k_r = rot(k_r)[:, None].expand(B, H, T, d_r)
    k = torch.cat([kv[..., :d_nope], k_r], dim=-1)
    v = kv[..., d_nope:]
    o = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    return attn.o_proj(o.transpose(1, 2).reshape(B, T, H * d_v))


cases = [  # H, d_c, d_nope, d_r, d_v, T, size of the latent before its RMSNorm
    (4, 8, 8, 4, 8, 6, 1.0),  # d_c = d_nope = d_v: a transposed matrix still multiplies
    (3, 12, 6, 4, 10, 7, 1.0),
    (2, 16, 8, 8, 4, 5, 1.0),
    (4, 6, 10, 4, 6, 9, 1e-3),  # a tiny latent, where the RMSNorm's epsilon counts
]
for seed, (H, d_c, d_nope, d_r, d_v, T, size) in enumerate(cases):
    torch.manual_seed(seed)
    cfg = DeepseekV3Config(
        hidden_size=24, num_attention_heads=H, num_key_value_heads=H, q_lora_rank=None,
        kv_lora_rank=d_c, qk_nope_head_dim=d_nope, qk_rope_head_dim=d_r, v_head_dim=d_v,
        attn_implementation="eager",
    )
    attn = DeepseekV3Attention(cfg, layer_idx=0).eval()
    with torch.no_grad():
        for p in attn.parameters():
            p.normal_(0, 0.3)
        attn.kv_a_layernorm.weight.uniform_(0.5, 1.5)  # a gain that is not all ones
        attn.kv_a_proj_with_mqa.weight[:d_c] *= size
        x = torch.randn(2, T, cfg.hidden_size)
        W = weights(attn, cfg)
        ref = reference(x, attn, cfg)
        torch.testing.assert_close(mla_latent(x, W), ref)
        torch.testing.assert_close(mla_absorbed(x, W), ref)
        pos = torch.arange(T)[None]
        mask = torch.full((T, T), -math.inf).triu(1)[None, None]
        cache = DynamicCache(config=cfg)
        hf, _ = attn(
            x, DeepseekV3RotaryEmbedding(cfg)(x, pos), mask, past_key_values=cache
        )
        torch.testing.assert_close(mla_latent(x, W), hf)
        torch.testing.assert_close(mla_absorbed(x, W), hf)
    note = ", tiny latent" if size < 1 else ""
    print(f"H={H} d_c={d_c:2} d_nope={d_nope:2} d_r={d_r} d_v={d_v:2} T={T}{note}: "
          "latent == absorbed == SDPA on rebuilt K, V == DeepseekV3Attention")
print("transformers caches per layer:", tuple(cache.layers[0].keys.shape),
      "(the latent c) and", tuple(cache.layers[0].values.shape), "(the rotary key)")
print("config.rope_interleave:", cfg.rope_interleave,
      "| kv_a_layernorm epsilon:", attn.kv_a_layernorm.variance_epsilon)
cfg.rope_interleave = False  # rotate the halves (x_i, x_i+d_r/2) instead of the pairs
with torch.no_grad():
    halves, _ = attn(x, DeepseekV3RotaryEmbedding(cfg)(x, pos), mask)
print("rope_interleave=False, same weights: max |difference| from ours",
      f"{(halves - mla_absorbed(x, W)).abs().max().item():.2f}")
