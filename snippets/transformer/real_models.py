# Where the parameters of a transformer sit, for the published configurations
# (the same formula as param_count.py, split by part).
configs = {
    # name: (V, d_model, layers, d_ff, H, H_kv, learned positions, GLU, bias, tied)
    "GPT-2 small": (50257, 768, 12, 3072, 12, 12, 1024, False, True, True),
    "Llama 2 7B": (32000, 4096, 32, 11008, 32, 32, 0, True, False, False),
    "Llama 3 8B": (128256, 4096, 32, 14336, 32, 8, 0, True, False, False),
}
print(f"{'model':12} {'embeddings':>14} {'attention':>14} {'MLP':>14} {'norms':>10}")
for name, (V, d, L, d_ff, H, H_kv, ctx, glu, bias, tied) in configs.items():
    d_k = d // H
    attn = 2 * d * d + 2 * d * H_kv * d_k + (2 * d + 2 * H_kv * d_k if bias else 0)
    mlp = (3 if glu else 2) * d * d_ff + (d_ff + d if bias else 0)
    norms = (2 * L + 1) * d * (2 if bias else 1)
    emb = V * d + ctx * d + (0 if tied else V * d)     # input, positions, output head
    print(f"{name:12} {emb:>14,} {L * attn:>14,} {L * mlp:>14,} {norms:>10,}")
