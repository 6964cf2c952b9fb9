import math

# The residual stream of real models: its width, how many sublayers add into it,
# and GPT-2's initialisation of the projections that write into it.
models = {
    # name: (layers, d_model) from the released configurations
    "GPT-2 small": (12, 768),
    "GPT-2 XL": (48, 1600),
    "Llama 2 7B": (32, 4096),
    "Llama 3 8B": (32, 4096),
}
print(f"{'model':12} {'width':>6} {'additions':>10}  init std of the writing layers")
for name, (layers, d_model) in models.items():
    adds = 2 * layers                    # attention and MLP each add once per layer
    init = f"0.02/sqrt({adds}) = {0.02 / math.sqrt(adds):.5f}" if "GPT-2" in name \
        else "not published"
    print(f"{name:12} {d_model:>6} {adds:>10}  {init}")
print("bytes of the stream per token in bfloat16: GPT-2 small", 768 * 2,
      "- Llama 2 7B", 4096 * 2)
