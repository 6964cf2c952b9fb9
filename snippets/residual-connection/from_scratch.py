import torch
import torch.nn as nn
from torch.autograd.functional import jacobian


# --- residual connections from scratch
def pre_ln(x, norm, f):
    """Pre-LN: f reads a normalised copy; its output is added to the stream x."""
    return x + f(norm(x))


def post_ln(x, norm, f):
    """Post-LN (the 2017 Transformer): add, then normalise the sum."""
    return norm(x + f(x))


# --- end of residual connections from scratch

torch.manual_seed(0)
d_model = 8
# Three sublayers; each reads the stream through its own norm and adds to it.
subs = [(nn.LayerNorm(d_model), nn.Sequential(nn.Linear(d_model, d_model), nn.GELU()))
        for _ in range(3)]
x0 = torch.randn(2, d_model)                  # (T, d_model): two token vectors

stream = x0
norms = lambda t: [round(v, 3) for v in t.norm(dim=-1).tolist()]
print("norm of the input per token:  ", norms(x0))
for i, (norm, f) in enumerate(subs, 1):
    print(f"norm of what sublayer {i} adds:", norms(f(norm(stream))))
    stream = pre_ln(stream, norm, f)          # x + f(LN(x))
print("norm of the stream at the end:", norms(stream))

# The gradient highway: the Jacobian of x + f(LN(x)) is I + the Jacobian of the
# branch, computed here by autograd on one token vector.
v = x0[0]
norm, f = subs[0]
J = jacobian(lambda t: pre_ln(t, norm, f), v)                  # (d_model, d_model)
J_branch = jacobian(lambda t: f(norm(t)), v)
torch.testing.assert_close(J, torch.eye(d_model) + J_branch)
print("autograd agrees: d(x + f(LN(x)))/dx = I + d f(LN(x))/dx")


def stack(t, residual):                        # all three sublayers, with or without
    for norm, f in subs:
        t = pre_ln(t, norm, f) if residual else f(norm(t))
    return t


for residual in (True, False):
    J = jacobian(lambda t: stack(t, residual), v)
    print(f"3 sublayers, residual={residual!s:5}: d output / d input has mean "
          f"diagonal {J.diagonal().mean().item():.3f}, norm {J.norm().item():.3f} "
          f"(identity: 1, {d_model ** 0.5:.3f})")
