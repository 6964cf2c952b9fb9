# GPT-2 small: vocabulary V, embedding width d_model, a full context of T tokens.
V, d_model, T = 50257, 768, 1024

onehot_bytes = T * V * 4                   # float32 one-hot inputs
matmul_flops = 2 * T * V * d_model         # (T, V) @ (V, d_model): multiply and add
lookup_bytes = T * d_model * 4             # copying T rows of the table
print(f"one-hot inputs:  {onehot_bytes / 2**20:8.1f} MiB, "
      f"matmul {matmul_flops / 1e9:.1f} GFLOP")
print(f"index lookup:    {lookup_bytes / 2**20:8.1f} MiB copied, 0 FLOP")
print(f"the matmul does {matmul_flops / (T * d_model):,.0f} FLOP per number it outputs;"
      " all but one of every V products are with zero")
