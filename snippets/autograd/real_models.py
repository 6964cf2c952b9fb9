import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.checkpoint import checkpoint

torch.manual_seed(0)


# What autograd keeps for the backward pass, measured: one pre-LN transformer block
# at the names model's sizes, a batch of B = 32 names of T = 16 characters.
class Block(nn.Module):
    def __init__(self, d_model=48, H=4):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.mlp = nn.Sequential(
            nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model)
        )

    def forward(self, x):
        B, T, d_model = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d_model, dim=-1)
        heads = lambda t: t.view(B, T, self.H, -1).transpose(1, 2)
        a = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), is_causal=True)
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d_model))
        return x + self.mlp(self.ln2(x))


block = Block()
weights = {p.data_ptr() for p in block.parameters()}
x = torch.randn(32, 16, 48, requires_grad=True)


def saved_bytes(run):
    seen = {}

    def pack(t):  # called for every tensor a node saves for its backward step
        if t.data_ptr() not in weights:
            seen[(t.data_ptr(), t.shape)] = t.numel() * t.element_size()
        return t

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        run().sum().backward()
    return sum(seen.values())


plain = saved_bytes(lambda: block(x))
ckpt = saved_bytes(lambda: checkpoint(block, x, use_reentrant=False))
print(
    f"activations saved by autograd: {plain / 1024:.0f} KiB, "
    f"{plain / x.numel() / 4:.1f} x the block's input"
)
print(f"with torch.utils.checkpoint: {ckpt / 1024:.0f} KiB (recomputed in backward)")

# At scale, Korthikanti et al.'s count per layer and sequence (16-bit activations,
# dropout masks): s b h (34 + 5 a s / h) bytes; FlashAttention drops the 5 a s / h
# term (the T x T attention matrices are recomputed, not stored).
for name, s, h, a, L in (
    ("GPT-2 small", 1024, 768, 12, 12),
    ("Llama 2 7B", 4096, 4096, 32, 32),
):
    per_layer = s * h * (34 + 5 * a * s / h)
    print(
        f"{name:11} (T {s}, d_model {h}, H {a}, L {L}): "
        f"{per_layer * L / 2**30:4.1f} GiB a sequence, "
        f"{34 * s * h * L / 2**30:4.1f} GiB without attention matrices"
    )
