import itertools

import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# Answers of two letters from {a, m, o}: the first letter, then the second given it.
# Two policies of that form: pi_theta (being trained) and pi_ref (frozen).
letters = "amo"
theta = (torch.randn(3), torch.randn(3, 3))  # logits: first letter; second given first
ref = (torch.randn(3), torch.randn(3, 3))
p1, p2 = theta[0].softmax(-1), theta[1].softmax(-1)  # (3,), (3, 3): row = first
q1, q2 = ref[0].softmax(-1), ref[1].softmax(-1)


def kl(p, q):
    """KL(p || q) over the last axis: sum_i p_i log(p_i / q_i)."""
    return (p * (p / q).log()).sum(-1)


# 1. The KL of whole answers: a sum over the 9 answers.
whole = sum(p1[i] * p2[i, j] * ((p1[i] * p2[i, j]) / (q1[i] * q2[i, j])).log()
            for i, j in itertools.product(range(3), range(3)))
# 2. Per state: the KL at the first letter, plus the KL at the second letter
#    averaged over the first letter that pi_theta writes.
step1 = kl(p1, q1)
step2 = (p1 * kl(p2, q2)).sum()
torch.testing.assert_close(whole, step1 + step2)
print(f"KL over the 9 answers      {whole:.6f}")
print(f"per state: {step1:.6f} + {step2:.6f} = {step1 + step2:.6f}")

# Averaging the second step's KL with the wrong weights (uniform, or pi_ref's
# first letter) gives another number.
for name, w in (("uniform", torch.full((3,), 1 / 3)), ("pi_ref's", q1)):
    wrong = step1 + (w * kl(p2, q2)).sum()
    assert (wrong - whole).abs() > 1e-3
    print(f"second step weighted by {name:9} first letter: {wrong:.6f}")
