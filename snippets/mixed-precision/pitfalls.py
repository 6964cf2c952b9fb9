import torch
import torch.nn as nn

torch.manual_seed(0)
# 1. Small updates vanish in bfloat16: near 1.0 its numbers are 2**-7 apart, so adding
#    anything below half of that rounds back to 1.0. A float32 master copy keeps them.
w16, w32 = torch.tensor(1.0, dtype=torch.bfloat16), torch.tensor(1.0)
for step in range(1000):
    w16 = w16 + 1e-3  # an optimizer step of 1e-3, applied to bfloat16 weights
    w32 = w32 + 1e-3  # the same step on float32 master weights
print(f"1000 steps of +1e-3: bfloat16 weight {w16.item()}, float32 weight"
      f" {w32.item():.5f} (its bfloat16 copy {w32.bfloat16().item()})")

# 2. float16 overflows above 65504; bfloat16 has float32's range.
x = torch.tensor([300.0])
print("300 * 300 in float16:", (x.half() * x.half()).item(),
      " in bfloat16:", (x.bfloat16() * x.bfloat16()).item())

# 3. float16 gradients underflow: below about 6e-8 they become 0. GradScaler multiplies
#    the loss by a scale (65536 to start) so that the backward pass stays in range,
#    then divides the float32 gradients by it before the optimizer step.
print("a gradient of 1e-8 in float16:", torch.tensor(1e-8).half().item())
lin = nn.Linear(4, 3)
x = torch.randn(8, 4)
for use_scaler in (False, True):
    lin.zero_grad()
    opt = torch.optim.SGD(lin.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cpu", enabled=use_scaler)
    with torch.autocast("cpu", dtype=torch.float16):
        loss = 1e-8 * lin(x).float().sum()  # a tiny loss: tiny gradients
    scaler.scale(loss).backward()  # loss * scale; backward in float16 where autocast
    scaler.unscale_(opt)  # the gradients divided by the scale, in float32
    g = lin.weight.grad
    print(f"GradScaler {'on ' if use_scaler else 'off'}: scale {scaler.get_scale():7},"
          f" weight gradient nonzero {int((g != 0).sum())} of {g.numel()},"
          f" first {g[0, 0].item():.4g}")
    scaler.step(opt)  # skipped if the gradients hold inf or nan
    scaler.update()  # halve the scale after an overflow, grow it after 2000 good steps

# step() skips a step whose gradients hold inf or NaN; update() then halves the scale.
w = nn.Parameter(torch.ones(2))
opt = torch.optim.SGD([w], lr=0.1)
scaler = torch.amp.GradScaler("cpu")
scaler.scale(w.sum()).backward()  # gradients 65536 each
w.grad[0] = float("inf")  # as after an overflow in float16
scaler.step(opt)
scaler.update()
print(f"an inf in the gradients: step skipped, weights {w.tolist()}, scale now"
      f" {scaler.get_scale()} (backoff {scaler.get_backoff_factor()}, growth"
      f" {scaler.get_growth_factor()} every {scaler.get_growth_interval()} steps)")

# 4. GradScaler refuses float16 weights: the master copy must be float32.
half = nn.Linear(4, 3).half()
opt = torch.optim.SGD(half.parameters(), lr=0.1)
scaler = torch.amp.GradScaler("cpu")
scaler.scale(half(x.half()).float().sum()).backward()
try:
    scaler.unscale_(opt)
except ValueError as e:
    print("model.half() + GradScaler:", e)

# 5. float8: e4m3fn has no infinity (the "fn": finite, NaN only), e5m2 has one.
big = torch.tensor([448.0, 500.0, 1e4, 1e6])
print("to float8_e4m3fn:", big.to(torch.float8_e4m3fn).float().tolist())
print("to float8_e5m2:  ", big.to(torch.float8_e5m2).float().tolist())
