import torch
import torch.nn.functional as F

torch.set_num_threads(1)
chars = ".abcdefghijklmnopqrstuvwxyz"
V = 27
names = ["ava", "mia", "leo", "eli", "alexander", "sebastian", "elizabeth", "penelope"]


def batch(names, T):  # x: '.' + name, padded with '.'; y: name + '.', padded with -100
    x = torch.zeros(len(names), T, dtype=torch.long)
    y = torch.full((len(names), T), -100)
    for b, w in enumerate(names):
        x[b, : len(w) + 1] = torch.tensor([chars.index(c) for c in "." + w])
        y[b, : len(w) + 1] = torch.tensor([chars.index(c) for c in w + "."])
    return x, y


micro_batches = [batch(names[:4], 4), batch(names[4:], 10)]
tokens = [(y != -100).sum().item() for _, y in micro_batches]  # N_j
N = sum(tokens)
W = torch.randn(V, V, generator=torch.Generator().manual_seed(0), requires_grad=True)
x, y = batch(names, 10)
(g_full,) = torch.autograd.grad(F.cross_entropy(W[x].view(-1, V), y.view(-1)), W)

# Keep each micro-batch's mean loss, but weigh it by N_j / N instead of 1 / G.
for x, y in micro_batches:
    mean = F.cross_entropy(W[x].view(-1, V), y.view(-1))
    (mean * (y != -100).sum() / N).backward()
torch.testing.assert_close(W.grad, g_full)
print("weights N_j / N:", [f"{n}/{N}" for n in tokens], "-> gradient == one batch")
