import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)


class Block(nn.Module):  # a pre-LN transformer block, d_model = d, H heads
    def __init__(self, d, H, sdpa):
        super().__init__()
        self.H, self.sdpa = H, sdpa
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x):
        B, T, d = x.shape
        qkv = self.qkv(self.ln1(x)).view(B, T, 3, self.H, -1)
        q, k, v = qkv.transpose(1, 3).unbind(2)  # each (B, H, T, d_k)
        if self.sdpa:
            a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:  # the same attention written out
            mask = torch.ones(T, T, dtype=torch.bool).tril()
            s = (q @ k.transpose(-2, -1) / k.shape[-1] ** 0.5).masked_fill(~mask, -1e9)
            a = s.softmax(-1) @ v
        x = x + self.proj(a.transpose(1, 2).reshape(B, T, d))
        return x + self.mlp(self.ln2(x))


def gpt(V, d, H, L, sdpa):
    return nn.Sequential(nn.Embedding(V, d), *[Block(d, H, sdpa) for _ in range(L)],
                         nn.LayerNorm(d), nn.Linear(d, V))


V, d, H, L, B, T = 27, 64, 4, 2, 8, 32
N = sum(m.weight.numel() for m in gpt(V, d, H, L, True).modules()
        if isinstance(m, nn.Linear))  # the weights of the matmuls: 12 L d^2 + d V
D = B * T  # tokens in the batch
print(f"N = {N:,} matmul weights (12 L d^2 + d V = {12 * L * d * d + d * V:,}),"
      f" D = {D} tokens")
print(f"6 N D                         = {6 * N * D:>12,}")
print(f"6 L T d D (attention, Kaplan) = {6 * L * T * d * D:>12,}")
x = torch.randint(0, V, (B, T))
for sdpa in (True, False):
    torch.manual_seed(0)
    model = gpt(V, d, H, L, sdpa)
    with FlopCounterMode(display=False) as counter:
        F.cross_entropy(model(x).view(-1, V), x.view(-1)).backward()
    total = counter.get_total_flops()
    print(f"FlopCounterMode, {'SDPA' if sdpa else 'attention by hand':17}:"
          f" {total:>12,} = 6 N D + {total - 6 * N * D:,}"
          f" = 6 N D + {(total - 6 * N * D) / (6 * L * T * d * D):.1f} x 6 L T d D")
