import torch

# Each rule from scratch against torch.optim for 60 steps of a noisy problem: a
# least-squares fit whose gradient comes from a new batch of 8 rows at every step, so
# gradients are small and change sign, where Adam's two moments really matter.
g = torch.Generator().manual_seed(0)
X, w_true = torch.randn(256, 5, generator=g), torch.randn(5, generator=g)
y = X @ w_true + 0.5 * torch.randn(256, generator=g)
batches = [torch.randint(0, 256, (8,), generator=g) for _ in range(60)]
start = torch.zeros(5)
loss_fn = lambda w, rows: ((X[rows] @ w - y[rows]) ** 2).mean()


def grad_at(w, rows):
    w = w.detach().requires_grad_(True)
    loss_fn(w, rows).backward()
    return w.grad


# --- the optimizers from scratch
def mine(rule, lr, b1=0.9, b2=0.999, eps=1e-8, wd=0.0, rho=0.9):
    w, m, u, trail = start.clone(), torch.zeros(5), torch.zeros(5), []
    for t, rows in enumerate(batches, start=1):
        gr = grad_at(w, rows)
        if rule == "sgd":
            w = w - lr * gr
        elif rule == "momentum":  # PyTorch's form: m = rho m + g, w -= lr m
            m = rho * m + gr if t > 1 else gr
            w = w - lr * m
        else:
            if rule == "adam" and wd:
                gr = gr + wd * w  # L2 penalty in the gradient
            if rule == "adamw":
                w = w * (1 - lr * wd)  # decoupled weight decay
            m = b1 * m + (1 - b1) * gr
            u = b2 * u + (1 - b2) * gr * gr
            w = w - lr * (m / (1 - b1**t)) / ((u / (1 - b2**t)).sqrt() + eps)
        trail.append(w)
    return torch.stack(trail), m, u


# --- end of the optimizers from scratch


def theirs(make):
    w = start.clone().requires_grad_(True)
    opt, trail = make([w]), []
    for rows in batches:
        opt.zero_grad()
        loss_fn(w, rows).backward()
        opt.step()
        trail.append(w.detach().clone())
    return torch.stack(trail), opt.state[w]


O = torch.optim
cases = {  # name: (mine, theirs, which of my moments are PyTorch's state)
    "SGD": (mine("sgd", 0.01), theirs(lambda p: O.SGD(p, lr=0.01)), {}),
    "SGD, momentum 0.9": (
        mine("momentum", 0.01),
        theirs(lambda p: O.SGD(p, lr=0.01, momentum=0.9)),
        {"momentum_buffer": 1},
    ),
    "Adam (defaults)": (
        mine("adam", 1e-3),
        theirs(lambda p: O.Adam(p)),
        {"exp_avg": 1, "exp_avg_sq": 2},
    ),
    "Adam, weight_decay=0.1": (
        mine("adam", 1e-2, wd=0.1),
        theirs(lambda p: O.Adam(p, lr=1e-2, weight_decay=0.1)),
        {"exp_avg": 1, "exp_avg_sq": 2},
    ),
    "Adam, eps=1e-3": (  # large: whether it sits inside or outside the root shows
        mine("adam", 1e-2, eps=1e-3),
        theirs(lambda p: O.Adam(p, lr=1e-2, eps=1e-3)),
        {"exp_avg": 1, "exp_avg_sq": 2},
    ),
    "AdamW (defaults)": (
        mine("adamw", 1e-3, wd=1e-2),
        theirs(lambda p: O.AdamW(p)),
        {"exp_avg": 1, "exp_avg_sq": 2},
    ),
    "AdamW, Llama 2's settings": (
        mine("adamw", 3e-2, b2=0.95, eps=1e-5, wd=0.1),
        theirs(
            lambda p: O.AdamW(
                p, lr=3e-2, betas=(0.9, 0.95), eps=1e-5, weight_decay=0.1
            )
        ),
        {"exp_avg": 1, "exp_avg_sq": 2},
    ),
}
for name, (ours, (trail, state), moments) in cases.items():
    torch.testing.assert_close(ours[0], trail)  # the weights after each of the 60 steps
    for key, i in moments.items():
        torch.testing.assert_close(ours[i], state[key])  # and the optimizer's state
    print(f"{name:26} == torch.optim: weights at all 60 steps, state {list(moments)}")
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
