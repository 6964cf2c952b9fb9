import math

import torch
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
n = sum(len(w) + 1 for w in words)  # one example per next character, as on this page
g = torch.Generator().manual_seed(1)

# One epoch's worth of random batches of 256, drawn as the loop draws them.
steps = n // 256
seen = torch.zeros(n, dtype=torch.bool)
for _ in range(steps):
    seen[torch.randint(0, n, (256,), generator=g)] = True
unseen = 1 - seen.float().mean().item()

# By hand: an example is missed by one draw with probability 1 - 1/n, by all
# 256 * steps (about n) draws with probability (1 - 1/n)^n, close to 1/e.
by_hand = (1 - 1 / n) ** (256 * steps)
assert abs(unseen - by_hand) < 0.005 and abs(by_hand - 1 / math.e) < 0.005
print(f"{n} examples, {steps} steps of 256: {unseen:.1%} never drawn")
print(f"(1 - 1/n)^(256 x steps) = {by_hand:.1%}; 1/e = {1 / math.e:.1%}")

# Shuffling once per epoch instead: every example exactly once.
loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=256, shuffle=True,
                    generator=torch.Generator().manual_seed(1))
drawn = torch.cat([batch for (batch,) in loader])
assert torch.equal(drawn.sort().values, torch.arange(n))
print(f"DataLoader(shuffle=True): {len(drawn)} draws, "
      f"{drawn.unique().numel()} distinct")
