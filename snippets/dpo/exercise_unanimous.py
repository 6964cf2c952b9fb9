import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)

# One request, three one-token answers; one pair, always the same way round:
# answer 0 chosen, answer 1 rejected. Answer 2 is in no pair.
pi_ref = torch.tensor([0.3, 0.5, 0.2])


def margin(logits):
    """h = log pi/pi_ref of the chosen answer minus that of the rejected one."""
    log_ratio = logits.log_softmax(-1) - pi_ref.log()
    return log_ratio[..., 0] - log_ratio[..., 1]


# Four policies trained side by side, one per row: DPO and IPO, each at two betas.
runs = [("DPO", 0.1), ("DPO", 1.0), ("IPO", 0.1), ("IPO", 1.0)]
beta = torch.tensor([b for _, b in runs])
is_dpo = torch.tensor([name == "DPO" for name, _ in runs])
logits = torch.zeros(4, 3, requires_grad=True)
opt = torch.optim.SGD([logits], lr=0.3)
seen = []
for step in range(1, 3001):
    h = margin(logits)
    dpo = -F.logsigmoid(beta * h)
    ipo = (h - 1 / (2 * beta)) ** 2  # answers of one token: |a| = 1
    loss = torch.where(is_dpo, dpo, ipo).sum()  # the rows do not interact
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step in (30, 300, 3000):
        seen.append(margin(logits).detach())
pi = logits.softmax(-1).detach()
for k, (name, b) in enumerate(runs):
    h30, h300, h3000 = (s[k].item() for s in seen)
    print(f"{name} beta {b}: margin h after 30, 300, 3000 steps "
          f"{h30:6.2f} {h300:6.2f} {h3000:6.2f}; pi(rejected) {pi[k, 1]:.4f}")
    if name == "DPO":  # no minimum: the margin keeps growing, whatever beta
        assert h30 + 1 < h300 < h3000 - 1 and logits.grad[k].abs().max() > 0
    else:  # a minimum at h = 1 / (2 beta)
        assert abs(h3000 - 1 / (2 * b)) < 1e-4
# beta sets the pace only: a stronger first push, then slower growth
assert seen[0][1] > seen[0][0] and seen[2][1] < seen[2][0]
