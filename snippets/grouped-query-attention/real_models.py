# Query heads and key-value heads in the released configurations, and the KV cache
# of one sequence in bfloat16 (2 bytes a number).
models = {
    # name: (layers, query heads, KV heads, head dim)
    "Llama 2 7B": (32, 32, 32, 128),
    "Llama 2 70B": (80, 64, 8, 128),
    "Llama 3 8B": (32, 32, 8, 128),
    "Mistral 7B": (32, 32, 8, 128),
    "Qwen2 7B": (28, 28, 4, 128),
}
per_token = {}
for name, (L, H, H_kv, d_k) in models.items():
    per_token[name] = 2 * L * H_kv * d_k * 2               # bytes: K and V, all layers
    gib = per_token[name] * 4096 / 2**30
    print(f"{name:11} {H:2} query / {H_kv:2} KV heads: {per_token[name] // 1024:3} KiB "
          f"a token, {gib:5.3f} GiB at 4096 tokens (multi-head: {gib * H / H_kv:6.3f})")

# Longer sequences: Llama 2 stops at 4096 tokens; Llama 3 8B reads 8192. Mistral 7B
# also reads 8192, but attends only to the last 4096 (its sliding window), so a
# rolling cache never holds more than 4096 tokens.
print(f"at 8192 tokens: Llama 3 8B {per_token['Llama 3 8B'] * 8192 / 2**30:.3f} GiB, "
      f"Mistral 7B {per_token['Mistral 7B'] * min(8192, 4096) / 2**30:.3f} GiB "
      "(window 4096)")
