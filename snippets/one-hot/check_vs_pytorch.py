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


# The from-scratch encoding against F.one_hot: one index, a sequence, a (B, T)
# batch, and a batch in which the largest classes do not occur.
g = torch.Generator().manual_seed(1337)
cases = [torch.tensor(3), torch.tensor([0, 26, 5, 5]),
         torch.randint(0, 27, (2, 6), generator=g), torch.tensor([[0, 3], [1, 2]])]
for idx in cases:
    torch.testing.assert_close(one_hot(idx, 27), F.one_hot(idx, num_classes=27))
print("one_hot(idx, 27) == F.one_hot(idx, num_classes=27) for shapes",
      [tuple(i.shape) for i in cases])

# One-hot times a matrix selects: a row (one-hot of length C, the rows) or a
# column (one-hot of length d_model, the columns).
C, d_model = 5, 3
W = torch.randn(C, d_model, generator=g)        # (C, d_model): one row per class

j = 2
row_pick = one_hot(torch.tensor(j), C).float()                 # (C,)
torch.testing.assert_close(row_pick @ W, W[j])       # (C,) @ (C, d_model) -> (d_model,)
print("one_hot(2) @ W == W[2]:", [round(v, 4) for v in (row_pick @ W).tolist()])

k = 1
col_pick = one_hot(torch.tensor(k), d_model).float()           # (d_model,)
torch.testing.assert_close(W @ col_pick, W[:, k])    # (C, d_model) @ (d_model,) -> (C,)
print("W @ one_hot(1) == W[:, 1]:", [round(v, 4) for v in (W @ col_pick).tolist()])

# A whole batch of indices at once: one matmul picks one row each.
idx = torch.tensor([4, 0, 2, 2])
torch.testing.assert_close(one_hot(idx, C).float() @ W, W[idx])
torch.testing.assert_close(F.one_hot(idx, C).float() @ W, W[idx])
print("one_hot(idx) @ W == W[idx] for idx =", idx.tolist())
