import torch

probs = torch.tensor([[0.10, 0.20, 0.30, 0.40],
                      [0.70, 0.10, 0.10, 0.10],
                      [0.25, 0.25, 0.25, 0.25]])   # (B, C) = (3, 4), rows sum to 1
Y = torch.tensor([3, 0, 2])                      # (B,) correct class per row

rows = torch.arange(3)                           # tensor([0, 1, 2])
picked = probs[rows, Y]                          # pairs up rows[i] with Y[i]
print("rows   :", rows.tolist())
print("Y      :", Y.tolist())
print("picked : probs[0, 3], probs[1, 0], probs[2, 2] =",
      [round(v, 2) for v in picked.tolist()])

# The same three numbers, by a loop and by torch.gather:
loop = torch.stack([probs[i, Y[i]] for i in range(3)])
gathered = probs.gather(1, Y.unsqueeze(1)).squeeze(1)
assert torch.equal(picked, loop) and torch.equal(picked, gathered)
# Not the same as probs[:, Y], which takes all three columns for every row:
print("probs[:, Y] has shape", tuple(probs[:, Y].shape), "- a (B, B) table, not (B,)")
