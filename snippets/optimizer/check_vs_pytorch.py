import torch

# Each rule from scratch against torch.optim, step by step for 10 steps, on a random
# quadratic loss of a 5-vector.
g = torch.Generator().manual_seed(0)
A = torch.randn(5, 5, generator=g)
target = torch.randn(5, generator=g)
loss_fn = lambda w: ((A @ w - target) ** 2).sum()
start = torch.randn(5, generator=g)


def grad_at(w):
    w = w.detach().requires_grad_(True)
    loss_fn(w).backward()
    return w.grad


def mine(rule, steps, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, rho=0.9):
    w, m, v, trail = start.clone(), torch.zeros(5), torch.zeros(5), []
    for t in range(1, steps + 1):
        gr = grad_at(w)
        if rule == "sgd":
            w = w - lr * gr
        elif rule == "momentum":  # PyTorch's form: v = rho v + g, w -= lr v
            m = rho * m + gr if t > 1 else gr
            w = w - lr * m
        else:
            if rule == "adam" and wd:
                gr = gr + wd * w  # L2 penalty in the gradient
            if rule == "adamw":
                w = w * (1 - lr * wd)  # decoupled weight decay
            m = b1 * m + (1 - b1) * gr
            v = b2 * v + (1 - b2) * gr * gr
            w = w - lr * (m / (1 - b1**t)) / ((v / (1 - b2**t)).sqrt() + eps)
        trail.append(w)
    return torch.stack(trail)


def theirs(make, steps):
    w = start.clone().requires_grad_(True)
    opt, trail = make([w]), []
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(w).backward()
        opt.step()
        trail.append(w.detach().clone())
    return torch.stack(trail)


O = torch.optim
cases = {
    "SGD": (mine("sgd", 10, 0.01), theirs(lambda p: O.SGD(p, lr=0.01), 10)),
    "SGD, momentum 0.9": (
        mine("momentum", 10, 0.01),
        theirs(lambda p: O.SGD(p, lr=0.01, momentum=0.9), 10),
    ),
    "Adam (defaults)": (mine("adam", 10, 1e-3), theirs(lambda p: O.Adam(p), 10)),
    "Adam, weight_decay=0.1": (
        mine("adam", 10, 1e-3, wd=0.1),
        theirs(lambda p: O.Adam(p, weight_decay=0.1), 10),
    ),
    "AdamW (defaults)": (
        mine("adamw", 10, 1e-3, wd=1e-2),
        theirs(lambda p: O.AdamW(p), 10),
    ),
}
for name, (a, b) in cases.items():
    torch.testing.assert_close(a, b)  # every one of the 10 steps
    print(f"{name:24} == torch.optim, all 10 steps")
for cls in (O.SGD, O.Adam, O.AdamW):
    d = cls([torch.zeros(1, requires_grad=True)]).defaults
    print(
        f"{cls.__name__:5} defaults: lr {d['lr']}",
        *(
            f"{k} {d[k]}"
            for k in ("momentum", "betas", "eps", "weight_decay")
            if k in d
        ),
    )
