import torch

torch.manual_seed(0)
torch.set_num_threads(1)

# One request, five possible answers (one token each): the reference's probabilities
# and the reward model's score of each answer.
pi_ref = torch.tensor([0.4, 0.3, 0.15, 0.1, 0.05])
r = torch.tensor([0.0, 1.0, 2.0, 0.5, 3.0])


def objective(logits, beta):
    """E_{a ~ pi}[r(a)] - beta KL(pi || pi_ref), exactly: a sum over the answers."""
    pi = logits.softmax(-1)
    return (pi * r).sum() - beta * (pi * (pi / pi_ref).log()).sum()


for beta in (0.01, 0.5, 100.0):
    logits = torch.zeros(5, requires_grad=True)
    opt = torch.optim.LBFGS([logits], max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = -objective(logits, beta)  # maximise the objective
        loss.backward()
        return loss

    opt.step(closure)
    # pi_ref(a) e^{r(a) / beta} / Z, as a softmax so that e^{r / beta} cannot overflow
    by_hand = torch.softmax(pi_ref.log() + r / beta, dim=-1)
    pi = logits.softmax(-1).detach()
    torch.testing.assert_close(pi, by_hand, atol=1e-3, rtol=0)
    if beta == 0.01:  # beta -> 0: all on the answer with the highest reward
        assert pi[r.argmax()] > 0.999
    if beta == 100.0:  # beta -> infinity: back to the reference
        assert (pi - pi_ref).abs().max() < 0.01
    best = beta * torch.logsumexp(pi_ref.log() + r / beta, dim=-1)  # beta log Z
    torch.testing.assert_close(objective(logits, beta).detach(), best,
                               atol=1e-4, rtol=0)
    print(f"beta {beta:6}: pi = {[round(p, 3) for p in pi.tolist()]}, "
          f"objective {best:.4f} = beta log Z")
