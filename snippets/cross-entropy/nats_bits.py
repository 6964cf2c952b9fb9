import math

import torch
import torch.nn.functional as F

logits = torch.tensor([[1.0, 2.0, 0.5]])
loss_nats = F.cross_entropy(logits, torch.tensor([1]))    # natural log: nats
print(f"{loss_nats.item():.4f} nats = {loss_nats.item() / math.log(2):.4f} bits")
print(f"perplexity = exp(loss) = {loss_nats.exp().item():.4f}"
      " (the same in either unit: 2 ** bits)")
