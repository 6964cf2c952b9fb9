import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
targets = torch.tensor([stoi[c] for w in words for c in w + "."])  # every next char
f = torch.bincount(targets, minlength=27).double() / len(targets)  # frequencies

# By hand: with the same logits b at every position, the loss is
# -sum_c f_c log softmax(b)_c, smallest where softmax(b) = f, and there it is the
# entropy of f. Its gradient softmax(b) - f is 0 there.
entropy = -(f * f.log()).sum().item()
b = f.log().requires_grad_(True)
loss = -(f * F.log_softmax(b, dim=0)).sum()
loss.backward()
assert abs(loss.item() - entropy) < 1e-12 and b.grad.abs().max() < 1e-12

# Train a bias alone from zeros (the model that knows nothing) and watch it get there.
b = torch.zeros(27, dtype=torch.float64, requires_grad=True)
opt = torch.optim.Adam([b], lr=0.1)
for step in range(301):
    loss = -(f * F.log_softmax(b, dim=0)).sum()
    if step in (0, 300):
        print(f"bias alone, step {step:3d}: loss {loss.item():.4f}")
    opt.zero_grad()
    loss.backward()
    opt.step()
assert abs(loss.item() - entropy) < 1e-3
print(f"ln 27 = {math.log(27):.4f}; entropy of the letter frequencies = {entropy:.4f}")
