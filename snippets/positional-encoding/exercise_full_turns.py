import math

import torch

torch.set_num_threads(1)
d_k, context = 128, 4096                       # Llama 2's head dimension and context
i = torch.arange(d_k // 2, dtype=torch.float64)
for base, by_hand in ((10000.0, 46), (500000.0, 32)):
    omega = base ** (-2 * i / d_k)
    wavelength = 2 * math.pi / omega           # positions per full turn of pair i
    turns = (wavelength <= context).sum().item()
    # by hand: 2 pi base^(2i/d_k) <= 4096  <=>  i <= 64 log(4096 / 2 pi) / log(base)
    i_max = math.floor(d_k / 2 * math.log(context / (2 * math.pi)) / math.log(base))
    assert turns == i_max + 1 == by_hand
    print(f"base {base:8.0f}: {turns} of {d_k // 2} pairs turn at least once in "
          f"{context} tokens; the slowest turns once every {wavelength[-1]:,.0f}")
