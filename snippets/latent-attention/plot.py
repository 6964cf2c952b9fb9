import matplotlib.pyplot as plt
import torch

# KV cache of one sequence for DeepSeek-V3's shape (61 layers, 128 query heads),
# bfloat16, if its attention were each of these (numbers cached per token, layer).
L = 61
per_layer = {
    "MHA: K (128 + 64) and V (128) for 128 heads": 128 * (128 + 64 + 128),
    "GQA: 8 KV heads of 128": 2 * 8 * 128,
    "MLA: latent 512 + rotary key 64": 512 + 64,
    "MQA: 1 KV head of 128": 2 * 128,
}
tokens = torch.linspace(1024, 128 * 1024, 128)
fig, ax = plt.subplots(figsize=(7, 4))
for (name, n), style in zip(per_layer.items(), ["-", "--", "-", ":"]):
    gib = tokens * n * L * 2 / 2**30
    ax.plot(tokens / 1024, gib, style, lw=3 if name.startswith("MLA") else 1.5,
            label=name)
    print(f"{name:45} {gib[-1].item():6.1f} GiB at 128K tokens")
ax.set_yscale("log")
ax.set_xlabel("tokens in the cache (thousands)")
ax.set_ylabel("KV cache of one sequence (GiB, log scale)")
ax.set_title("KV cache at DeepSeek-V3's size: MLA against MHA, GQA and MQA")
ax.legend(fontsize=8)
plt.show()
