import torch
import torch.nn as nn

torch.manual_seed(0)
emb = nn.Embedding(27, 8)                     # V = 27 characters, d_model = 8

# Ids must be in [0, V): on the CPU an id out of range raises IndexError.
try:
    emb(torch.tensor([3, 27]))
except IndexError as e:
    print("id 27 of 27 -> IndexError:", e)

# The default initialisation: N(0, 1) for nn.Embedding, far larger than
# nn.Linear's, and than the 0.02 that GPT-2's code uses (real models re-init).
lin = nn.Linear(8, 27)
print(f"std of nn.Embedding weight: {emb.weight.std().item():.3f}, "
      f"nn.Linear weight: {lin.weight.std().item():.3f}, GPT-2 init: {0.02}")

# max_norm rescales the looked-up rows of the weight itself, in place.
capped = nn.Embedding(27, 8, max_norm=1.0)
before = capped.weight[5].norm().item()
capped(torch.tensor([5]))
after = capped.weight[5].norm().item()
print(f"row 5 norm before a lookup {before:.3f}, after {after:.3f}")

# Sparse gradients: every optimizer of torch.optim, one step each. (Opting out
# of sparse invariant checks explicitly keeps Adagrad from warning that they are
# off.) LBFGS needs a closure; it turns the gradient into a dense one.
torch.sparse.check_sparse_tensor_invariants.disable()
Optimizer = torch.optim.Optimizer
names = sorted(n for n, c in vars(torch.optim).items() if isinstance(c, type)
               and issubclass(c, Optimizer) and c is not Optimizer)
works, fails = [], []
for name in names:
    sparse = nn.Embedding(27, 8, sparse=True)
    before = sparse.weight.detach().clone()
    opt = getattr(torch.optim, name)(sparse.parameters(), lr=0.1)

    def closure():
        opt.zero_grad()
        loss = sparse(torch.tensor([1, 2])).pow(2).sum()
        loss.backward()
        return loss

    try:
        opt.step(closure)
        changed = (sparse.weight.detach() != before).any(1).nonzero().flatten()
        works.append(f"{name} (rows {changed.tolist()} moved)")
        if name == "LBFGS":   # its state holds a dense direction for all 27 x 8
            d = opt.state[sparse.weight]["d"]
            works[-1] += f", its step direction: {d.layout}, {d.numel()} numbers"
    except RuntimeError as e:
        fails.append(name)
        if name == "Adam":
            message = str(e)
print("sparse gradient accepted by:\n  " + "\n  ".join(works))
print("RuntimeError from:", ", ".join(fails))
print("Adam's message:", message)
