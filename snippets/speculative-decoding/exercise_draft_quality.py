import math

import torch

torch.set_num_threads(1)
g = torch.Generator().manual_seed(0)


def speculative_step(ctx, gamma, target, draft, g):
    """This page's step: draft gamma tokens, verify with one target call."""
    xs, qs = [], []
    for _ in range(gamma):
        qs.append(draft(ctx + xs))
        xs.append(torch.multinomial(qs[-1], 1, generator=g).item())
    ps = target(ctx, xs)
    out = []
    for j, x in enumerate(xs):
        if torch.rand((), generator=g) < (ps[j] / qs[j]).clamp(max=1.0)[x]:
            out.append(x)
        else:
            r = (ps[j] - qs[j]).clamp(min=0.0)
            out.append(torch.multinomial(r / r.sum(), 1, generator=g).item())
            return out
    out.append(torch.multinomial(ps[gamma], 1, generator=g).item())
    return out


p = torch.tensor([0.6, 0.4], dtype=torch.float64)  # the target, at every position
drafts = {"A": torch.tensor([0.98, 0.02], dtype=torch.float64),
          "B": torch.tensor([0.1, 0.9], dtype=torch.float64)}
gamma, steps = 4, 1500
print("target p:", p.tolist(), "| gamma =", gamma)
result = {}
for name, q in drafts.items():
    ce = -(p * q.log()).sum().item()  # cross-entropy H(p, q), in nats
    a = torch.minimum(p, q).sum().item()  # acceptance rate
    formula = (1 - a ** (gamma + 1)) / (1 - a)
    def target(ctx, xs):  # the same p after every prefix
        return p.expand(len(xs) + 1, 2)

    def draft(ctx, q=q):  # the same q after every prefix
        return q

    n = torch.tensor([len(speculative_step([], gamma, target, draft, g))
                      for _ in range(steps)]).double()
    se = n.std().item() / math.sqrt(steps)
    assert abs(n.mean().item() - formula) < 4 * se
    result[name] = (ce, a, n.mean().item())
    print(f"draft {name} {q.tolist()}: H(p, q) {ce:.3f} nats, acceptance {a:.2f}, "
          f"tokens per call {n.mean():.3f} (formula {formula:.3f})")
assert result["B"][0] < result["A"][0] and result["A"][2] > result["B"][2]
print("B is the better model by cross-entropy, A the faster draft")
