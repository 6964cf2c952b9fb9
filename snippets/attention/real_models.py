# GPT-2 small: attention scores are T x T per head, per layer.
T, layers, heads, d_model = 1024, 12, 12, 768
d_head = d_model // heads
scores = layers * heads * T * T
print(f"head dimension: {d_model} / {heads} = {d_head}")
print(f"scores per sequence: {layers} x {heads} x {T} x {T} = {scores:,}")
print(f"  = {scores * 4 / 2**20:.0f} MiB in float32 if all were stored at once")
flops = layers * heads * 2 * (2 * T * T * d_head)     # QK^T and weights @ V
print(f"attention matmuls: {flops / 1e9:.1f} GFLOP per sequence;"
      f" doubling T to {2 * T} multiplies both by 4")
