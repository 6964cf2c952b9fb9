import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode

torch.set_num_threads(1)
torch.manual_seed(0)


class Block(nn.Module):  # the page's pre-LN block, attention written out
    def __init__(self, d, H):
        super().__init__()
        self.H = H
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x):
        B, T, d = x.shape
        qkv = self.qkv(self.ln1(x)).view(B, T, 3, self.H, -1)
        q, k, v = qkv.transpose(1, 3).unbind(2)  # each (B, H, T, d_k)
        mask = torch.ones(T, T, dtype=torch.bool).tril()
        s = (q @ k.transpose(-2, -1) / k.shape[-1] ** 0.5).masked_fill(~mask, -1e9)
        x = x + self.proj((s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, d))
        return x + self.mlp(self.ln2(x))


V, d, H, L, B = 27, 16, 2, 1, 1
model = nn.Sequential(nn.Embedding(V, d), *[Block(d, H) for _ in range(L)],
                      nn.LayerNorm(d), nn.Linear(d, V))
N = sum(m.weight.numel() for m in model.modules() if isinstance(m, nn.Linear))
T = N // (L * d)  # by hand: 6 L T d D = 6 N D  <=>  T = N / (L d) = 12 d + V / L
assert N == 12 * L * d * d + d * V and T * L * d == N
x = torch.randint(0, V, (B, T))
with FlopCounterMode(display=False) as counter:
    F.cross_entropy(model(x).view(-1, V), x.view(-1)).backward()
total, D = counter.get_total_flops(), B * T
assert total == 6 * N * D + 2 * 6 * L * T * d * D == 3 * 6 * N * D
print(f"N = {N:,}: Kaplan's attention term equals 6 N D at T = {T} = 12 d + V / L")
print(f"FlopCounterMode at T = {T}: {total:,} = 3 x 6 N D (it counts the masked half)")
for name, T_ctx, d_model in (("GPT-2 small", 1024, 768), ("Llama 2 7B", 4096, 4096)):
    print(f"{name:11}: T = 12 d_model = {12 * d_model:,}; at its context {T_ctx},"
          f" attention adds about {T_ctx / (12 * d_model):.1%} to 6 N D")
