import itertools

import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)

# One request, four one-token answers: the reference's probabilities, and a true
# reward that nobody shows the model; only preferences drawn from it are seen.
pi_ref = torch.tensor([0.4, 0.3, 0.2, 0.1])
r_true = torch.tensor([0.0, 1.0, -1.0, 2.0])
pairs = torch.tensor(list(itertools.combinations(range(4), 2)))  # the 6 pairs
i, j = pairs[:, 0], pairs[:, 1]
prefer_i = torch.sigmoid(r_true[i] - r_true[j])  # Bradley-Terry: P(i preferred to j)


def dpo_loss(logits, beta):
    """The DPO loss averaged over the preferences: answer i is chosen with
    probability prefer_i, answer j otherwise."""
    log_ratio = logits.log_softmax(-1) - pi_ref.log()  # log pi / pi_ref, per answer
    h = log_ratio[i] - log_ratio[j]  # the margin when i is chosen
    nll = -(prefer_i * F.logsigmoid(beta * h)
            + (1 - prefer_i) * F.logsigmoid(-beta * h))
    return nll.mean()


kls = []
for beta in (0.5, 2.0):
    logits = torch.zeros(4, requires_grad=True)  # the policy starts as uniform
    opt = torch.optim.LBFGS([logits], max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = dpo_loss(logits, beta)
        loss.backward()
        return loss

    opt.step(closure)
    pi = logits.softmax(-1).detach()
    rlhf = torch.softmax(pi_ref.log() + r_true / beta, dim=-1)  # pi_ref e^{r/beta} / Z
    torch.testing.assert_close(pi, rlhf, atol=1e-4, rtol=0)
    implicit = beta * (pi / pi_ref).log()  # the implicit reward of each answer
    torch.testing.assert_close(implicit - implicit[0], r_true - r_true[0],
                               atol=1e-3, rtol=0)
    kl = (pi * (pi / pi_ref).log()).sum()
    kls.append(kl)
    print(f"beta {beta}: pi = {[round(p, 4) for p in pi.tolist()]}, "
          f"KL to pi_ref {kl:.4f}")
    print(f"          implicit reward - its first = "
          f"{[round(x, 3) for x in (implicit - implicit[0]).tolist()]}")
assert kls[1] < kls[0]  # the larger beta, the closer to the reference
