import random

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"
V = 27
words = open("names.txt").read().splitlines()


def batch(names):  # all names of one length: no padding, every micro-batch alike
    x = torch.tensor([[chars.index(c) for c in "." + w] for w in names])
    y = torch.tensor([[chars.index(c) for c in w + "."] for w in names])
    return x, y


def loss_of(W, x, y):
    return F.cross_entropy(W[x].view(-1, V), y.view(-1))


five = [w for w in words if len(w) == 5]
micro_batches = [batch(random.Random(k).sample(five, 8)) for k in range(4)]
W0 = torch.randn(V, V, generator=torch.Generator().manual_seed(0))
lr = 0.5

# Before: 4 SGD steps, one per micro-batch.
W = W0.clone().requires_grad_(True)
for x, y in micro_batches:
    (g,) = torch.autograd.grad(loss_of(W, x, y), W)
    W = (W - lr * g).detach().requires_grad_(True)
four_steps = W.detach()

# Now: the 4 micro-batches accumulated into one step, at lr and at 4 * lr.
W = W0.clone().requires_grad_(True)
for x, y in micro_batches:
    (loss_of(W, x, y) / len(micro_batches)).backward()
moved = {f: (W0 - f * lr * W.grad) for f in (1, 4)}
span = (four_steps - W0).norm()  # how far the 4 small steps went
dist = {f: ((m - four_steps).norm() / span).item() for f, m in moved.items()}
size = {f: ((m - W0).norm() / span).item() for f, m in moved.items()}
for f in (1, 4):
    print(f"one step at {f} x lr: moves {size[f]:.2f} x as far as the 4 steps, "
          f"lands {dist[f]:.1%} of that distance away from them")
assert abs(size[1] - 0.25) < 0.05 and abs(size[4] - 1) < 0.1
assert dist[4] < dist[1] / 5 and dist[4] > 0  # close, but not the same point
