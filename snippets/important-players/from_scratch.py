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

# Mixtral 8x7B has the same attention, but E = 8 SwiGLU experts per layer, of which
# E_act = 2 run for each token, and a router (a d x E matrix) that picks them.
V, E, E_act = 32000, 8, 2  # vocab_size, num_local_experts, num_experts_per_tok
shared = V * d * 2 + L * (d * H * d_k + 2 * d * H_kv * d_k + H * d_k * d)
shared += (2 * L + 1) * d + L * d * E  # norms and the routers
expert = 3 * d * d_ff
print(f"{'Mixtral: routers (d x E per layer)':38} {L * d * E:>15,}")
print(f"{'Mixtral: total (E experts per layer)':38} {shared + L * E * expert:>15,}")
print(f"{'Mixtral: active (E_act per token)':38} {shared + L * E_act * expert:>15,}")
