import torch
import torch.nn.functional as F

chars = ".abcdefghijklmnopqrstuvwxyz"
xs = torch.tensor([chars.index(c) for c in ".emma"])
ys = torch.tensor([chars.index(c) for c in "emma."])
W = torch.randn(27, 27, generator=torch.Generator().manual_seed(0), requires_grad=True)
loss_fn = lambda: F.cross_entropy(W[xs], ys)

# 1. backward() adds into .grad: without zeroing, the second step's gradient is
#    the sum of both.
loss_fn().backward()
first = W.grad.clone()
loss_fn().backward()
print(
    "after two backward(): W.grad == 2 x the gradient:",
    torch.allclose(W.grad, 2 * first),
)
W.grad = None  # what optimizer.zero_grad() does (set_to_none=True by default)

# 2. Editing in place a tensor that a node saved for its backward step raises.
p = W[xs].exp()  # ExpBackward0 saves its result, p
p.mul_(2)  # ...which is now changed
try:
    p.sum().backward()
except RuntimeError as e:
    message = str(e).split(" instead")[0]
    print("in-place edit of a saved tensor:", message.split(": ")[0])
    print("   ", message.split("], ")[1])  # the version counter the node checks

# 3. The same for a leaf: the update of the weights must not be recorded.
try:
    W -= 0.1 * first
except RuntimeError as e:
    print("W -= ... outside no_grad:", str(e).split(".")[0])
with torch.no_grad():
    W -= 0.1 * first
print("inside torch.no_grad(): fine, W is still a leaf:", W.is_leaf)


# 4. Summing losses as tensors keeps every step's graph alive; .item() keeps a number.
def nodes(fn, seen):  # how many graph nodes a tensor keeps reachable
    if fn is not None and fn not in seen:
        seen.add(fn)
        for child, _ in fn.next_functions:
            nodes(child, seen)
    return len(seen)


total_tensor, total_float = 0, 0.0
for step in range(100):
    loss = loss_fn()
    total_tensor = total_tensor + loss  # holds on to this step's graph
    total_float += loss.item()  # a Python float: the graph can be freed
print(
    f"after 100 steps: the tensor sum keeps {nodes(total_tensor.grad_fn, set())} "
    f"graph nodes alive, the Python float keeps none ({total_float:.4f})"
)
