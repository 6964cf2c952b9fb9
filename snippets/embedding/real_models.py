# Token embedding tables (vocab x hidden) and whether the output layer reuses them.


def gpt2_total(V, d, L, n_ctx=1024):
    """Token and position tables, L blocks (2 layer norms, attention and MLP with
    biases: 12 d^2 + 13 d), the final layer norm; the output layer is the tied table."""
    return V * d + n_ctx * d + L * (12 * d * d + 13 * d) + 2 * d


def llama_total(V, d, L, d_ff, heads, kv_heads):
    """Embedding, L blocks (q and o: d x d; k and v: d x kv width; SwiGLU's three
    d x d_ff matrices; two RMSNorm gains), the final norm, an untied output layer."""
    kv = d // heads * kv_heads
    block = 2 * d * d + 2 * d * kv + 3 * d * d_ff + 2 * d
    return V * d + L * block + d + V * d


models = {  # name: (vocab, hidden, total parameters, output layer tied?), from configs
    "GPT-2 (124M)": (50257, 768, gpt2_total(50257, 768, 12), True),
    "Llama 2 7B": (32000, 4096, llama_total(32000, 4096, 32, 11008, 32, 32), False),
    "Llama 3 8B": (128256, 4096, llama_total(128256, 4096, 32, 14336, 32, 8), False),
}
print({name: f"{total:,}" for name, (_, _, total, _) in models.items()})
for name, (vocab, hidden, total, tied) in models.items():
    table = vocab * hidden
    head = 0 if tied else table          # untied: a second (vocab x hidden) matrix
    output = "tied (0 extra)" if tied else f"{head / 1e6:.1f} M"
    print(f"{name:13} embedding {table / 1e6:7.1f} M params = {table / total:5.1%} of"
          f" the model; output layer {output}")
    if not tied:
        print(f"{'':13} tying would save {head / 1e6:.1f} M = {head / total:.1%};"
              f" {head * 2 / 2**30:.2f} GiB in bfloat16")
