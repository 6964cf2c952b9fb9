# GPT-2 small: vocabulary V, embedding width d, a full context of T tokens.
V, d, T = 50257, 768, 1024

onehot_bytes = T * V * 4                   # float32 one-hot inputs
matmul_flops = 2 * T * V * d               # (T, V) @ (V, d): a multiply and an add each
lookup_bytes = T * d * 4                   # copying T rows of the table
print(f"one-hot inputs:  {onehot_bytes / 2**20:8.1f} MiB, "
      f"matmul {matmul_flops / 1e9:.1f} GFLOP")
print(f"index lookup:    {lookup_bytes / 2**20:8.1f} MiB copied, 0 FLOP")
print(f"the matmul does {matmul_flops / (T * d):,.0f} FLOP per number it outputs;"
      " all but one of every V products are with zero")
