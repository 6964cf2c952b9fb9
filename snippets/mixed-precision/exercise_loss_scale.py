import math

import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
f16 = torch.finfo(torch.float16)
# A float16 gradient survives if it rounds to neither 0 nor inf: above half the
# smallest subnormal, 2**-25, and below 65520 (halfway from 65504 to the next power).
print("smallest float16 subnormal:", 2**-24, "| largest float16:", f16.max)
assert torch.tensor(2**-25).half() == 0 and torch.tensor(2**-25 * 1.01).half() > 0
assert torch.tensor(65519.0).half() == f16.max and torch.tensor(65520.0).half().isinf()

# The loss's gradient with respect to a float16 activation is 4 here; GradScaler
# multiplies it by the scale. By hand: halve 65536 until 4 * scale < 65520.
scale, skips = 65536.0, 0
while 4 * scale >= 65520:
    scale, skips = scale / 2, skips + 1
print(f"by hand: {skips} skipped steps, then the scale is {scale:.0f}")

lin = nn.Linear(3, 2)
x = torch.rand(1, 3)
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu")  # init_scale 65536, backoff 0.5
steps = []
for step in range(6):
    before = lin.weight.detach().clone()
    with torch.autocast("cpu", dtype=torch.float16):
        out = lin(x)  # float16
    loss = 4 * out.float().sum()  # d loss / d out = 4, cast back to float16
    opt.zero_grad()
    scaler.scale(loss).backward()
    s = scaler.get_scale()
    scaler.step(opt)  # skipped if a gradient is inf
    scaler.update()
    steps.append((s, not torch.equal(before, lin.weight)))
    print(f"step {step}: scale {s:7.0f}, weights updated: {steps[-1][1]}")
first = [s for s, updated in steps if updated][0]
assert [u for _, u in steps] == [False] * skips + [True] * (6 - skips)
assert first == scale and math.log2(65536 / first) == skips
# And once it fits, the unscaled gradient is the true one, 4 x (float16-rounded x).
torch.testing.assert_close(lin.weight.grad, 4 * x.half().float().expand(2, 3))
