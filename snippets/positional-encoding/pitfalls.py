import torch
import torch.nn as nn

# Angles m * omega_i in bfloat16: a position in the thousands keeps only about
# three significant digits, so the rotation angle is off by whole radians.
omega_0 = 1.0                                     # the first pair, any base
m = torch.arange(4001, 4006).float()
for dtype in (torch.float32, torch.bfloat16):
    angle = m.to(dtype) * omega_0
    print(f"{str(dtype):15} angles {angle.float().tolist()}  cos "
          f"{[round(c, 3) for c in angle.float().cos().tolist()]}")

# A learned table of absolute positions stops at its size (GPT-2: 1024 rows).
wpe = nn.Embedding(1024, 8)
try:
    wpe(torch.tensor([1024]))
except IndexError as e:
    print("position 1024 of a 1024-row table: IndexError:", e)
