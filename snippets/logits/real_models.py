# The logits of one full-length sequence (context x vocab), and the cost of
# the output layer (a hidden x vocab matmul) per token. Sizes from the
# models' published configurations.
models = {
    # name: (vocab size, hidden size, context length)
    "GPT-2 (124M)": (50257, 768, 1024),
    "Llama 2 7B": (32000, 4096, 4096),
    "Llama 3 8B": (128256, 4096, 8192),
}
print(f"{'model':14} {'logits/sequence':>15} {'float32':>10} {'bfloat16':>10}"
      f" {'GFLOP/token':>12}")
for name, (vocab, hidden, context) in models.items():
    n = context * vocab
    f32, bf16 = n * 4 / 2**30, n * 2 / 2**30          # bytes -> GiB
    gflop = 2 * hidden * vocab / 1e9                  # multiply + add
    print(f"{name:14} {n:>15,} {f32:>6.2f} GiB {bf16:>6.2f} GiB {gflop:>12.3f}")
