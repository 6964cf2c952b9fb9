# KV cache size: 2 (K and V) x layers x KV heads x head dimension x tokens x bytes.
models = {
    # name: (layers, KV heads, head dim, full context), from the released configurations
    "GPT-2 small": (12, 12, 64, 1024),
    "Llama 2 7B": (32, 32, 128, 4096),
    "Llama 3 8B": (32, 8, 128, 8192),
}
print(f"{'model':12} {'per token':>10} {'full context':>13} {'x 32 sequences':>15}")
for name, (layers, kv_heads, d_k, T) in models.items():
    per_token = 2 * layers * kv_heads * d_k * 2  # bytes in bfloat16
    print(
        f"{name:12} {per_token / 1024:7.0f} KiB {per_token * T / 2**30:9.3f} GiB "
        f"{32 * per_token * T / 2**30:11.1f} GiB"
    )

# Multi-head latent attention (DeepSeek-V2, 60 layers, 128 heads of 128): per token
# and layer it caches one latent vector of 512 numbers and a shared 64-number RoPE
# key, from which every head's keys and values are projected back.
mla, mha = 512 + 64, 2 * 128 * 128
print(f"DeepSeek-V2 MLA: {mla} numbers a token and layer, multi-head would cache {mha} "
      f"({mha / mla:.0f}x); {60 * mla * 2 / 1024:.1f} KiB a token in bfloat16")
