# The causal mask of a full context, if it were stored as a T x T tensor, and the
# share of the T x T scores it blanks out (computed, then thrown away, by a naive
# implementation; skipped block by block by fused kernels such as FlashAttention).
contexts = {"GPT-2 (n_ctx)": 1024, "Llama 2": 4096, "Llama 3 8B": 8192}
for name, T in contexts.items():
    masked = T * (T - 1) // 2
    print(f"{name:14} T = {T:5}: mask {T * T / 2**20:6.1f} MiB as bool, "
          f"{T * T * 4 / 2**20:7.1f} MiB as float32; "
          f"{masked / (T * T):.1%} of the scores are masked")
