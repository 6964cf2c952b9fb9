import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
# Least squares, L(w) = mean((X w - y)^2) / 2: its Hessian H = X^T X / n is constant.
n, k = 64, 5
scales = torch.tensor([3, 1, 1, 1, 0.3], dtype=torch.float64)  # unequal curvatures
X = torch.randn(n, k, generator=g, dtype=torch.float64) * scales
y = torch.randn(n, generator=g, dtype=torch.float64)
H = X.T @ X / n
lam = torch.linalg.eigvalsh(H)  # ascending
limit = 2 / lam[-1]  # by hand: each direction of w - w* is multiplied by 1 - eta lam_i
print(f"largest curvature {lam[-1]:.4f}: stable below eta = 2 / {lam[-1]:.4f}"
      f" = {limit:.4f}")


def train(eta, steps=500):
    w = torch.zeros(k, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([w], lr=eta)
    for _ in range(steps):
        loss = ((X @ w - y) ** 2).mean() / 2
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


w_star = torch.linalg.lstsq(X, y[:, None]).solution[:, 0]
best = (((X @ w_star - y) ** 2).mean() / 2).item()
start = (y**2).mean().item() / 2
for factor in (0.5, 0.99, 1.01):
    final = train(factor * limit.item())
    print(f"eta = {factor} x limit: loss after 500 steps {final:.4g}"
          f" (start {start:.4f}, minimum {best:.4f})")
    if factor < 1:
        assert final < best + 1e-6  # converged to the minimum
    else:
        assert final > 1e3 * start  # the steepest direction grows every step
