import math

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel

g = torch.Generator().manual_seed(0)
print("torch", torch.__version__, "| SDPBackend:", list(SDPBackend.__members__))

# Which backend SDPA picks on this CPU for a given call (PyTorch's own chooser)
name = {b.value: n for n, b in SDPBackend.__members__.items()}
Q, K, V = (torch.randn(1, 2, 64, 16, generator=g) for _ in range(3))
calls = {
    "(B, H, T, d_k) float32": dict(),
    "is_causal=True": dict(is_causal=True),
    "boolean attn_mask": dict(attn_mask=torch.ones(64, 64, dtype=torch.bool).tril()),
    "dropout_p=0.1": dict(dropout_p=0.1),
    "d_v = 8 != d_k = 16": dict(value=V[..., :8]),
    "(H, T, d_k), no batch axis": dict(query=Q[0], key=K[0], value=V[0]),
}
for label, kw in calls.items():
    args = {"query": Q, "key": K, "value": V} | kw
    print(f"  {label:27} -> {name[torch._fused_sdp_choice(**args)]}")

# Forcing one backend: only MATH and FLASH_ATTENTION exist on a CPU
want = F.scaled_dot_product_attention(Q, K, V, is_causal=True)
for n, backend in SDPBackend.__members__.items():
    try:
        with sdpa_kernel(backend):
            out = F.scaled_dot_product_attention(Q, K, V, is_causal=True)
        diff = (out - want).abs().max().item()
        print(f"  sdpa_kernel({n}): runs, largest difference {diff:.1e}")
    except RuntimeError as e:
        print(f"  sdpa_kernel({n}): RuntimeError: {str(e)[:45]}...")

# Pitfall: a query row that sees no key in the first tile it reads (a padding mask).
# Its running max stays -inf, and the update exp(s_hat - s_new) is exp(-inf + inf).
s_hat = torch.tensor(float("-inf"))
tile = torch.tensor([float("-inf"), float("-inf")])  # every key of this tile masked
s_new = torch.maximum(s_hat, tile.max())
print("exp(s_hat - s_new) =", torch.exp(s_hat - s_new).item(),
      "| guarded as FlashAttention's kernel does:",
      torch.exp(s_hat - (0.0 if s_new == float("-inf") else s_new)).item())
mask = torch.ones(64, 64, dtype=torch.bool).tril()
mask[5] = False  # query 5 may see nothing
for backend in (SDPBackend.MATH, SDPBackend.FLASH_ATTENTION):
    with sdpa_kernel(backend):
        row = F.scaled_dot_product_attention(Q, K, V, attn_mask=mask)[0, 0, 5]
    print(f"  fully masked row, {backend.name:15}: {row[:3].tolist()} ...")
print("  plain softmax of that row:", torch.softmax(torch.full((3,), -math.inf), -1))

# Convention: the CUDA kernels compute exp(x) as exp2(x * log2(e))
x = torch.linspace(-80, 0, 10001)
rel = ((torch.exp2(x * math.log2(math.e)) - torch.exp(x)) / torch.exp(x)).abs().max()
print(f"exp2(x log2 e) vs exp(x), float32, x in [-80, 0]: relative difference "
      f"{rel.item():.1e}")
