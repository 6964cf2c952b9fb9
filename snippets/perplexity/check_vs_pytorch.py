import math

import torch
import torch.nn.functional as F

g = torch.Generator().manual_seed(0)
logits = torch.randn(500, 27, generator=g) * 2  # (positions, V)
targets = torch.randint(0, 27, (500,), generator=g)


def perplexity(logits, targets):
    """exp of the mean negative log-probability of the correct tokens."""
    probs = logits.softmax(-1)[torch.arange(len(targets)), targets]
    return torch.exp(-probs.log().mean())


torch.testing.assert_close(
    perplexity(logits, targets), torch.exp(F.cross_entropy(logits, targets))
)
uniform = torch.zeros(500, 27)  # equal logits: uniform
torch.testing.assert_close(perplexity(uniform, targets), torch.tensor(27.0))
print("perplexity from scratch == exp(F.cross_entropy); uniform over 27 == 27")
print(
    f"these random logits: perplexity {perplexity(logits, targets).item():.4f}, "
    f"worse than uniform ({math.exp(math.log(27)):.1f})"
)
