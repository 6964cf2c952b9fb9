import matplotlib.pyplot as plt

# The KV cache of a Llama 3 8B-shaped model (32 layers, 32 query heads of
# dimension 128) in bfloat16, with 32, 8 or 1 key-value heads.
layers, d_k, bytes_per = 32, 128, 2
context = [1024 * 2**i for i in range(8)]  # 1K ... 128K tokens
fig, ax = plt.subplots(figsize=(7, 4))
for H_kv, label in (
    (32, "MHA, 32 KV heads"),
    (8, "GQA, 8 KV heads (Llama 3 8B)"),
    (1, "MQA, 1 KV head"),
):
    gib = [2 * layers * H_kv * d_k * T * bytes_per / 2**30 for T in context]
    ax.plot(context, gib, "o-", label=label)
    print(
        f"{label:30} at 8192 tokens: {gib[3]:6.3f} GiB, at 131072: {gib[-1]:6.1f} GiB"
    )
ax.set_xscale("log", base=2)
ax.set_yscale("log", base=2)
ax.set_xlabel("context (tokens)")
ax.set_ylabel("KV cache per sequence (GiB)")
ax.set_title("KV cache of a Llama 3 8B-shaped model, by number of key-value heads")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
