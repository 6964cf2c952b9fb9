import torch
import torch.nn as nn

torch.manual_seed(0)

# 1. Adam(weight_decay=...) is an L2 penalty in the gradient, scaled by Adam's
#    per-weight step size; AdamW decays the weights directly. Different weights.
w0 = torch.randn(4)


def run(make, loss_fn):
    w = w0.clone().requires_grad_(True)
    opt = make([w])
    for _ in range(20):
        opt.zero_grad()
        loss_fn(w).backward()
        opt.step()
    return w.detach()


optimizers = {
    "Adam, no decay": lambda p: torch.optim.Adam(p, lr=0.1),
    "Adam(weight_decay=0.5)": lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.5),
    "AdamW(weight_decay=0.5)": lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.5),
}
for loss_name, loss_fn in (("(w - 1)^2", lambda w: ((w - 1) ** 2).sum()),
                           ("w^2", lambda w: (w**2).sum())):
    final = {name: run(make, loss_fn) for name, make in optimizers.items()}
    for name, w in final.items():
        print(f"loss {loss_name:9} {name:24}", [round(v, 4) for v in w.tolist()])
# On w^2 the L2 term 0.5 w only rescales the gradient 2 w, which Adam divides out:
torch.testing.assert_close(final["Adam(weight_decay=0.5)"], final["Adam, no decay"])

# 2. Gradients accumulate until you zero them.
w = torch.ones(1, requires_grad=True)
for step in range(3):
    (3 * w).sum().backward()                 # the gradient is 3 every time
    print(f"backward {step + 1} without zero_grad: w.grad = {w.grad.item()}")

# 3. A learning rate too high diverges: the quadratic 10 w^2 with SGD.
for lr in (0.04, 0.11):
    w = torch.tensor([1.0], requires_grad=True)
    opt = torch.optim.SGD([w], lr=lr)
    for _ in range(30):
        opt.zero_grad()
        (10 * w**2).sum().backward()
        opt.step()
    print(f"SGD lr {lr}: after 30 steps w = {w.item():.3e}")

# 4. Which parameters to decay: matrices yes; biases and norm gains no. Decaying a
#    LayerNorm gain pulls it towards 0, which the model must then undo.
model = nn.Sequential(nn.Linear(8, 8), nn.LayerNorm(8), nn.Linear(8, 2))
decay = [p for n, p in model.named_parameters() if p.dim() == 2]
no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1},
                         {"params": no_decay, "weight_decay": 0.0}])
print("decayed:", [n for n, p in model.named_parameters() if p.dim() == 2],
      " not decayed:", [n for n, p in model.named_parameters() if p.dim() < 2])
