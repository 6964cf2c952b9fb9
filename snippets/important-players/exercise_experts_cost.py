import torch
from transformers import (
    MistralConfig,
    MistralForCausalLM,
    MixtralConfig,
    MixtralForCausalLM,
)

torch.set_num_threads(1)

# Mixtral 8x7B is Mistral 7B's shape with each MLP replaced by E = 8 experts of the
# same size, E_act = 2 of them used by each token, and a router per layer.
V, d, L, H, H_kv, d_k, d_ff, E, E_act = 32000, 4096, 32, 32, 8, 128, 14336, 8, 2
attn = d * H * d_k + 2 * d * H_kv * d_k + H * d_k * d
mlp = 3 * d * d_ff  # one gated MLP, or one expert
shared = 2 * V * d + L * (attn + 2 * d) + d  # embedding, output, attention, norms
mistral = shared + L * mlp
mixtral = shared + L * (d * E + E * mlp)  # all of it must sit in memory
active = shared + L * (d * E + E_act * mlp)  # what one token multiplies with

sizes = dict(vocab_size=V, hidden_size=d, num_hidden_layers=L, intermediate_size=d_ff,
             num_attention_heads=H, num_key_value_heads=H_kv)
with torch.device("meta"):  # shapes only, no memory
    n_mistral = sum(p.numel() for p in MistralForCausalLM(
        MistralConfig(**sizes)).parameters())
    n_mixtral = sum(p.numel() for p in MixtralForCausalLM(
        MixtralConfig(**sizes, num_local_experts=E, num_experts_per_tok=E_act)
    ).parameters())
assert (n_mistral, n_mixtral) == (mistral, mixtral)

# Memory: 2 bytes a parameter in bfloat16. Compute: 2 FLOP (a multiply and an add)
# per token for every weight that multiplies; the input embedding is only looked up.
memory = mixtral / mistral
compute = (active - V * d) / (mistral - V * d)
print(f"Mistral 7B   {mistral:>15,} parameters, {2 * mistral / 1e9:5.1f} GB")
print(f"Mixtral 8x7B {mixtral:>15,} parameters, {2 * mixtral / 1e9:5.1f} GB; "
      f"active {active:,}")
print(f"Mixtral / Mistral: memory x {memory:.2f}, compute per token x {compute:.2f}")
assert 6 < memory < 7 and 1.7 < compute < 2  # neither 8 nor 2: attention is shared
