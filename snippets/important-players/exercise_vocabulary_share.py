# How much of a model is its vocabulary? Gemma 3 1B against Llama 3.1 405B, counted
# from their configurations (the tables on this page).


def dense_count(V, d, L, H, H_kv, d_k, d_ff, tied, norms=2, qk_norm=0):
    """Parameters of a dense Llama-like model: embedding (and output layer), then L
    layers of attention, norms and a gated MLP, then the final norm."""
    attn = d * H * d_k + 2 * d * H_kv * d_k + H * d_k * d + qk_norm
    layer = attn + norms * d + 3 * d * d_ff
    return V * d * (1 if tied else 2) + L * layer + d


models = {  # name: (configuration, the maker's published total or None)
    "Gemma 3 1B": (dict(V=262144, d=1152, L=26, H=4, H_kv=1, d_k=256, d_ff=6912,
                        tied=True, norms=4, qk_norm=2 * 256), 999_885_952),
    "Llama 3.1 405B": (dict(V=128256, d=16384, L=126, H=128, H_kv=8, d_k=128,
                            d_ff=53248, tied=False), None),
}
share = {}
for name, (cfg, published) in models.items():
    N = dense_count(**cfg)
    if published:
        assert N == published
    vocab = cfg["V"] * cfg["d"] * (1 if cfg["tied"] else 2)  # table + output layer
    share[name] = vocab / N
    print(f"{name:15} {N:>16,} parameters, {vocab:>14,} of them for the "
          f"vocabulary: {share[name]:.1%}")
assert share["Gemma 3 1B"] > 0.25 > 0.02 > share["Llama 3.1 405B"]
