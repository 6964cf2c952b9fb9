import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
V, d_model = 50257, 768                         # GPT-2's sizes
ids = torch.tensor([464, 3290, 318, 257, 3290, 11])   # six token ids
targets = torch.tensor([3290, 318, 257, 3290, 11, 13])  # each one's next id

for std in (1.0, 0.02):                         # nn.Embedding's default; GPT-2's
    torch.manual_seed(0)
    emb = nn.Embedding(V, d_model)
    nn.init.normal_(emb.weight, std=std)
    with torch.no_grad():
        logits = emb(ids) @ emb.weight.T        # tied output layer, (6, V)
        loss = F.cross_entropy(logits, targets).item()
    top = logits.argmax(dim=1)
    self_logit = logits[torch.arange(6), ids]   # z of "the same token again"
    expected = d_model * std**2                 # E ||e_i||^2
    torch.testing.assert_close(self_logit.mean().item(), expected, rtol=0.1, atol=0)
    print(f"std {std}: self logit {self_logit.mean():.2f} (d_model std^2 = "
          f"{expected:.2f}), std of all logits {logits.std():.2f}")
    print(f"  predicts its own input every time: {torch.equal(top, ids)}, "
          f"loss {loss:.2f}")
    if std == 1.0:
        assert torch.equal(top, ids) and loss > 10 * math.log(V)
    else:
        assert abs(loss - math.log(V)) < 0.5
print(f"ln V = {math.log(V):.2f}")
