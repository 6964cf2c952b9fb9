import torch
import torch.nn.functional as F

# What the forward pass records: the bigram network's loss on "emma", written out.
chars = ".abcdefghijklmnopqrstuvwxyz"
xs = torch.tensor([chars.index(c) for c in ".emma"])
ys = torch.tensor([chars.index(c) for c in "emma."])
W = torch.randn(27, 27, generator=torch.Generator().manual_seed(0), requires_grad=True)
logits = W[xs]  # (5, 27)
loss = (logits.exp().sum(dim=1).log() - logits[torch.arange(5), ys]).mean()

# 1. Every result of an operation on a tensor that requires grad has a grad_fn, the
#    node that will compute its backward step; next_functions are the edges.
print("W: leaf", W.is_leaf, "| grad_fn", W.grad_fn)
print("loss: leaf", loss.is_leaf, "| grad_fn", type(loss.grad_fn).__name__)


def show(fn, depth=0, seen=set()):
    again = " (the same node again: logits = W[xs] is used twice)" if fn in seen else ""
    print("  " * depth + type(fn).__name__ + again)
    seen.add(fn)
    for child, _ in fn.next_functions:
        if child is not None and not again:
            show(child, depth + 1)


show(loss.grad_fn)  # AccumulateGrad: where W.grad is written

# 2. Nodes keep what their backward step needs: ExpBackward0 keeps its result exp(x).
exp_node = logits.exp().grad_fn
print("ExpBackward0 saves its result:", tuple(exp_node._saved_result.shape))

# 3. backward() frees those saved tensors; a second backward needs retain_graph=True.
loss.backward(retain_graph=True)
loss.backward()  # works once more, and adds to W.grad
try:
    loss.backward()
except RuntimeError as e:
    print("third backward:", str(e).split(".")[0])

# 4. No graph under torch.no_grad(); detach() is the same data without a history.
with torch.no_grad():
    z = W[xs] * 2
print("under no_grad: requires_grad", z.requires_grad, "| grad_fn", z.grad_fn)
d = logits.detach()
print(
    "detach(): requires_grad",
    d.requires_grad,
    "| shares memory with logits:",
    d.data_ptr() == logits.data_ptr(),
)

# 5. Only leaves get .grad; an intermediate needs retain_grad() before backward.
logits = W[xs]
logits.retain_grad()
F.cross_entropy(logits, ys).backward()
rows_sum_to_0 = torch.allclose(logits.grad.sum(dim=1), torch.zeros(5), atol=1e-7)
print(
    "logits.grad (retained):",
    tuple(logits.grad.shape),
    "| rows sum to 0:",
    rows_sum_to_0,
)
