import math

import torch
from transformers import LlamaConfig
from transformers.modeling_rope_utils import ROPE_INIT_FUNCTIONS

# Learned absolute positions (GPT-2) are a table; RoPE (Llama) has no parameters.
n_ctx, n_embd = 1024, 768
print(f"GPT-2 position table wpe: {n_ctx} x {n_embd} = {n_ctx * n_embd:,} parameters")

d_head = 128                                       # Llama 2 7B and Llama 3 8B
for name, theta in [("Llama 2", 10000.0), ("Llama 3", 500000.0)]:
    slowest = theta ** (-(d_head - 2) / d_head)     # the smallest theta_i
    print(f"{name}: rope_theta = {theta:,.0f}; slowest pair turns once every "
          f"{2 * math.pi / slowest:,.0f} tokens")

# Llama 3.1 stretches RoPE from 8192 to 131072 tokens with its config's rope_scaling:
# pairs turning faster than once per 8192 / 4 = 2048 tokens stay as they are, pairs
# slower than once per 8192 tokens turn 8 times slower, and those between blend.
scaling = {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
           "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}
config = LlamaConfig(hidden_size=4096, num_attention_heads=32, rope_theta=500000.0,
                     max_position_embeddings=131072, rope_scaling=scaling)
hf, _ = ROPE_INIT_FUNCTIONS["llama3"](config, "cpu")          # transformers' omega_i
omega = 500000.0 ** (-torch.arange(0, d_head, 2).float() / d_head)
wavelength = 2 * math.pi / omega                               # tokens per turn
blend = (8192 / wavelength - 1.0) / (4.0 - 1.0)                # 0..1 between the two
mine = torch.where(wavelength < 8192 / 4.0, omega,
                   torch.where(wavelength > 8192 / 1.0, omega / 8.0,
                               (1 - blend) * omega / 8.0 + blend * omega))
torch.testing.assert_close(hf, mine)
same = (wavelength < 8192 / 4.0).sum()
slow = (wavelength > 8192 / 1.0).sum()
print(f"Llama 3.1 rope_scaling: of {len(omega)} pairs {same} unchanged, {slow} turn 8 "
      f"times slower, {len(omega) - same - slow} in between (as in transformers)")
