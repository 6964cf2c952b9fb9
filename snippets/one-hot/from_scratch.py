import torch
import torch.nn.functional as F


# --- one-hot from scratch
def one_hot(idx: torch.Tensor, C: int) -> torch.Tensor:
    """int64 class indices of any shape (...) -> (..., C) int64 with one 1 each."""
    flat = idx.reshape(-1)                              # all the indices, flattened
    out = torch.zeros(flat.shape[0], C, dtype=torch.int64)
    out[torch.arange(flat.shape[0]), flat] = 1          # row i gets its 1 at flat[i]
    return out.reshape(*idx.shape, -1)                 # (..., C)
# --- end of one-hot from scratch


chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
idx = torch.tensor([stoi[ch] for ch in ".emma."])    # (T,) = (6,) class indices

mine = one_hot(idx, 27)                              # (T, C) = (6, 27)
torch.testing.assert_close(mine, F.one_hot(idx, num_classes=27))
print("indices:", idx.tolist())
print("shape:", tuple(mine.shape), " dtype:", mine.dtype)
print("row sums:", mine.sum(1).tolist())
print("row for 'e':", mine[1].tolist())
