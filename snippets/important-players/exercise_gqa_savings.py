import torch
from transformers import LlamaConfig, LlamaForCausalLM

torch.manual_seed(0)
torch.set_num_threads(1)

# Llama 3 8B's configuration, and the same model with a key-value head per query head.
V, d, L, H, d_k, d_ff = 128256, 4096, 32, 32, 128, 14336
saved = L * 2 * d * (32 - 8) * d_k  # by hand: W_k and W_v lose 24 of 32 heads' columns


def llama(H_kv, **small):
    """Llama on the meta device (shapes only, no memory), or a small real one."""
    sizes = dict(vocab_size=V, hidden_size=d, num_hidden_layers=L,
                 intermediate_size=d_ff, num_attention_heads=H,
                 num_key_value_heads=H_kv)
    sizes.update(small)
    if small:
        return LlamaForCausalLM(LlamaConfig(**sizes))
    with torch.device("meta"):
        return LlamaForCausalLM(LlamaConfig(**sizes))


n = {H_kv: sum(p.numel() for p in llama(H_kv).parameters()) for H_kv in (8, 32)}
assert n[32] - n[8] == saved
print(f"H_kv = 32: {n[32]:,}; H_kv = 8: {n[8]:,}; saved {saved:,} "
      f"({saved / n[32]:.1%})")

# The KV cache: per token and per layer, one key and one value of d_k numbers for
# each key-value head. Measured on a small real model, then by hand for Llama 3 8B.
tiny = dict(vocab_size=31, hidden_size=32, num_hidden_layers=2, intermediate_size=64,
            num_attention_heads=8)
for H_kv in (2, 8):
    model = llama(H_kv, **tiny)
    cache = model(torch.randint(0, 31, (1, 7)), use_cache=True).past_key_values
    numel = sum(layer.keys.numel() + layer.values.numel() for layer in cache.layers)
    assert numel == 7 * 2 * 2 * H_kv * 4  # T * L * (key + value) * H_kv * d_k
for H_kv in (8, 32):
    per_token = L * 2 * H_kv * d_k * 2  # bytes in bfloat16 (2 bytes a number)
    print(f"Llama 3 8B, H_kv = {H_kv:2}: KV cache {per_token // 1024} KiB per token, "
          f"{per_token * 8192 / 2**30:.0f} GiB for 8192 tokens")
