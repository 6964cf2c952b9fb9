import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])   # (B, C) = (2, 3)
Y = torch.tensor([0, 2])

# 1. Probabilities instead of logits: softmax is applied twice, silently.
right = F.cross_entropy(logits, Y)
wrong = F.cross_entropy(F.softmax(logits, dim=1), Y)
print(f"logits in: {right.item():.4f}   probabilities in: {wrong.item():.4f}")
#    And the gradient is flattened: a confidently wrong example (class 0 is
#    right, the model bets on class 1) barely gets corrected.
z = torch.tensor([[-3.0, 4.0, 0.0]], requires_grad=True)
for name, given in (("logits in", z), ("probabilities in", F.softmax(z, dim=1))):
    loss = F.cross_entropy(given, torch.tensor([0]))
    grad = torch.autograd.grad(loss, z)[0][0]
    print(f"  {name:16} loss {loss.item():.4f}  gradient",
          [round(v, 4) for v in grad.tolist()])

# 2. NLLLoss wants log-probabilities; given probabilities it returns nonsense.
print(f"nll_loss(log_softmax): {F.nll_loss(F.log_softmax(logits, 1), Y).item():.4f}"
      f"   nll_loss(softmax): {F.nll_loss(F.softmax(logits, 1), Y).item():.4f}")

# 3. log(0) = -inf: a zero probability for the right class gives an infinite loss,
#    and the gradient is nan. exp(-200) underflows to 0 in float32.
z = torch.tensor([[-200.0, 0.0, 0.0]], requires_grad=True)
by_hand = -F.softmax(z, dim=1)[0, 0].log()
print("-softmax(z)[0, 0].log() =", by_hand.item(),
      "  gradient:", torch.autograd.grad(by_hand, z)[0].tolist())
# log_softmax on finite logits never reaches -inf, however unlikely the class:
library = F.cross_entropy(z, torch.tensor([0]))
grad = torch.autograd.grad(library, z)[0][0]
print(f"F.cross_entropy = {library.item():.4f}",
      "  gradient:", [round(v, 4) for v in grad.tolist()])

# 4. ignore_index=-100 by default: those targets are left out of the mean.
Y_padded = torch.tensor([0, -100])
print(f"with target -100: {F.cross_entropy(logits, Y_padded).item():.4f}"
      f" == first example alone: {F.cross_entropy(logits[:1], Y[:1]).item():.4f}")

# 5. Targets are int64 class indices; a sequence model's (B, T, V) logits must be
#    flattened (or the class axis moved to dimension 1) before the loss.
B, T, V = 2, 3, 5
g = torch.Generator().manual_seed(0)
seq_logits = torch.randn(B, T, V, generator=g)
targets = torch.tensor([[1, 2, 0], [4, 4, 3]])           # (B, T)
try:
    F.cross_entropy(seq_logits, targets)          # reads dim 1 (T) as the classes
except RuntimeError as e:
    print("(B, T, V) logits as they are: RuntimeError:", str(e).splitlines()[0])
flat = F.cross_entropy(seq_logits.view(B * T, V), targets.view(B * T))
moved = F.cross_entropy(seq_logits.transpose(1, 2), targets)   # (B, V, T)
torch.testing.assert_close(flat, moved)
print(f"flattened to (B*T, V): {flat.item():.4f} == class axis moved to dim 1")
try:
    F.cross_entropy(seq_logits.view(B * T, V), targets.view(B * T).float())
except RuntimeError as e:
    print("float targets of shape (B*T,): RuntimeError:", str(e).splitlines()[0])

# 6. When T = V the shapes happen to fit: no error, a different (wrong) loss.
B, T, V = 2, 5, 5
seq_logits = torch.randn(B, T, V, generator=g)
targets = torch.randint(0, V, (B, T), generator=g)
as_is = F.cross_entropy(seq_logits, targets)      # softmax over T, not over V
flat = F.cross_entropy(seq_logits.view(B * T, V), targets.view(B * T))
print(f"T = V = 5, (B, T, V) as they are: {as_is.item():.4f}"
      f"   flattened: {flat.item():.4f}")
