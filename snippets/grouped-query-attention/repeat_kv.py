import torch
from transformers.models.llama.modeling_llama import repeat_kv

g = torch.Generator().manual_seed(0)
B, H, H_kv, T, d_k = 1, 32, 8, 1024, 128          # Llama 3 8B's heads, 1024 tokens
k = torch.randn(B, H_kv, T, d_k, generator=g)
group = H // H_kv

# Hugging Face's repeat_kv: expand (a view, no copy) then reshape (a copy).
hf = repeat_kv(k, group)
by_hand = k[:, :, None].expand(B, H_kv, group, T, d_k).reshape(B, H, T, d_k)
assert torch.equal(hf, k.repeat_interleave(group, dim=1)) and torch.equal(hf, by_hand)
print("repeat_kv == repeat_interleave == expand + reshape:", tuple(hf.shape))

# What each costs: the expanded view shares k's memory; the reshaped tensor owns a
# copy as large as multi-head attention's keys.
view = k[:, :, None].expand(B, H_kv, group, T, d_k)
for name, t in [("k (8 KV heads)", k), ("expand (view)", view),
                ("repeat_kv / reshape", hf)]:
    print(f"{name:20} shape {str(tuple(t.shape)):22} "
          f"storage {t.untyped_storage().nbytes() / 2**20:5.1f} MiB")
