import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
C, s, y = 27, 0.1, 5                         # classes, label_smoothing, right class
q = torch.full((C,), s / C, dtype=torch.float64)
q[y] = 1 - s + s / C                         # PyTorch's smoothed target
floor = -(q * q.log()).sum()                 # its entropy H(q)

z = q.log().requires_grad_()                 # logits whose softmax is q itself
loss = F.cross_entropy(z[None], torch.tensor([y]), label_smoothing=s)
(grad,) = torch.autograd.grad(loss, z)
torch.testing.assert_close(loss, floor)
torch.testing.assert_close(grad, torch.zeros(C, dtype=torch.float64))  # a minimum

for scale in (2.0, 10.0):                    # more confident than q: worse
    more = F.cross_entropy(scale * z.detach()[None], torch.tensor([y]),
                           label_smoothing=s)
    assert more > floor
    print(f"logits x {scale:4.1f}: p(right) = "
          f"{torch.softmax(scale * z.detach(), 0)[y].item():.4f}, "
          f"loss {more.item():.4f}")
print(f"C = {C}, s = {s}: best p(right) = {q[y].item():.4f}, "
      f"lowest loss H(q) = {floor.item():.4f} nats (not 0); ln C = {math.log(C):.4f}")
