import torch

torch.set_num_threads(1)
lr, rho, steps = 0.01, 0.9, 50
slope = 3.0  # the loss 3 w has the same gradient, 3, everywhere

w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=lr, momentum=rho)
for _ in range(steps):
    opt.zero_grad()
    (slope * w).sum().backward()
    opt.step()

# By hand: v_t = slope (1 + rho + ... + rho^(t-1)) = slope (1 - rho^t) / (1 - rho),
# and w moves by lr v_s at every step s.
v = lambda t: slope * (1 - rho**t) / (1 - rho)
w_mine = -lr * sum(v(t) for t in range(1, steps + 1))
v_torch = opt.state[w]["momentum_buffer"].item()
assert abs(v_torch - v(steps)) < 1e-4 and abs(w.item() - w_mine) < 1e-4
assert abs(v_torch / slope - 1 / (1 - rho)) < 0.1  # nearly 1 / (1 - rho) = 10
print(f"velocity after {steps} steps: {v_torch:.4f}, by hand {v(steps):.4f}")
print(f"it tends to slope / (1 - rho) = {slope / (1 - rho):.1f}: "
      f"{1 / (1 - rho):.0f} times the plain SGD step")
print(f"w after {steps} steps: momentum {w.item():.4f}, "
      f"plain SGD {-lr * slope * steps:.4f}")
