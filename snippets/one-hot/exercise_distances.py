import torch
import torch.nn.functional as F

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"
X = F.one_hot(torch.arange(27), num_classes=27).float()   # every character, (27, 27)

dots = X @ X.T                                  # all dot products e_i . e_j
dist = torch.cdist(X, X)                        # all Euclidean distances
off = ~torch.eye(27, dtype=torch.bool)          # the pairs of different characters

assert torch.equal(dots, torch.eye(27))
assert torch.allclose(dist[off], torch.full((27 * 26,), 2 ** 0.5))
print("e_i . e_j: 1 on the diagonal, 0 elsewhere:", torch.equal(dots, torch.eye(27)))
print(f"distance 'a' to 'e': {dist[1, 5]:.4f}, 'a' to 'z': {dist[1, 26]:.4f}, "
      f"sqrt(2) = {2 ** 0.5:.4f}")
print("different distances among the", 27 * 26, "pairs of different characters:",
      torch.unique(dist[off]).numel())
