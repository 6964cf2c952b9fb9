import itertools

import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# The toy policy of the exact-gradient check: answers of two letters from {a, m, o},
# the second letter drawn given the first; the verifier's reward of each of the 9.
letters = "amo"
names = {"ma", "mo", "am", "oa"}
answers = ["".join(p) for p in itertools.product(letters, letters)]
r_all = torch.tensor([float(a in names and a[0] == "m") for a in answers])
theta1, theta2 = torch.randn(3), torch.randn(3, 3)


def log_pi(t1, t2):
    """log pi(a) of the 9 answers: the log-probabilities of the two letters, summed."""
    return (t1.log_softmax(-1)[:, None] + t2.log_softmax(-1)).flatten()


def grad(f):
    t1, t2 = theta1.clone().requires_grad_(), theta2.clone().requires_grad_()
    return torch.cat([g.flatten() for g in torch.autograd.grad(f(t1, t2), [t1, t2])])


exact = grad(lambda t1, t2: (log_pi(t1, t2).exp() * r_all).sum())  # grad of J

for G in (2, 3, 4):
    # Every group of G answers (9^G of them) and its probability: the expected
    # estimate exactly, no sampling.
    groups = torch.tensor(list(itertools.product(range(9), repeat=G)))  # (9^G, G)
    r = r_all[groups]
    mean = r.mean(1, keepdim=True)
    baselines = {"group mean": mean, "leave-one-out": (G * mean - r) / (G - 1)}
    for name, b in baselines.items():
        A = r - b

        def surrogate(t1, t2):
            lp = log_pi(t1, t2)[groups]  # (9^G, G)
            P = lp.detach().sum(1).exp()  # the probability of drawing this group
            return (P * (A * lp).mean(1)).sum()

        expected = grad(surrogate)
        factor = (G - 1) / G if name == "group mean" else 1.0
        torch.testing.assert_close(expected, factor * exact)
        print(f"G = {G}, {name:13}: expected estimate = {factor:.4f} x grad J")
