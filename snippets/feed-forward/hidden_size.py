import math

d_model = 4096


def llama_ffn(d, multiple_of, multiplier=None):
    """Meta's Llama code: 2/3 of 4d (so SwiGLU's three matrices cost what two
    matrices of 4d cost), optionally scaled, then rounded up to a multiple."""
    hidden = int(2 * 4 * d / 3)
    if multiplier is not None:
        hidden = int(multiplier * hidden)
    return multiple_of * math.ceil(hidden / multiple_of)


h2 = llama_ffn(d_model, multiple_of=256)                  # Llama 2 7B
h3 = llama_ffn(d_model, multiple_of=1024, multiplier=1.3)  # Llama 3 8B
print(f"8/3 x {d_model} = {8 * d_model / 3:.1f}; Llama 2 7B rounds to {h2}, "
      f"Llama 3 8B (x1.3, multiple of 1024) to {h3}")
two = 2 * d_model * 4 * d_model                           # ReLU/GELU MLP, no biases
three = 3 * d_model * h2                                  # SwiGLU: gate, up, down
print(f"parameters per layer: 2 matrices of 4d: {two:,}   "
      f"3 matrices of {h2}: {three:,} ({three / two:.4f} x)")
