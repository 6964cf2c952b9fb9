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
# A fused q, k, v projection (GPT-2's c_attn, the names GPT's qkv) gets one adapter:
# one A shared by q, k and v. Llama's separate q_proj, k_proj, v_proj get one each.
fused = r * d_model + 3 * d_model * r
separate = 3 * per_matrix
print(f"q, k, v of one layer: fused {fused:,} LoRA parameters (one A), "
      f"separate {separate:,} (three A's)")
# QLoRA: the frozen weights stored in 4 bits instead of 16.
print(f"Llama 2 7B weights: {total * 2 / 2**30:.1f} GiB in bfloat16, "
      f"{total * 0.5 / 2**30:.1f} GiB in 4 bits")
