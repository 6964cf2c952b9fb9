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


W0 = torch.randn(V, V, generator=torch.Generator().manual_seed(0))
x, y = batch(names, 10)
W = W0.clone().requires_grad_(True)
(g_full,) = torch.autograd.grad(F.cross_entropy(W[x].view(-1, V), y.view(-1)), W)

# Two GPUs, two micro-batches of two names each: GPU 0 the short names, GPU 1 the long.
gpus = [[batch(names[0:2], 4), batch(names[2:4], 4)],
        [batch(names[4:6], 10), batch(names[6:8], 10)]]
tokens = [sum((y != -100).sum().item() for _, y in mbs) for mbs in gpus]  # per GPU
N = sum(tokens)                                   # the whole batch, all GPUs
assert tokens == [16, 39] and N == 55


def step_gradient(divisor):
    """Each GPU accumulates sum-of-losses / divisor(its tokens); then the all-reduce
    averages the GPUs' gradients, as data parallelism does."""
    grads = []
    for mbs, n_gpu in zip(gpus, tokens):
        W = W0.clone().requires_grad_(True)       # every GPU holds the same weights
        for x, y in mbs:
            loss = F.cross_entropy(W[x].view(-1, V), y.view(-1), reduction="sum")
            (loss / divisor(n_gpu)).backward()
        grads.append(W.grad)
    return torch.stack(grads).mean(dim=0)         # all-reduce: sum / number of GPUs


local = step_gradient(lambda n_gpu: n_gpu)        # each GPU's own token count
err = ((local - g_full).norm() / g_full.norm()).item()
assert err > 0.05                                 # the mean of the GPUs' means: wrong
fixed = step_gradient(lambda n_gpu: N / len(gpus))  # N from all GPUs, times 2 GPUs
torch.testing.assert_close(fixed, g_full)
print(f"divide by the GPU's own tokens {tokens}: gradient off by {err:.1%}")
print(f"a token of GPU 0 weighs {N / (2 * tokens[0]):.4f}, of GPU 1 "
      f"{N / (2 * tokens[1]):.4f} (should be 1)")
print(f"divide by N / 2 = {N / 2} (N = {N}, summed over the GPUs): "
      "gradient == one batch")
