import matplotlib.pyplot as plt

# Bytes of the largest tensors of one head's attention, float32, d_k = 64:
# the textbook way holds the (T, T) scores; the tiled way one (128, 128) tile of
# them, beside the (T, d_k) output that every way must write.
d_k, b_q, b_k = 64, 128, 128
T = [2**i for i in range(7, 18)]  # 128 ... 131072 tokens
full = [t * t * 4 for t in T]
tile = [b_q * b_k * 4 for t in T]
out = [t * d_k * 4 for t in T]
print(f"T = {T[-1]}: scores {full[-1] / 2**30:.0f} GiB, "
      f"output {out[-1] / 2**20:.0f} MiB, tile {tile[-1] / 2**10:.0f} KiB")

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(T, full, "o-", label="(T, T) scores: textbook attention, SDPA's MATH backend")
ax.plot(T, out, "s-", label="(T, d_k) output, d_k = 64 (every method)")
ax.plot(T, tile, "^-", label="one (128, 128) tile of scores (FlashAttention)")
ax.set_xscale("log", base=2)
ax.set_yscale("log", base=2)
ax.set_xlabel("sequence length T (tokens)")
ax.set_ylabel("bytes (float32, one head)")
ax.set_title("Largest tensor of one head's attention: T x T scores or one tile")
ax.legend(fontsize=8)
ax.grid(True, alpha=0.3)
fig.tight_layout()
plt.show()
