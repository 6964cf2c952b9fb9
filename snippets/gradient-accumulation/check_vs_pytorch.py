import random

import torch
import torch.nn.functional as F
from transformers.loss.loss_utils import ForCausalLMLoss

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
chars = ".abcdefghijklmnopqrstuvwxyz"
V = 27
words = open("names.txt").read().splitlines()


def batch(names, T):  # x: '.' + name, padded with '.'; y: name + '.', padded with -100
    x = torch.zeros(len(names), T, dtype=torch.long)
    y = torch.full((len(names), T), -100)
    for b, w in enumerate(names):
        x[b, : len(w) + 1] = torch.tensor([chars.index(c) for c in "." + w])
        y[b, : len(w) + 1] = torch.tensor([chars.index(c) for c in w + "."])
    return x, y


# --- gradient accumulation
def accumulated_step(W, opt, micro_batches):
    opt.zero_grad()
    n_tokens = sum((y != -100).sum() for _, y in micro_batches)  # in the whole batch
    for x, y in micro_batches:
        loss = F.cross_entropy(W[x].view(-1, V), y.view(-1), reduction="sum") / n_tokens
        loss.backward()  # .grad adds up over the micro-batches
    opt.step()


# --- end of gradient accumulation


def big_batch_step(W, opt, names, T):  # PyTorch's mean over the tokens of one batch
    x, y = batch(names, T)
    opt.zero_grad()
    F.cross_entropy(W[x].view(-1, V), y.view(-1), ignore_index=-100).backward()
    opt.step()


# Batches of 16 random names sorted by length (so the micro-batches hold different
# numbers of tokens), split into 1, 2, 4 and 8 micro-batches, 5 SGD steps each.
for seed, micro in ((0, 4), (1, 2), (2, 8), (3, 1)):
    rng = random.Random(seed)
    steps = [sorted(rng.sample(words, 16), key=len) for _ in range(5)]
    W0 = torch.randn(V, V, generator=torch.Generator().manual_seed(seed))
    mine, theirs = W0.clone().requires_grad_(True), W0.clone().requires_grad_(True)
    opt_mine = torch.optim.SGD([mine], lr=5.0)
    opt_theirs = torch.optim.SGD([theirs], lr=5.0)
    for names in steps:
        size = 16 // micro
        chunks = [names[i : i + size] for i in range(0, 16, size)]
        micro_batches = [batch(c, max(map(len, c)) + 1) for c in chunks]
        accumulated_step(mine, opt_mine, micro_batches)
        big_batch_step(theirs, opt_theirs, names, max(map(len, names)) + 1)
        torch.testing.assert_close(mine.grad, theirs.grad)  # the gradient of each step
    torch.testing.assert_close(mine, theirs)  # and the weights after 5 steps
    tokens = [sum(len(w) + 1 for w in c) for c in chunks]
    print(f"{micro} micro-batches (tokens {tokens}): gradients, weights == one batch")

# transformers' causal-LM loss, as its Trainer calls it since the fix of October 2024:
# the sum over a micro-batch divided by num_items_in_batch, the whole batch's tokens.
# (It computes in float32, hence float32 tolerances.)

rng = random.Random(4)
names = sorted(rng.sample(words, 16), key=len)
micro_batches = [
    batch(names[i : i + 4], max(map(len, names[i : i + 4])) + 1)
    for i in range(0, 16, 4)
]
W0 = torch.randn(V, V, generator=torch.Generator().manual_seed(4))
mine = W0.clone().requires_grad_(True)
accumulated_step(mine, torch.optim.SGD([mine], lr=0.0), micro_batches)
n_items = sum((y >= 0).sum() for _, y in micro_batches)  # real targets
for fixed in (True, False):
    theirs = W0.clone().requires_grad_(True)
    for x, y in micro_batches:
        if fixed:
            loss = ForCausalLMLoss(theirs[x], None, V, n_items, shift_labels=y)
        else:  # before: each micro-batch's mean, divided by the accumulation steps
            loss = ForCausalLMLoss(theirs[x], None, V, shift_labels=y) / 4
        loss.backward()
    if fixed:
        torch.testing.assert_close(mine.grad, theirs.grad, rtol=1e-5, atol=1e-6)
        print("== transformers ForCausalLMLoss(num_items_in_batch=N), accumulated")
    else:
        off = (theirs.grad - mine.grad).norm() / mine.grad.norm()
        print(
            f"   without num_items_in_batch (the old Trainer): gradient off by "
            f"{off:.1%}"
        )
