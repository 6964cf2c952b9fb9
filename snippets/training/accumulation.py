import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(10, 32), nn.Tanh(), nn.Linear(32, 5))
x, y = torch.randn(256, 10), torch.randint(0, 5, (256,))


def gradient(micro_batches, divide):
    model.zero_grad()
    for xb, yb in zip(x.chunk(micro_batches), y.chunk(micro_batches)):
        loss = F.cross_entropy(model(xb), yb)  # the mean over one micro-batch
        (loss / micro_batches if divide else loss).backward()  # .grad adds up
    return torch.cat([p.grad.flatten() for p in model.parameters()])


full = gradient(1, divide=True)  # one batch of 256
accumulated = gradient(4, divide=True)  # 4 micro-batches of 64, loss / 4
torch.testing.assert_close(accumulated, full)
print("4 micro-batches of 64, each loss / 4: the gradient of the batch of 256")
ratio = gradient(4, divide=False).norm() / full.norm()
print(f"without dividing the loss: a gradient {ratio:.4f} times too large")

# Mixed precision: under autocast, matrix products run in bfloat16 while the weights,
# their gradients and the loss stay float32.
with torch.autocast("cpu", dtype=torch.bfloat16):
    logits = model(x)
    loss = F.cross_entropy(logits, y)
loss.backward()
print("autocast: logits", logits.dtype, "| loss", loss.dtype,
      "| weights", model[0].weight.dtype, "| gradients", model[0].weight.grad.dtype)
