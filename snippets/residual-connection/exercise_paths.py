from itertools import combinations

import torch
import torch.nn as nn
from torch.autograd.functional import jacobian

torch.set_num_threads(1)
torch.manual_seed(0)
d_model, n = 6, 3                                  # three sublayers
subs = [(nn.LayerNorm(d_model, dtype=torch.float64),
         nn.Sequential(nn.Linear(d_model, d_model, dtype=torch.float64), nn.GELU()))
        for _ in range(n)]


def pre_ln(x, norm, f):
    return x + f(norm(x))


x0 = torch.randn(d_model, dtype=torch.float64)
# The branch Jacobians J_l, each at the stream it reads, x_(l-1).
Js, x = [], x0
for norm, f in subs:
    Js.append(jacobian(lambda t: f(norm(t)), x))
    x = pre_ln(x, norm, f)

# (I + J_3)(I + J_2)(I + J_1) expanded: one term per subset of sublayers, a path
# that goes through those branches and skips the others.
I = torch.eye(d_model, dtype=torch.float64)
total = torch.zeros(d_model, d_model, dtype=torch.float64)
by_length = [[] for _ in range(n + 1)]             # term norms, by path length
for k in range(n + 1):
    for path in combinations(range(n), k):
        term = I
        for l in path:                             # later sublayers on the left
            term = Js[l] @ term
        total += term
        by_length[k].append(term.norm().item())
        names = "+".join(str(l + 1) for l in path) or "none (the identity)"
        print(f"path through {names:20}: norm {term.norm().item():.3f}")


def stack(t):
    for norm, f in subs:
        t = pre_ln(t, norm, f)
    return t


torch.testing.assert_close(total, jacobian(stack, x0))
print(f"the {2 ** n} paths add up to autograd's Jacobian of the stack")
mean_norm = [sum(ns) / len(ns) for ns in by_length]
print("mean norm of a path, by length 0..3:", [round(m, 3) for m in mean_norm])
assert all(a > b for a, b in zip(mean_norm, mean_norm[1:]))  # longer: smaller
print(f"GPT-2 small, 24 sublayers: {2 ** 24:,} paths")
