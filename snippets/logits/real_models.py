# Size of the logits tensor (batch, context, vocab) for one full-length sequence, and the cost of the
# output layer (hidden -> vocab matmul) per token. Sizes from the models' published configs.
models = {
    # name: (vocab size, hidden size, context length)
    "GPT-2 (124M)": (50257, 768, 1024),
    "Llama 2 7B": (32000, 4096, 4096),
    "Llama 3 8B": (128256, 4096, 8192),
}
print(f"{'model':14} {'logits per sequence':>20} {'float32':>10} {'bfloat16':>10} {'GFLOP/token':>12}")
for name, (vocab, hidden, context) in models.items():
    n = context * vocab
    print(f"{name:14} {n:>20,} {n * 4 / 2**30:>7.2f} GiB {n * 2 / 2**30:>6.2f} GiB {2 * hidden * vocab / 1e9:>12.3f}")
