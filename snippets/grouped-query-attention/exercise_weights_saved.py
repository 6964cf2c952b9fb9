import torch
from transformers import LlamaConfig, LlamaForCausalLM

torch.set_num_threads(1)
# Llama 3 8B's configuration (its released config.json), built on the meta device:
# shapes only, no memory, nothing downloaded.
cfg = dict(vocab_size=128256, hidden_size=4096, intermediate_size=14336,
           num_hidden_layers=32, num_attention_heads=32, num_key_value_heads=8,
           tie_word_embeddings=False)
d_model, H, H_kv, d_k, L = 4096, 32, 8, 128, 32

# By hand: q_proj and o_proj are d_model x H d_k; k_proj and v_proj d_model x H_kv d_k.
gqa_layer = 2 * d_model * H * d_k + 2 * d_model * H_kv * d_k
mha_layer = 4 * d_model * H * d_k
counts = {}
for name, kv in (("GQA, 8 key-value heads", H_kv), ("multi-head, 32", H)):
    with torch.device("meta"):
        model = LlamaForCausalLM(LlamaConfig(**cfg | {"num_key_value_heads": kv}))
    attn = model.model.layers[0].self_attn
    counts[name] = (sum(p.numel() for p in attn.parameters()), model.num_parameters())
    print(f"{name:23}: attention of one layer {counts[name][0]:>10,}, "
          f"whole model {counts[name][1]:>13,}")
assert counts["GQA, 8 key-value heads"][0] == gqa_layer
assert counts["multi-head, 32"][0] == mha_layer
saved = counts["multi-head, 32"][1] - counts["GQA, 8 key-value heads"][1]
assert saved == L * (mha_layer - gqa_layer)
print(f"GQA saves {saved:,} parameters, {saved / counts['multi-head, 32'][1]:.1%} "
      "of the multi-head model")
