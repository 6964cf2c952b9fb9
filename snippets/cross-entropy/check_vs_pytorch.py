import torch
import torch.nn as nn
import torch.nn.functional as F


def cross_entropy(logits, Y):
    probs = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
    return -probs[torch.arange(Y.shape[0]), Y].log().mean()


g = torch.Generator().manual_seed(86)
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
