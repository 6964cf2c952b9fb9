import math

import torch
import torch.nn.functional as F

# A model that knows nothing gives every class the same logit: uniform probabilities.
vocabularies = {"characters of names.txt": 27, "GPT-2": 50257,
                "Llama 2": 32000, "Llama 3": 128256}
for name, C in vocabularies.items():
    logits = torch.zeros(1, C)                       # all equal: uniform over C
    loss = F.cross_entropy(logits, torch.tensor([0]))
    torch.testing.assert_close(loss, torch.tensor(math.log(C)))
    print(f"{name:24} C = {C:6d}   ln C = {loss.item():.4f} nats"
          f" = {loss.item() / math.log(2):.2f} bits")
