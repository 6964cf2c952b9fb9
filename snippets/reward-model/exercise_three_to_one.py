import math

import torch

torch.manual_seed(0)
torch.set_num_threads(1)


def bradley_terry_loss(r_chosen, r_rejected, margin=0.0):
    """-log sigmoid(r_chosen - r_rejected - margin), averaged over the pairs."""
    d = r_chosen - r_rejected - margin
    nll = torch.log1p(torch.exp(-d.abs())) - torch.minimum(d, torch.zeros_like(d))
    return nll.mean()


# Two answers, 0 and 1, compared n_0 + n_1 times: answer 0 wins n_0 of them.
for n_0, n_1 in ((3, 1), (9, 1)):
    chosen = torch.tensor([0] * n_0 + [1] * n_1)
    rejected = 1 - chosen
    r = torch.zeros(2, requires_grad=True)  # the two rewards, both 0 at the start
    opt = torch.optim.SGD([r], lr=1.0)
    for step in range(300):
        loss = bradley_terry_loss(r[chosen], r[rejected])
        opt.zero_grad()
        loss.backward()
        opt.step()
    d = (r[0] - r[1]).item()
    by_hand = math.log(n_0 / n_1)  # sigmoid(d) = n_0 / (n_0 + n_1)
    assert abs(d - by_hand) < 1e-4
    assert abs(r.sum().item()) < 1e-6  # equal and opposite gradients: the sum stays 0
    print(f"{n_0} wins to {n_1}: r_0 - r_1 = {d:.4f}, "
          f"log({n_0}/{n_1}) = {by_hand:.4f}, r_0 + r_1 = {r.sum().item():.1f}")
