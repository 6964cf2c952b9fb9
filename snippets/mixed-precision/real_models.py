# Memory of mixed-precision training with Adam, per parameter (the ZeRO paper's count):
# 16-bit weights and gradients for the forward and backward passes, and in float32 the
# master weights and Adam's two running averages. Activations come on top.
per_param = {"16-bit weights": 2, "16-bit gradients": 2, "float32 master weights": 4,
             "Adam m": 4, "Adam v": 4}
total = sum(per_param.values())
print(" + ".join(f"{b} ({k})" for k, b in per_param.items()), f"= {total} bytes")


def gpt2(d, L, V=50257, T=1024):  # GPT-2's parameters from its configuration
    return V * d + T * d + L * (12 * d * d + 13 * d) + 2 * d


models = {"GPT-2 (124M)": gpt2(768, 12), "GPT-2 XL (1.5B)": gpt2(1600, 48),
          "Llama 2 7B": 6_738_415_616, "Llama 3 8B": 8_030_261_248}
for name, n in models.items():
    print(f"{name:16} {n:>13,} parameters: training state {n * total / 1e9:6.1f} GB,"
          f" bfloat16 weights {n * 2 / 1e9:4.1f} GB")
