import torch
import torch.nn.functional as F

# One batch of 8 names, too big for memory (pretend): split into 2 micro-batches of
# 4, padded to their longest name; padding targets are -100, which cross_entropy
# ignores. The model is the bigram network: logits = W[x].
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
print("micro-batch targets (B, T):", [tuple(y.shape) for _, y in micro_batches])
print(micro_batches[1][1])  # the long names: padding targets are -100
tokens = [(y != -100).sum().item() for _, y in micro_batches]
print("real tokens per micro-batch:", tokens, "| total", sum(tokens))

W = torch.randn(V, V, generator=torch.Generator().manual_seed(0), requires_grad=True)
x, y = batch(names, 10)  # the whole batch, for reference
full = F.cross_entropy(W[x].view(-1, V), y.view(-1))  # mean over its real tokens
(g_full,) = torch.autograd.grad(full, W)
print(f"one batch of 8:                   loss {full:.4f}")

# Right: sum the losses of each micro-batch, divide by the whole batch's tokens.
W.grad = None
for x, y in micro_batches:
    loss = F.cross_entropy(W[x].view(-1, V), y.view(-1), reduction="sum") / sum(tokens)
    loss.backward()  # .grad adds up
total = sum(
    F.cross_entropy(W[x].view(-1, V), y.view(-1), reduction="sum")
    for x, y in micro_batches
) / sum(tokens)
print(
    f"sum / all tokens, accumulated:    loss {total:.4f}, gradient == one batch:",
    torch.allclose(W.grad, g_full),
)

# Wrong: the mean of each micro-batch, divided by the number of micro-batches.
W.grad = None
for x, y in micro_batches:
    loss = F.cross_entropy(W[x].view(-1, V), y.view(-1)) / len(micro_batches)
    loss.backward()
means = sum(F.cross_entropy(W[x].view(-1, V), y.view(-1)) for x, y in micro_batches) / 2
error = (W.grad - g_full).norm() / g_full.norm()
print(
    f"mean of the micro-batch means:    loss {means:.4f}, gradient off by {error:.1%}"
)
print(
    f"  each token of the short names weighs {tokens[1] / tokens[0]:.2f} x one of "
    "the long names"
)
