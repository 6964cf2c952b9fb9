# The feed-forward network's share of each layer, from the released configurations.
models = {
    # name: (d_model, d_ff, form, layers, total parameters)
    "GPT-2 small": (768, 3072, "GELU MLP", 12, 124_439_808),
    "Llama 2 7B": (4096, 11008, "SwiGLU", 32, 6_738_415_616),
    "Llama 3 8B": (4096, 14336, "SwiGLU", 32, 8_030_261_248),
}
for name, (d, d_ff, form, layers, total) in models.items():
    if form == "SwiGLU":
        per_layer = 3 * d * d_ff                       # gate, up, down; no biases
    else:
        per_layer = 2 * d * d_ff + d_ff + d            # two matrices and two biases
    share = layers * per_layer / total
    print(f"{name:12} {form:9} d_ff {d_ff:>6}: {per_layer:>12,} per layer, "
          f"{share:.0%} of all parameters, {2 * per_layer / 1e9:.3f} GFLOP per token "
          "per layer")
