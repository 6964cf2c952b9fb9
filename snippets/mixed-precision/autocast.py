import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)
# 1. Under torch.autocast on the CPU, which ops run in bfloat16? Look at the outputs.
h = torch.randn(4, 64, generator=g)  # (B, d_model), float32
lin = nn.Linear(64, 27)  # float32 weights
y = torch.tensor([1, 5, 0, 26])
with torch.autocast("cpu", dtype=torch.bfloat16):
    z = lin(h)
    ops = {
        "nn.Linear(h)": z,
        "h @ h.T": h @ h.T,
        "F.log_softmax(z)": F.log_softmax(z, dim=-1),
        "F.softmax(z)": F.softmax(z, dim=-1),
        "F.cross_entropy(z, y)": F.cross_entropy(z, y),
        "F.nll_loss(log_softmax(z), y)": F.nll_loss(F.log_softmax(z, -1), y),
        "F.mse_loss(z, 0)": F.mse_loss(z, torch.zeros(4, 27)),
    }
for name, out in ops.items():
    print(f"{name:30} -> {out.dtype}")
print("the weights stay", lin.weight.dtype, "; their gradient is", end=" ")
F.cross_entropy(z, y).backward()
print(lin.weight.grad.dtype)

# 2. A small MLP language model on names (three previous characters -> the next),
#    trained twice from the same start on the same batches: float32, and under
#    autocast (float32 weights, bfloat16 matmuls). 200 steps of Adam each.
words = open("names.txt").read().splitlines()[:8000]  # the 8000 most common names
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
X, Y = [], []
for w in words:
    ctx = [0, 0, 0]
    for c in w + ".":
        X.append(ctx)
        Y.append(stoi[c])
        ctx = ctx[1:] + [stoi[c]]
X, Y = torch.tensor(X), torch.tensor(Y)
perm = torch.randperm(len(X), generator=g)
train, val = perm[: len(X) * 9 // 10], perm[len(X) * 9 // 10 :]
batches = [train[torch.randint(0, len(train), (128,), generator=g)] for _ in range(200)]


def make():
    torch.manual_seed(0)
    return nn.Sequential(nn.Embedding(27, 16), nn.Flatten(), nn.Linear(48, 64),
                         nn.Tanh(), nn.Linear(64, 27))


def val_loss(model, autocast):
    with torch.no_grad(), torch.autocast("cpu", torch.bfloat16, enabled=autocast):
        return F.cross_entropy(model(X[val]), Y[val]).item()


for autocast in (False, True):
    model = make()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for rows in batches:
        with torch.autocast("cpu", torch.bfloat16, enabled=autocast):
            loss = F.cross_entropy(model(X[rows]), Y[rows])
        opt.zero_grad()
        loss.backward()
        opt.step()
    name = "autocast bfloat16" if autocast else "float32"
    print(f"trained in {name:17}: validation loss {val_loss(model, False):.4f}"
          f" (evaluated in float32), {val_loss(model, True):.4f} (under autocast)")
