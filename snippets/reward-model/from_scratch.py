import torch

g = torch.Generator().manual_seed(0)  # seed every random generator you use

x = torch.randn(2, 3, generator=g)  # (B, C): say what each axis is
y = x.clone()  # TODO the computation, with elementary tensor operations

print("x:", x.shape)
print(x)
print("y:", y.shape)
print(y)
