import torch
import torch.nn as nn
import torch.nn.functional as F


# --- cross-entropy from scratch, stable
def cross_entropy(logits, Y, ignore_index=-100):
    """Mean of -log softmax(logits)[b, Y[b]] over the targets that are not ignored."""
    m = logits.amax(dim=1, keepdim=True)                       # (B, 1) row maxima
    log_probs = logits - m - (logits - m).exp().sum(dim=1, keepdim=True).log()
    keep = Y != ignore_index                                   # (B,) not padding
    rows = torch.arange(Y.shape[0])[keep]
    return -log_probs[rows, Y[keep]].sum() / keep.sum()
# --- end of cross-entropy from scratch, stable


g = torch.Generator().manual_seed(86)
# Two hard cases first: a square batch (B = C) with two padded targets (-100),
# and logits near 100 (exp overflows float32 unless the maximum is subtracted).
square = torch.randn(6, 6, generator=g) * 3
Y_pad = torch.tensor([2, -100, 5, 5, -100, 1])
large = torch.randn(3, 7, generator=g) * 2 + 100
Y_large = torch.tensor([6, 0, 3])
for z, y in ((square, Y_pad), (large, Y_large)):
    z.requires_grad_(True)
    loss_mine, loss_torch = cross_entropy(z, y), F.cross_entropy(z, y)
    torch.testing.assert_close(loss_mine, loss_torch)
    grads = [torch.autograd.grad(loss, z)[0] for loss in (loss_mine, loss_torch)]
    torch.testing.assert_close(*grads)                  # gradients too
print("equal, gradients too, with ignored targets (B = C = 6) and logits near 100")

logits = torch.randn(4, 5, generator=g, requires_grad=True)   # (B, C)
Y = torch.tensor([1, 0, 4, 4])                                # (B,)

mine = cross_entropy(logits, Y)
torch.testing.assert_close(mine, F.cross_entropy(logits, Y))
torch.testing.assert_close(mine, nn.CrossEntropyLoss()(logits, Y))
# NLLLoss is the second half: it wants log-probabilities, i.e. log_softmax.
torch.testing.assert_close(mine, F.nll_loss(F.log_softmax(logits, dim=1), Y))
print(f"hand-written {mine.item():.6f} == F.cross_entropy == nn.CrossEntropyLoss")

# The gradient w.r.t. the logits is (softmax - one_hot) / B for the mean loss.
mine.backward()
expected = (F.softmax(logits, dim=1) - F.one_hot(Y, 5)) / 4
torch.testing.assert_close(logits.grad, expected.detach())
print("d loss / d logits == (softmax - one_hot) / B: OK")
