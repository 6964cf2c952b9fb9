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
