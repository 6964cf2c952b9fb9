import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
T, d_model = 4, 8
norm = nn.LayerNorm(d_model)
up, down = nn.Linear(d_model, 4 * d_model), nn.Linear(4 * d_model, d_model)
nn.init.zeros_(down.weight)                        # the branch writes nothing...
nn.init.zeros_(down.bias)

x = torch.randn(T, d_model, requires_grad=True)
y = x + down(nn.functional.gelu(up(norm(x))))      # pre-LN block
torch.testing.assert_close(y, x)                   # ...so the block is the identity
target = torch.randn(T, d_model)
((y - target) ** 2).mean().backward()

grads = {"down.weight": down.weight.grad, "down.bias": down.bias.grad,
         "up.weight": up.weight.grad, "up.bias": up.bias.grad,
         "norm.weight": norm.weight.grad, "x (the stream)": x.grad}
for name, gr in grads.items():
    print(f"gradient of {name:15}: largest entry {gr.abs().max().item():.4f}")
# The zeroed layer learns at once; whatever is under it gets nothing at step 0,
# because every path from it to the loss goes through down.weight = 0.
assert down.weight.grad.abs().max() > 0 and down.bias.grad.abs().max() > 0
for name in ("up.weight", "up.bias", "norm.weight"):
    assert grads[name].abs().max() == 0, name
torch.testing.assert_close(x.grad, 2 * (x - target).detach() / x.numel())
print("the stream's gradient is that of the identity: 2 (x - target) / (T d_model)")

# One SGD step on down.weight, and the layers under it start to learn.
with torch.no_grad():
    down.weight -= 0.1 * down.weight.grad
up.weight.grad = None
y = x + down(nn.functional.gelu(up(norm(x))))
((y - target) ** 2).mean().backward()
assert up.weight.grad.abs().max() > 0
print(f"after one step: up.weight's gradient {up.weight.grad.abs().max().item():.4f}")
