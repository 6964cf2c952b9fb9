# Batch sizes the papers report, in sequences and in tokens per optimizer step.
models = {  # name: (context T, sequences per step or None, tokens per step or None)
    "GPT-2": (1024, 512, None),
    "GPT-3 175B": (2048, None, 3.2e6),
    "Llama 2 7B": (4096, None, 4.0e6),
}
print(f"{'model':11} {'context':>7} {'sequences':>9} {'tokens per step':>15}")
for name, (T, sequences, tokens) in models.items():
    sequences = sequences or tokens / T
    print(f"{name:11} {T:7} {sequences:9.0f} {sequences * T:15,.0f}")

# nanoGPT's GPT-2 recipe reaches about half a million tokens per step on 8 GPUs by
# accumulating: each GPU runs 5 micro-batches of 12 sequences before every step.
micro_batch, T, accumulation, gpus = 12, 1024, 5, 8
per_step = micro_batch * T * accumulation * gpus
print(
    f"nanoGPT: {micro_batch} x {T} tokens x {accumulation} micro-batches "
    f"x {gpus} GPUs = {per_step:,} tokens per step"
)
