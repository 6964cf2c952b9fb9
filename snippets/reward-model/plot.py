import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

# Left: the Bradley-Terry model and its loss, against d = r_chosen - r_rejected.
d = torch.linspace(-6, 6, 241, requires_grad=True)
loss = -F.logsigmoid(d)
(grad,) = torch.autograd.grad(loss.sum(), d)
d = d.detach()

# Right: PPO's clipped objective for one token, against the ratio
# rho = pi_theta(a|s) / pi_old(a|s), for an advantage A of +1 and of -1.
eps_clip = 0.2
rho = torch.linspace(0.0, 2.0, 201)


def clipped(rho, A):
    return torch.minimum(rho * A, rho.clamp(1 - eps_clip, 1 + eps_clip) * A)


print(f"eps_clip = {eps_clip}: the clipped objective min(rho A, clip(rho) A)")
for r in (0.5, 1.0, 1.5):
    r = torch.tensor(r)
    up, down = clipped(r, 1), clipped(r, -1)
    print(f"rho = {r:.1f}: A = +1 -> {up:+.1f}, A = -1 -> {down:+.1f}")

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
left.plot(d, torch.sigmoid(d), label="P(chosen wins) = sigmoid(d)")
left.plot(d, loss.detach(), label="loss -log sigmoid(d)")
left.plot(d, grad, label="its gradient -(1 - sigmoid(d))")
left.axhline(0, color="gray", lw=0.5)
left.set(xlabel="d = r_chosen - r_rejected", title="Bradley-Terry: loss against margin")
left.legend()
for A in (1, -1):
    right.plot(rho, clipped(rho, A), label=f"min(rho A, clip(rho) A), A = {A:+d}")
right.axvspan(1 - eps_clip, 1 + eps_clip, color="gray", alpha=0.15, label="1 +- 0.2")
right.set(xlabel="rho = pi_theta / pi_old", title="PPO: the clipped objective")
right.legend()
fig.suptitle("The reward model's loss and PPO's objective")
plt.tight_layout()
plt.show()
