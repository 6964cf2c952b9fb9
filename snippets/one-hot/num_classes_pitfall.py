import torch
import torch.nn.functional as F

AR = torch.arange(0, 5)
print("AR % 3                   :", (AR % 3).tolist())
print("one_hot(AR % 3)          shape", tuple(F.one_hot(AR % 3).shape),
      "(classes inferred as max + 1 = 3)")
print("one_hot(AR % 3, num_classes=5) shape",
      tuple(F.one_hot(AR % 3, num_classes=5).shape))

# The trap: a batch without the largest class gets a narrower encoding.
batch = torch.tensor([0, 3, 1])        # 27 classes, but no index above 3 here
print("inferred width for this batch:", F.one_hot(batch).shape[1], "instead of 27")
print("dtype:", F.one_hot(batch).dtype, "- cast with .float() before a matmul")
try:
    F.one_hot(batch) @ torch.randn(4, 2)
except RuntimeError as e:
    print("int64 @ float32 -> RuntimeError:", str(e).splitlines()[0])

# Indices must be int64 and in [0, num_classes): no counting from the end.
for bad in (torch.tensor([0, -1]), torch.tensor([0.0, 1.0])):
    try:
        F.one_hot(bad, num_classes=27)
    except RuntimeError as e:
        print(f"one_hot({bad.tolist()}) -> RuntimeError:", str(e).splitlines()[0])

# cross_entropy takes class indices; float class probabilities also work
# (soft targets): a one-hot float target gives the same loss, an int64 one raises.
logits = torch.tensor([[2.0, 0.5, -1.0]])
y = torch.tensor([0])
by_index = F.cross_entropy(logits, y)
by_probs = F.cross_entropy(logits, F.one_hot(y, 3).float())
torch.testing.assert_close(by_index, by_probs)
print(f"cross_entropy with index {by_index.item():.4f} == with one-hot float "
      f"{by_probs.item():.4f}")
try:
    F.cross_entropy(logits, F.one_hot(y, 3))
except RuntimeError as e:
    print("with the int64 one-hot: RuntimeError:", str(e).splitlines()[0])
