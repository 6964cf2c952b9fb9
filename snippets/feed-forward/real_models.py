# The feed-forward network's share of each model, from the released configurations.
models = {
    # name: (d_model, d_ff, form, layers, total parameters, lookup-only parameters)
    "GPT-2 small": (768, 3072, "GELU MLP", 12, 124_439_808, 1024 * 768),  # positions
    "Llama 2 7B": (4096, 11008, "SwiGLU", 32, 6_738_415_616, 32000 * 4096),
    "Llama 3 8B": (4096, 14336, "SwiGLU", 32, 8_030_261_248, 128256 * 4096),
}
for name, (d, d_ff, form, layers, total, lookup) in models.items():
    if form == "SwiGLU":
        per_layer = 3 * d * d_ff                       # gate, up, down; no biases
    else:
        per_layer = 2 * d * d_ff + d_ff + d            # two matrices and two biases
    print(f"{name:12} {form:9} d_ff {d_ff:>6}: {per_layer:>12,} per layer, "
          f"{2 * per_layer / 1e9:.3f} GFLOP per token per layer")
    # The input embedding (GPT-2: the position table; its token table is reused as
    # the output layer) is only looked up; every other weight costs 2 FLOPs a token.
    share, compute = layers * per_layer / total, layers * per_layer / (total - lookup)
    print(f"{'':12} {share:.0%} of all parameters, {compute:.0%} of the weights that "
          "multiply (the forward compute, without the attention scores)")
