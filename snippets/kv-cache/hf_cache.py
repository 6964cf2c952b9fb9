import torch
from transformers import (
    DynamicCache,
    LlamaConfig,
    LlamaForCausalLM,
    MistralConfig,
    MistralForCausalLM,
)

torch.manual_seed(0)
sizes = dict(vocab_size=27, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
             num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64)
llama = LlamaForCausalLM(LlamaConfig(**sizes)).eval()    # tiny, random, no download
ids = torch.tensor([[0, 5, 13, 13, 1, 0, 14, 12, 9, 22, 9]])   # a prompt, then more

with torch.no_grad():
    # Prefill: the whole prompt in one forward pass fills the cache.
    cache = DynamicCache(config=llama.config)
    out = llama(ids[:, :5], past_key_values=cache, use_cache=True)
    print("after prefill of 5 tokens:", type(cache).__name__, "with", len(cache.layers),
          "layers; keys of layer 0:", tuple(cache.layers[0].keys.shape))
    # Decode: one token per forward pass, reading and extending the cache.
    for t in range(5, ids.shape[1]):
        out = llama(ids[:, t : t + 1], past_key_values=cache, use_cache=True)
        full = llama(ids[:, : t + 1]).logits[0, -1]          # no cache, whole prefix
        torch.testing.assert_close(out.logits[0, -1], full)
    print("after decoding 6 more:", tuple(cache.layers[0].keys.shape),
          "- every step == a full forward over the prefix")

    # A sliding window of W = 4 (Mistral's design, with a tiny W): the cache rolls,
    # keeping the keys of the last W - 1 tokens; the new token's own makes W.
    mistral = MistralForCausalLM(MistralConfig(**sizes, sliding_window=4)).eval()
    cache = DynamicCache(config=mistral.config)
    mistral(ids[:, :5], past_key_values=cache, use_cache=True)
    for t in range(5, ids.shape[1]):
        out = mistral(ids[:, t : t + 1], past_key_values=cache, use_cache=True)
        full = mistral(ids[:, : t + 1]).logits[0, -1]
        torch.testing.assert_close(out.logits[0, -1], full)
    print(f"sliding window 4, {cache.get_seq_length()} tokens seen:",
          type(cache.layers[0]).__name__, "holds keys",
          tuple(cache.layers[0].keys.shape), "- every step == a full forward")
