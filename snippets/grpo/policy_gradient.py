import itertools

import torch

torch.manual_seed(0)

# A toy policy: answers of two letters from {a, m, o}, the second letter drawn given
# the first. Request "starts with m"; the verifier also wants a name from a tiny list.
letters = "amo"
names = {"ma", "mo", "am", "oa"}
pairs = ["".join(p) for p in itertools.product(letters, letters)]
reward = {y: float(y in names and y[0] == "m") for y in pairs}
answers = list(reward)  # the 9 possible answers
theta1 = torch.randn(3)  # logits of the first letter
theta2 = torch.randn(3, 3)  # logits of the second letter, one row per first letter


def log_probs(theta1, theta2, first, second):
    """Per-token log-probabilities (N, 2) of answers given as two index tensors."""
    lp1 = theta1.log_softmax(-1)[first]
    lp2 = theta2.log_softmax(-1)[first, second]
    return torch.stack([lp1, lp2], dim=1)


first = torch.tensor([letters.index(a[0]) for a in answers])
second = torch.tensor([letters.index(a[1]) for a in answers])
r_all = torch.tensor([reward[a] for a in answers])

# The exact gradient of the expected reward J = sum_y pi(y) r(y): enumerate all 9.
t1, t2 = theta1.clone().requires_grad_(), theta2.clone().requires_grad_()
J = (log_probs(t1, t2, first, second).sum(1).exp() * r_all).sum()
exact = torch.cat([g.flatten() for g in torch.autograd.grad(J, [t1, t2])])
print(f"J = {J.item():.4f}, exact gradient norm {exact.norm():.4f}")


# --- the policy-gradient estimate
def estimate(theta1, theta2, n_groups, G, generator):
    """Sample n_groups groups of G answers; the gradient of the surrogate
    mean(A * log pi(y)), A = r - (mean of the other G - 1 rewards of the group)."""
    t1, t2 = theta1.clone().requires_grad_(), theta2.clone().requires_grad_()
    with torch.no_grad():
        p = log_probs(t1, t2, first, second).sum(1).exp()  # pi(y), all 9
    y = torch.multinomial(p, n_groups * G, replacement=True, generator=generator)
    r = r_all[y].view(n_groups, G)
    A = (r - r.mean(dim=1, keepdim=True)) * G / (G - 1)  # leave-one-out baseline
    logp = log_probs(t1, t2, first[y], second[y]).sum(1)  # log pi(y) = sum over tokens
    surrogate = (A.view(-1) * logp).mean()
    return torch.cat([g.flatten() for g in torch.autograd.grad(surrogate, [t1, t2])])


# --- end of the policy-gradient estimate

gen = torch.Generator().manual_seed(1)
print("groups of G = 8   max |estimate - exact|")
for n_groups in [10, 100, 1000, 10000, 100000]:
    err = (estimate(theta1, theta2, n_groups, 8, gen) - exact).abs().max()
    print(f"{n_groups:>9}        {err:.4f}")
for G, seed in [(8, 2), (2, 3), (4, 4)]:
    est = estimate(theta1, theta2, 100000, G, torch.Generator().manual_seed(seed))
    torch.testing.assert_close(est, exact, atol=4e-3, rtol=0)
print("estimate == exact gradient (100000 groups, G = 8, 2, 4, atol 0.004)")
