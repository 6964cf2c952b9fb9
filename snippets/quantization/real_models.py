# Weight memory of Llama 2 at 16 bits and quantized, from the released configurations:
# https://huggingface.co/meta-llama/Llama-2-7b-hf/blob/main/config.json
# https://huggingface.co/meta-llama/Llama-2-70b-hf/blob/main/config.json
configs = {  # hidden_size, intermediate_size, num_hidden_layers, heads, kv heads, vocab
    "Llama 2 7B": (4096, 11008, 32, 32, 32, 32000),
    "Llama 2 70B": (8192, 28672, 80, 64, 8, 32000),
}
formats = {  # bits per weight of the blocks' linear layers, scales included
    "bfloat16": 16,
    "int8 per channel (scales: under 0.01 bits)": 8,  # 16 bits per row of 4096+
    "GGUF Q4_0 (blocks of 32, float16 scale)": 4.5,  # 18 bytes per 32 weights
    "NF4, blocks of 64, double quantization": 4 + 8 / 64 + 32 / (64 * 256),
    "int4, groups of 128 (GPTQ, AWQ): float16 scale, 4-bit zero": 4 + 20 / 128,
}
for name, (d, d_ff, L, H, H_kv, V) in configs.items():
    d_k = d // H
    attn = d * d * 2 + d * H_kv * d_k * 2  # q and o; k and v (grouped-query in 70B)
    mlp = 3 * d * d_ff  # gate, up, down (SwiGLU)
    linear = L * (attn + mlp)  # what quantization libraries quantize
    other = 2 * V * d + (2 * L + 1) * d  # embedding, output layer, RMSNorm gains
    print(f"{name}: {linear + other:,} parameters, {linear:,} in the blocks' linears")
    for fmt, bits in formats.items():
        gib = (linear * bits / 8 + other * 2) / 2**30  # the rest stays bfloat16
        print(f"  {fmt:58} {bits:6.3f} bits: {gib:6.1f} GiB")
