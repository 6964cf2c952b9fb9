import torch


# Minimise a small loss of two parameters, theta = (a, b), by hand:
# L = (a - 1)^2 + 10 (b + 2)^2, whose minimum is at (1, -2).
def loss_fn(theta):
    return (theta[0] - 1) ** 2 + 10 * (theta[1] + 2) ** 2


def grad(theta):
    theta = theta.detach().requires_grad_(True)
    loss_fn(theta).backward()
    return theta.grad


def sgd(theta, g, state, lr=0.05):
    return theta - lr * g


def momentum(theta, g, state, lr=0.05, rho=0.9):
    state["v"] = rho * state.get("v", torch.zeros_like(theta)) + g  # velocity
    return theta - lr * state["v"]


def adam(theta, g, state, lr=0.1, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, decoupled=False):
    t = state["t"] = state.get("t", 0) + 1
    if wd and not decoupled:
        g = g + wd * theta  # Adam: L2 added to the gradient
    if wd and decoupled:
        theta = theta - lr * wd * theta  # AdamW: decay the weights directly
    state["m"] = b1 * state.get("m", torch.zeros_like(theta)) + (1 - b1) * g
    state["v"] = b2 * state.get("v", torch.zeros_like(theta)) + (1 - b2) * g * g
    m_hat, v_hat = state["m"] / (1 - b1**t), state["v"] / (1 - b2**t)  # bias correction
    return theta - lr * m_hat / (v_hat.sqrt() + eps)


adamw = lambda theta, g, state: adam(theta, g, state, wd=0.1, decoupled=True)
for name, step in (
    ("SGD", sgd),
    ("momentum", momentum),
    ("Adam", adam),
    ("AdamW", adamw),
):
    theta, state = torch.tensor([-1.0, 1.0]), {}
    for _ in range(100):
        theta = step(theta, grad(theta), state)
    print(
        f"{name:9} after 100 steps: theta = {[round(v, 4) for v in theta.tolist()]}, "
        f"loss {loss_fn(theta).item():.2e}"
    )
print("the minimum is at (1, -2)")
