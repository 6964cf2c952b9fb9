import math

# Learned absolute positions (GPT-2) are a table; RoPE (Llama) has no parameters.
n_ctx, n_embd = 1024, 768
print(f"GPT-2 position table wpe: {n_ctx} x {n_embd} = {n_ctx * n_embd:,} parameters")

d_head = 128                                       # Llama 2 7B and Llama 3 8B
for name, theta in [("Llama 2", 10000.0), ("Llama 3", 500000.0)]:
    slowest = theta ** (-(d_head - 2) / d_head)     # the smallest theta_i
    print(f"{name}: rope_theta = {theta:,.0f}; slowest pair turns once every "
          f"{2 * math.pi / slowest:,.0f} tokens")
