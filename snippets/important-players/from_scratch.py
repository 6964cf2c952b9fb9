# Llama 3 8B's parameters from its released configuration, part by part.
V, d, L = 128256, 4096, 32  # vocab_size, hidden_size, num_hidden_layers
H, H_kv, d_k = 32, 8, 128  # num_attention_heads, num_key_value_heads, head_dim
d_ff = 14336  # intermediate_size (SwiGLU)

parts = {
    "token embedding (V x d)": V * d,
    "attention: q, k, v, o per layer": L
    * (d * H * d_k + 2 * d * H_kv * d_k + H * d_k * d),
    "SwiGLU MLP: gate, up, down per layer": L * 3 * d * d_ff,
    "RMSNorm gains (2 per layer + final)": (2 * L + 1) * d,
    "output layer (untied, d x V)": d * V,
}
for name, n in parts.items():
    print(f"{name:38} {n:>15,}")
print(f"{'total':38} {sum(parts.values()):>15,}")
