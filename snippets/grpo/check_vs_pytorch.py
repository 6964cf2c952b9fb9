import torch

g = torch.Generator().manual_seed(0)
x = torch.randn(2, 3, generator=g)

mine = x.clone()  # TODO the hand-written version
theirs = x.clone()  # TODO PyTorch's own implementation
torch.testing.assert_close(mine, theirs)
print("hand-written == PyTorch:", torch.equal(mine, theirs))
