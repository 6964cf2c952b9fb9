import torch
from transformers import DynamicCache, LlamaConfig, LlamaForCausalLM

torch.manual_seed(0)
torch.set_num_threads(1)
sizes = dict(vocab_size=27, hidden_size=64, intermediate_size=128, num_hidden_layers=3,
             num_attention_heads=8, num_key_value_heads=2, max_position_embeddings=64)
model = LlamaForCausalLM(LlamaConfig(**sizes)).eval()  # tiny, random, no download
ids = torch.randint(0, 27, (2, 10))  # 2 sequences of 10 tokens
cache = DynamicCache(config=model.config)
with torch.no_grad():
    model(ids, past_key_values=cache, use_cache=True)



def cache_bytes(L, H_kv, d_k, T, b, B=1):  # keys and values, every layer and head
    return 2 * L * H_kv * d_k * T * b * B


# Check the formula on transformers' cache (float32: b = 4 bytes).
stored = sum(t.numel() * t.element_size()
             for layer in cache.layers for t in (layer.keys, layer.values))
assert stored == cache_bytes(L=3, H_kv=2, d_k=64 // 8, T=10, b=4, B=2)
print(f"tiny Llama, 2 x 10 tokens: DynamicCache holds {stored} bytes"
      " = 2 L H_kv d_k T b B")

# When does the cache weigh as much as the weights (both bfloat16, b = 2)?
contexts = {}
for name, n_params, L, H_kv, d_k, context in (
    ("Llama 2 7B", 6_738_415_616, 32, 32, 128, 4096),
    ("Llama 3 8B", 8_030_261_248, 32, 8, 128, 8192),
):
    per_token = cache_bytes(L, H_kv, d_k, T=1, b=2)
    tokens = n_params * 2 / per_token
    contexts[name] = tokens / context
    print(f"{name}: {per_token // 1024} KiB a token; the cache equals the weights at "
          f"{tokens:,.0f} tokens, {tokens / context:.1f} full contexts")
# A batch of 7 full contexts outweighs Llama 2 7B; Llama 3 8B needs about 15.
assert 6 < contexts["Llama 2 7B"] < 7 and round(contexts["Llama 3 8B"]) == 15
