import torch
import torch.nn as nn
import torch.nn.functional as F


# --- softmax from scratch
def softmax(z: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """Softmax from elementary operations, numerically stable (see below)."""
    e = (z - z.amax(dim=dim, keepdim=True)).exp()
    return e / e.sum(dim=dim, keepdim=True)
# --- end of softmax from scratch


g = torch.Generator().manual_seed(0)
# Several cases: a square batch (B = V), rows on very different scales (logits
# near 100 overflow exp; a row near -200 underflows if shifted by the wrong
# maximum), a (B, V) batch of 3 rows of 5 logits, and a 3-D tensor (B, T, V),
# each along every axis.
cases = {
    "square (4, 4)": torch.randn(4, 4, generator=g) * 3,
    "scales (3, 6)": torch.randn(3, 6, generator=g) * 2
    + torch.tensor([[100.0], [0.0], [-200.0]]),
    "batch (3, 5)": torch.randn(3, 5, generator=g),
    "3-D (2, 3, 7)": torch.randn(2, 3, 7, generator=g) * 5,
}
for name, z in cases.items():
    torch.testing.assert_close(softmax(z), F.softmax(z, dim=-1))  # default: last axis
    for dim in range(-1, z.dim()):
        torch.testing.assert_close(softmax(z, dim=dim), F.softmax(z, dim=dim))
    print(f"{name}: equal to F.softmax along every dim")

# The functional, the module and torch.softmax, on the (B, V) batch:
logits = cases["batch (3, 5)"]
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
