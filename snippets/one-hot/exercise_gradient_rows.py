import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
xs = torch.tensor([stoi[ch] for ch in ".emma"])      # inputs of the bigrams of .emma.
ys = torch.tensor([stoi[ch] for ch in "emma."])      # their targets

W = torch.randn(27, 27, requires_grad=True)          # the bigram network's weights
X = F.one_hot(xs, num_classes=27).float()            # (5, 27)
loss = F.cross_entropy(X @ W, ys)
loss.backward()

# By hand: W.grad = X.T @ G, with G the gradient of the loss w.r.t. the logits,
# so row i of W.grad is the sum of the rows of G whose input is character i.
G = (F.softmax(X @ W, dim=1) - F.one_hot(ys, 27)).detach() / len(xs)
torch.testing.assert_close(W.grad, X.T @ G)
by_rows = torch.zeros(27, 27).index_add_(0, xs, G)   # a lookup's gradient: add rows
torch.testing.assert_close(W.grad, by_rows)

touched = W.grad.abs().sum(dim=1).nonzero().flatten().tolist()
assert touched == sorted(set(xs.tolist()))
print("rows of W with a gradient:", [chars[i] for i in touched])
print(f"of {W.numel()} weights, {(W.grad != 0).sum().item()} got a nonzero gradient")
torch.testing.assert_close(W.grad[stoi["m"]], G[2] + G[3])
print("row 'm' is the sum of the two positions whose input is 'm'")
