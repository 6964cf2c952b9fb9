import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
d_model = 768                                 # GPT-2 small's width
by_hand = 4 * d_model * d_model + 4 * d_model  # W_Q, W_K, W_V, W_O and their biases
for H in (1, 12, 64):
    mha = nn.MultiheadAttention(d_model, H)
    n = sum(p.numel() for p in mha.parameters())
    assert n == by_hand, (H, n)
    print(f"H = {H:2d}: d_k = {d_model // H:3d}, parameters {n:,}")
print(f"4 d_model^2 + 4 d_model = {by_hand:,}, whatever H is")
