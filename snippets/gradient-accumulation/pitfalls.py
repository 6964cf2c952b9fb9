import torch
import torch.nn.functional as F

chars = ".abcdefghijklmnopqrstuvwxyz"
V = 27


def batch(names, T, pad_target=-100):  # targets padded with -100 unless told otherwise
    x = torch.zeros(len(names), T, dtype=torch.long)
    y = torch.full((len(names), T), pad_target)
    for b, w in enumerate(names):
        x[b, : len(w) + 1] = torch.tensor([chars.index(c) for c in "." + w])
        y[b, : len(w) + 1] = torch.tensor([chars.index(c) for c in w + "."])
    return x, y


W = torch.randn(V, V, generator=torch.Generator().manual_seed(0), requires_grad=True)
loss_of = lambda x, y: F.cross_entropy(W[x].view(-1, V), y.view(-1))


def grad_of(loss):
    return torch.autograd.grad(loss, W)[0]


# 1. With the same number of tokens in every micro-batch, the mean of the means is
#    exact: names of one length (nanoGPT's full-length sequences are the same case).
same = [batch(["emma", "noah"], 5), batch(["liam", "jack"], 5)]
whole = batch(["emma", "noah", "liam", "jack"], 5)
mean_of_means = sum(grad_of(loss_of(*mb)) for mb in same) / 2
print(
    "equal token counts: mean of micro-batch means == one batch:",
    torch.allclose(mean_of_means, grad_of(loss_of(*whole))),
)

# 2. zero_grad inside the loop leaves only the last micro-batch's gradient.
W.grad = None
for x, y in same:
    W.grad = None  # zero_grad() in the wrong place
    (loss_of(x, y) / 2).backward()
print(
    "zero_grad inside the loop: .grad == last micro-batch's / 2 only:",
    torch.allclose(W.grad, grad_of(loss_of(*same[1])) / 2),
)

# 3. Padding targets must be -100 (ignore_index); padded with '.' (0) they count.
names = ["ava", "alexander"]
right, wrong = batch(names, 10), batch(names, 10, pad_target=0)
print(
    f"padding ignored: loss {loss_of(*right):.4f} | padding as '.': "
    f"loss {loss_of(*wrong):.4f}"
)

# 4. A micro-batch whose targets are all padding: its mean is 0 / 0.
x, y = batch(["ava"], 4)
y[:] = -100
print(
    "all targets ignored: mean",
    loss_of(x, y).item(),
    "| sum",
    F.cross_entropy(W[x].view(-1, V), y.view(-1), reduction="sum").item(),
)

# 5. Adam hides a loss that was not divided by the steps (it divides the gradient by
#    its own size); SGD takes a step 4 times too large.
for name, make in (("SGD", torch.optim.SGD), ("Adam", torch.optim.Adam)):
    after = []
    for scale in (1.0, 4.0):
        w = W.detach().clone().requires_grad_(True)
        opt = make([w], lr=0.1)
        (scale * F.cross_entropy(w[whole[0]].view(-1, V), whole[1].view(-1))).backward()
        opt.step()
        after.append(w.detach() - W.detach())
    print(
        f"{name:4}: step with loss x 4 / step with loss = "
        f"{(after[1].norm() / after[0].norm()).item():.4f}"
    )
