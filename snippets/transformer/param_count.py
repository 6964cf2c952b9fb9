def transformer_params(V, d, L, d_ff, H, H_kv, ctx=None, norm="rms", glu=True,
                       bias=False, tied=False):
    """Parameters of a decoder-only transformer, from its configuration."""
    d_k = d // H
    attn = d * d + 2 * d * H_kv * d_k + d * d          # W_q, W_k, W_v, W_o
    mlp = (3 if glu else 2) * d * d_ff                 # SwiGLU: gate, up, down
    if bias:                                           # GPT-2: biases everywhere
        attn += d + 2 * H_kv * d_k + d
        mlp += d_ff + d
    per_norm = d if norm == "rms" else 2 * d           # gain (and bias for LayerNorm)
    block = attn + mlp + 2 * per_norm
    embed = V * d + (ctx * d if ctx else 0)            # tokens (+ learned positions)
    head = 0 if tied else V * d
    return embed + L * block + per_norm + head


gpt2 = transformer_params(V=50257, d=768, L=12, d_ff=3072, H=12, H_kv=12, ctx=1024,
                          norm="layer", glu=False, bias=True, tied=True)
llama2 = transformer_params(V=32000, d=4096, L=32, d_ff=11008, H=32, H_kv=32)
llama3 = transformer_params(V=128256, d=4096, L=32, d_ff=14336, H=32, H_kv=8)
for name, n in (("GPT-2 small", gpt2), ("Llama 2 7B", llama2), ("Llama 3 8B", llama3)):
    print(f"{name:12} {n:>15,} parameters")
assert gpt2 == 124_439_808 and llama2 == 6_738_415_616 and llama3 == 8_030_261_248
