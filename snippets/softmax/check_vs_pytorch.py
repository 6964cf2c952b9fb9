import torch
import torch.nn as nn
import torch.nn.functional as F


def softmax(z: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """Softmax from elementary operations, numerically stable (see below)."""
    e = (z - z.amax(dim=dim, keepdim=True)).exp()
    return e / e.sum(dim=dim, keepdim=True)


g = torch.Generator().manual_seed(0)
logits = torch.randn(3, 5, generator=g)    # (B, V): a batch of 3 rows of 5 logits

mine = softmax(logits, dim=-1)
torch.testing.assert_close(mine, F.softmax(logits, dim=-1))      # functional
torch.testing.assert_close(mine, nn.Softmax(dim=-1)(logits))     # module
torch.testing.assert_close(mine, torch.softmax(logits, dim=-1))  # torch.*
print("row sums over dim=-1:", mine.sum(dim=-1))

# dim decides which axis is normalised. dim=0 normalises each *column*
# instead: a different result.
by_column = F.softmax(logits, dim=0)
print("column sums with dim=0:", by_column.sum(dim=0))
print("same as dim=-1?", torch.allclose(by_column, mine))
