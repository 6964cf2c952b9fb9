from transformers import Gemma2Config, Gemma3TextConfig, MistralConfig

# Released values, typed in from the publishers' files:
# Mistral 7B v0.1,
# https://huggingface.co/mistralai/Mistral-7B-v0.1/blob/main/config.json
# Gemma 2 9B (Gemma2_9B) and Gemma 3 27B (Gemma3_27B): google-deepmind/gemma,
# https://github.com/google-deepmind/gemma/blob/7691fd4/gemma/gm/nn/_gemma.py
S, F = "sliding_attention", "full_attention"
# layers, KV heads, head dim, window, layer pattern (repeated), context (for Mistral
# its config's max_position_embeddings; its paper's context_len is 8192)
released = {
    "Mistral 7B v0.1": (32, 8, 128, 4096, [S], 32768),
    "Gemma 2 9B": (42, 8, 256, 4096, [S, F], 8192),
    "Gemma 3 27B": (62, 16, 128, 1024, [S, S, S, S, S, F], 131072),
}
types = {}
for name, (L, H_kv, d_k, W, pattern, ctx) in released.items():
    types[name] = (pattern * L)[:L]
    n_local = types[name].count(S)
    print(f"{name:15} {L} layers: {n_local} sliding (W = {W}), {L - n_local} full; "
          f"context {ctx}")

# transformers' defaults, and the layer_types its classes derive for these depths
defaults = {"MistralConfig()": MistralConfig(), "Gemma2Config()": Gemma2Config(),
            "Gemma3TextConfig()": Gemma3TextConfig()}
for name, c in defaults.items():
    lt = getattr(c, "layer_types", None)
    kinds = f"{lt.count(S)} sliding / {lt.count(F)} full" if lt else "all sliding"
    print(f"{name:19} sliding_window={c.sliding_window}, {c.num_hidden_layers} layers "
          f"({kinds}), max_position_embeddings={c.max_position_embeddings}")
assert Gemma2Config(num_hidden_layers=42).layer_types == types["Gemma 2 9B"]
assert Gemma3TextConfig(num_hidden_layers=62).layer_types == types["Gemma 3 27B"]
print("layer_types derived for 42 and 62 layers == the released patterns: True")

# KV cache of one sequence in bfloat16 (2 bytes): a sliding layer keeps at most W
# tokens (a rolling buffer of W), a full layer all of them.
GiB = 2**30
for name, (L, H_kv, d_k, W, pattern, ctx) in released.items():
    per_layer_token = 2 * H_kv * d_k * 2  # bytes: K and V
    n_local = types[name].count(S)
    for T in (8192, 32768, 131072):
        if T > ctx:
            continue
        full = L * T * per_layer_token / GiB
        windowed = (n_local * min(T, W) + (L - n_local) * T) * per_layer_token / GiB
        print(f"{name:15} T = {T:6}: {full:6.3f} GiB without the window, "
              f"{windowed:6.3f} GiB with it ({windowed / full:.1%})")
