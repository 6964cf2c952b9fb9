import torch

torch.set_num_threads(1)
lr, (b1, b2), eps = 0.1, (0.9, 0.999), 1e-8
g = torch.tensor([1000.0, 0.001, -5.0])  # three weights, very different gradients

# By hand, step t = 1 from m = u = 0: m_1 = (1 - b1) g and u_1 = (1 - b2) g^2, so
# the corrected averages are g and g^2, and the step is lr g / (|g| + eps).
mine = -lr * g / (g.abs() + eps)

w = torch.zeros(3, requires_grad=True)
opt = torch.optim.Adam([w], lr=lr)
w.grad = g.clone()
opt.step()
torch.testing.assert_close(w.detach(), mine)
assert torch.allclose(w.detach().abs(), torch.full((3,), lr), rtol=1e-4)
print("gradients:        ", [round(v, 6) for v in g.tolist()])
print("Adam's first step:", [round(v, 6) for v in w.detach().tolist()])

# Without the bias correction: (1 - b1) g / sqrt((1 - b2) g^2), for every weight.
raw = lr * (1 - b1) * g / (((1 - b2) * g * g).sqrt() + eps)
ratio = (1 - b1) / (1 - b2) ** 0.5
assert torch.allclose(raw.abs(), torch.full((3,), lr * ratio), rtol=1e-3)
print(f"without bias correction: {ratio:.2f} times the learning rate for every weight")
