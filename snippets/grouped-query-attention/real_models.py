# Query heads and key-value heads in the released configurations, and what the
# KV cache of one 8192-token sequence costs in bfloat16.
models = {
    # name: (layers, query heads, KV heads, head dim)
    "Llama 2 7B": (32, 32, 32, 128),
    "Llama 3 8B": (32, 32, 8, 128),
    "Mistral 7B": (32, 32, 8, 128),
    "Qwen2 7B": (28, 28, 4, 128),
}
for name, (L, H, H_kv, d_k) in models.items():
    gib = 2 * L * H_kv * d_k * 8192 * 2 / 2**30
    mha = 2 * L * H * d_k * 8192 * 2 / 2**30
    print(
        f"{name:11} {H:2} query / {H_kv:2} KV heads: {gib:5.3f} GiB at 8192 tokens "
        f"(multi-head would need {mha:5.3f} GiB, {H // H_kv}x)"
    )
