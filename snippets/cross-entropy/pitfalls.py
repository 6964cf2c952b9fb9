import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])   # (B, C) = (2, 3)
Y = torch.tensor([0, 2])

# 1. Probabilities instead of logits: softmax is applied twice, silently,
#    and the gradient that reaches the logits is flattened.
z = logits.clone().requires_grad_(True)
right = F.cross_entropy(z, Y)
grad_right = torch.autograd.grad(right, z)[0]
wrong = F.cross_entropy(F.softmax(z, dim=1), Y)
grad_wrong = torch.autograd.grad(wrong, z)[0]
print(f"logits in: {right.item():.4f}   probabilities in: {wrong.item():.4f}")
print(f"largest gradient: logits in {grad_right.abs().max().item():.4f}"
      f"   probabilities in {grad_wrong.abs().max().item():.4f}")

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
print(f"F.cross_entropy = {library.item():.4f}",
      "  gradient:", [round(v, 4) for v in torch.autograd.grad(library, z)[0][0].tolist()])

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
