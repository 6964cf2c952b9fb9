import math

import torch
from transformers import LlamaConfig
from transformers.models.llama.modeling_llama import (
    LlamaRotaryEmbedding,
    apply_rotary_pos_emb,
)

torch.set_num_threads(1)


# --- RoPE in halves from scratch
def rope_frequencies(d, base, scaling=None):
    """omega_i = base^(-2i/d) for i = 0 .. d/2 - 1; with Llama 3.1's rope_scaling the
    slow pairs turn `factor` times slower, and the pairs in between blend the two."""
    omega = 1.0 / base ** (torch.arange(0, d, 2).float() / d)
    if scaling is not None:
        old = scaling["original_max_position_embeddings"]
        lo, hi = scaling["low_freq_factor"], scaling["high_freq_factor"]
        slow = omega / scaling["factor"]
        wavelength = 2 * math.pi / omega  # tokens per turn
        blend = (old / wavelength - lo) / (hi - lo)
        blended = (1 - blend) * slow + blend * omega
        middle = torch.where(wavelength > old / lo, slow, blended)
        omega = torch.where(wavelength < old / hi, omega, middle)
    return omega


def rope_halves(x, omega, positions=None):
    """Rotary positions on x (B, heads, T, d_k), with positions (B, T) (default 0, 1,
    ...): dimension i pairs with i + d_k/2, as in GPT-NeoX and transformers' Llama."""
    if positions is None:
        positions = torch.arange(x.shape[2]).expand(x.shape[0], -1)
    angle = positions[:, None, :, None].float() * omega  # (B, 1, T, d_k/2)
    cos, sin = angle.cos(), angle.sin()
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)
# --- end of RoPE in halves from scratch


g = torch.Generator().manual_seed(0)
llama31 = {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
           "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}
B, T, H, H_kv = 2, 12, 4, 2
gaps = torch.randint(1, 2000, (B, T), generator=g)
positions = {
    "0 .. 11": None,
    "non-contiguous": gaps.cumsum(-1) - gaps[:, :1],  # from 0, gaps up to 2000
    "shifted": torch.stack([torch.arange(T) + 4000, torch.arange(T) + 90000]),
}
cases = [(d, theta, None) for d in (8, 64, 128) for theta in (10000.0, 500000.0)]
other = {"rope_type": "llama3", "factor": 16.0, "low_freq_factor": 2.0,
         "high_freq_factor": 8.0, "original_max_position_embeddings": 4096}
cases += [(128, 500000.0, llama31), (64, 10000.0, other)]
worst = 0.0
for d, theta, scaling in cases:
    rope_parameters = {"rope_type": "default", "rope_theta": theta}
    if scaling is not None:
        rope_parameters = {**scaling, "rope_theta": theta}
    config = LlamaConfig(hidden_size=H * d, num_attention_heads=H,
                         num_key_value_heads=H_kv, max_position_embeddings=131072,
                         rope_parameters=rope_parameters)
    rotary = LlamaRotaryEmbedding(config)  # transformers' cos and sin tables
    omega = rope_frequencies(d, theta, scaling)
    for pos in positions.values():
        q = torch.randn(B, H, T, d, generator=g)
        k = torch.randn(B, H_kv, T, d, generator=g)
        ids = torch.arange(T).expand(B, -1) if pos is None else pos
        cos, sin = rotary(q, ids)  # (B, T, d_k) each
        q_hf, k_hf = apply_rotary_pos_emb(q, k, cos, sin)
        for mine, theirs in ((rope_halves(q, omega, pos), q_hf),
                             (rope_halves(k, omega, pos), k_hf)):
            torch.testing.assert_close(mine, theirs, rtol=1e-5, atol=1e-5)
            worst = max(worst, (mine - theirs).abs().max().item())
    label = f"llama3 scaling, factor {scaling['factor']:g}" if scaling else "no scaling"
    print(f"d_k = {d:3}, rope_theta = {theta:7,.0f}, {label:27}: q, k == transformers'")
print(f"positions {', '.join(positions)}; max |Δ| {worst:.1e} (rtol = atol = 1e-5)")
