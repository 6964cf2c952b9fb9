import torch
import torch.nn.functional as F

chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
idx = torch.tensor([stoi[ch] for ch in ".emma."])    # (T,) = (6,) class indices

# From scratch: a row of zeros per index, with a single 1 at that index.
mine = torch.zeros(len(idx), 27, dtype=torch.int64)   # (T, 27)
mine[torch.arange(len(idx)), idx] = 1

torch.testing.assert_close(mine, F.one_hot(idx, num_classes=27))
print("indices:", idx.tolist())
print("shape:", tuple(mine.shape), " dtype:", mine.dtype)
print("row sums:", mine.sum(1).tolist())
print("row for 'e':", mine[1].tolist())
