import torch
import torch.nn as nn
import torch.nn.functional as F

V, C = 27, 4
torch.manual_seed(0)
emb = nn.Embedding(V, C)                          # weight: (V, C), initialised N(0, 1)
idx = torch.tensor([[5, 13, 13, 1], [14, 15, 1, 8]])   # (B, T) = (2, 4)

looked_up = emb(idx)                                               # (B, T, C)
torch.testing.assert_close(looked_up, emb.weight[idx])             # plain indexing
torch.testing.assert_close(looked_up, F.one_hot(idx, V).float() @ emb.weight)
torch.testing.assert_close(looked_up, F.embedding(idx, emb.weight))
print("nn.Embedding(idx) == weight[idx] == one_hot(idx) @ weight, shape",
      tuple(looked_up.shape))

# padding_idx: that row starts at zero and never receives a gradient.
pad = nn.Embedding(V, C, padding_idx=0)
out = pad(torch.tensor([[0, 3, 0, 7]]))
out.sum().backward()
print("padding row:", pad.weight[0].tolist())
print("its gradient:", pad.weight.grad[0].tolist(), " row 3's gradient:",
      pad.weight.grad[3].tolist())
assert torch.count_nonzero(pad.weight.grad[0]) == 0
