# LoRA on Llama 2 7B: rank r = 8 on the four attention projections (q, k, v, o) of
# every layer. Each adds A (r x d_in) and B (d_out x r). Sizes from the configuration.
layers, d_model, r = 32, 4096, 8
total = 6_738_415_616
per_matrix = r * d_model + d_model * r
lora = layers * 4 * per_matrix
print(f"LoRA parameters: {layers} layers x 4 matrices x {per_matrix:,} = {lora:,}")
print(f"fraction of the model's {total:,} parameters: {lora / total:.4%}")
print(
    f"Adam state for them in float32: {lora * 8 / 2**20:.0f} MiB, "
    f"for full fine-tuning: {total * 8 / 2**30:.1f} GiB"
)
