import torch
from transformers import DynamicCache, MistralConfig, MistralModel, StaticCache
from transformers.masking_utils import sliding_window_causal_mask_function

# Which keys does query i = 7 see with a window of W = 3? Each rule as its code has it.
T, W, i = 8, 3, 7
p = torch.arange(T)
qi, kj = p[:, None], p[None, :]
rules = {
    # transformers: causal AND kv_idx > q_idx - sliding_window
    "transformers, sliding_window=W": sliding_window_causal_mask_function(W)(
        0, 0, qi, kj
    ),
    # google-deepmind/gemma, create_sliding_mask: k > q - W (and k < q + W), causal
    "gemma reference code": (kj > qi - W) & (kj < qi + W) & (kj <= qi),
    # mistral-src one_file_ref.py, prefill: tril, then triu(diagonal=-sliding_window)
    "mistral-src prefill mask": torch.triu(torch.tril(torch.ones(T, T)), -W).bool(),
}
# mistral-src decoding: position t written to slot t % W of a W-slot cache, then the
# query reads all the slots written so far (cache[:, :cur_pos], cur_pos = i + 1)
slots = torch.full((W,), -1)
for t in range(i + 1):
    slots[t % W] = t
read = torch.isin(p, slots)  # the positions the query at i reads
rules["mistral-src decoding (rolling cache)"] = read[None, :].expand(T, T)
for name, M in rules.items():
    seen = p[M[i]].tolist()
    print(f"{name:38} query {i} sees keys {seen}: {len(seen)} = W{len(seen) - W:+d}")

# transformers' mask is the band the check on this page uses, for every W.
for W_ in range(1, 9):
    band = torch.ones(12, 12, dtype=torch.bool).tril().triu(-(W_ - 1))
    q12 = torch.arange(12)
    hf = sliding_window_causal_mask_function(W_)(0, 0, q12[:, None], q12[None, :])
    assert torch.equal(hf, band)
print("transformers' mask == tril().triu(-(W - 1)) for W = 1..8: True")

# The model itself: which input tokens change the output at position 7? (one layer)
torch.manual_seed(0)
cfg = MistralConfig(vocab_size=27, hidden_size=32, intermediate_size=64,
                    num_hidden_layers=1, num_attention_heads=4, num_key_value_heads=2,
                    sliding_window=W, max_position_embeddings=64)
model = MistralModel(cfg).eval()
x = torch.randn(1, T, 32)
with torch.no_grad():
    base = model(inputs_embeds=x).last_hidden_state[0, i]
    moved = []
    for j in range(T):
        x2 = x.clone()
        x2[0, j] += 1.0
        if not torch.allclose(model(inputs_embeds=x2).last_hidden_state[0, i], base):
            moved.append(j)
    print(f"MistralModel(sliding_window={W}): output {i} depends on inputs {moved}")
    cache = DynamicCache(config=cfg)
    model(inputs_embeds=x, past_key_values=cache, use_cache=True)
    static = StaticCache(config=cfg, max_cache_len=16)
    out = model(inputs_embeds=x, past_key_values=static, use_cache=True)
    full = model(inputs_embeds=x).last_hidden_state
    assert torch.allclose(out.last_hidden_state, full)  # the same outputs
layer = cache.layers[0]
print(f"after {T} tokens its cache, {type(layer).__name__}, holds",
      layer.keys.shape[2], "keys per layer (W - 1: the next token brings its own)")
layer = static.layers[0]
print(f"a StaticCache instead: {type(layer).__name__},",
      layer.keys.shape[2], "slots per layer (W)")
