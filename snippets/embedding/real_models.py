# Token embedding tables (vocab x hidden) and whether the output layer reuses them.
models = {
    # name: (vocab, hidden, total parameters, output layer tied to the embedding?)
    "GPT-2 (124M)": (50257, 768, 124_439_808, True),
    "Llama 2 7B": (32000, 4096, 6_738_415_616, False),
    "Llama 3 8B": (128256, 4096, 8_030_261_248, False),
}
for name, (vocab, hidden, total, tied) in models.items():
    table = vocab * hidden
    head = 0 if tied else table          # untied: a second (vocab x hidden) matrix
    output = "tied (0 extra)" if tied else f"{head / 1e6:.1f} M"
    print(f"{name:13} embedding {table / 1e6:7.1f} M params = {table / total:5.1%} of"
          f" the model; output layer {output}")
    if not tied:
        print(f"{'':13} tying would save {head / 1e6:.1f} M = {head / total:.1%};"
              f" {head * 2 / 2**30:.2f} GiB in bfloat16")
