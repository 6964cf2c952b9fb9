import torch
import torch.nn.functional as F

R, C = 5, 3
g = torch.Generator().manual_seed(1337)
W = torch.randn(R, C, generator=g)              # (R, C): a table with one row per class

j = 2
row_pick = F.one_hot(torch.tensor(j), num_classes=R).float()   # (R,)
torch.testing.assert_close(row_pick @ W, W[j])                 # (R,) @ (R, C) -> (C,)
print("one_hot(2) @ W == W[2]:", [round(v, 4) for v in (row_pick @ W).tolist()])

k = 1
col_pick = F.one_hot(torch.tensor(k), num_classes=C).float()   # (C,)
torch.testing.assert_close(W @ col_pick, W[:, k])              # (R, C) @ (C,) -> (R,)
print("W @ one_hot(1) == W[:, 1]:", [round(v, 4) for v in (W @ col_pick).tolist()])

# A whole batch of indices at once: one matmul picks one row each.
idx = torch.tensor([4, 0, 2, 2])
torch.testing.assert_close(F.one_hot(idx, R).float() @ W, W[idx])
print("one_hot(idx) @ W == W[idx] for idx =", idx.tolist())
