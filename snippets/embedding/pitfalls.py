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

# Sparse gradients: only some optimizers accept them. (Opting out of sparse
# invariant checks explicitly keeps Adagrad from warning that they are off.)
torch.sparse.check_sparse_tensor_invariants.disable()
for name in ("SGD", "SparseAdam", "Adagrad", "Adam", "AdamW"):
    sparse = nn.Embedding(27, 8, sparse=True)
    opt = getattr(torch.optim, name)(sparse.parameters(), lr=0.1)
    sparse(torch.tensor([1, 2])).sum().backward()
    try:
        opt.step()
        print(f"{name:10} sparse gradient: ok")
    except RuntimeError as e:
        print(f"{name:10} sparse gradient: RuntimeError: {str(e).split(',')[0]}")
