import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
V, T = 27, 100                                   # characters; scored positions
y = torch.randint(0, V, (T,), generator=g)       # the right next characters

logits = torch.zeros(T, V)                       # uniform over the 27 ...
sure = torch.arange(T) < T // 2                  # ... except on the first half,
logits[sure, y[sure]] = 100.0                    # where the model is sure and right
ppl = torch.exp(F.cross_entropy(logits, y)).item()

geometric = math.sqrt(1 * V)                     # (1^50 * 27^50) ** (1 / 100)
arithmetic = (1 + V) / 2                         # the average of 1 and 27
assert abs(ppl - geometric) < 1e-3 and ppl < arithmetic
print(f"perplexity {ppl:.4f}; sqrt(27) = {geometric:.4f}; (1 + 27) / 2 = {arithmetic}")
