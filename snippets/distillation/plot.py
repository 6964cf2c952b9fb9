import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

# Why the soft-target loss is multiplied by tau^2: its gradient with respect to the
# student's logits shrinks as 1/tau^2. Random logits for N = 256 positions, V = 27.
g = torch.Generator().manual_seed(0)
N, V = 256, 27
z_T = 3 * torch.randn(N, V, generator=g)  # a confident teacher
z_S = torch.randn(N, V, generator=g).requires_grad_()
y = torch.randint(0, V, (N,), generator=g)


def kl_grad_norm(tau):
    """The norm of d KL(p_T || p_S) / d z_S at temperature tau, without tau^2."""
    log_p_S, log_p_T = F.log_softmax(z_S / tau, -1), F.log_softmax(z_T / tau, -1)
    kl = F.kl_div(log_p_S, log_p_T, reduction="batchmean", log_target=True)
    (grad,) = torch.autograd.grad(kl, z_S)
    return grad.norm().item(), grad


(hard_grad,) = torch.autograd.grad(F.cross_entropy(z_S, y), z_S)
print(f"hard labels (cross-entropy, tau = 1): gradient norm {hard_grad.norm():.4f}")
taus = [1, 1.5, 2, 3, 4, 6, 8, 12, 16]
norms = [kl_grad_norm(tau)[0] for tau in taus]
print("  tau   |grad| of KL   x tau^2")
for tau, n in zip(taus, norms):
    if tau in (1, 2, 4, 8, 16):
        print(f"  {tau:3d}   {n:12.5f}   {n * tau**2:7.4f}")

# At high tau the gradient approaches (z_S - z_T) / (N V tau^2), logits centred:
# distillation becomes matching the logits, which Bucilua et al. and Ba and Caruana did.
d = (z_S - z_T).detach()
d = d - d.mean(-1, keepdim=True)
for tau in (4.0, 16.0, 64.0):
    _, grad = kl_grad_norm(tau)
    gap = (grad - d / (N * V * tau**2)).norm() / grad.norm()
    print(f"tau = {tau:2.0f}: |grad - (z_S - z_T) / (N V tau^2)| / |grad| = {gap:.3f}")

fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.loglog(taus, norms, "o-", label="KL(p_T || p_S): shrinks as 1/tau^2")
ax.loglog(taus, [n * t**2 for n, t in zip(norms, taus)], "s-",
          label="tau^2 KL(p_T || p_S): about constant")
ax.loglog(taus, [norms[-1] * (taus[-1] / t) ** 2 for t in taus], "k:", lw=1,
          label="slope -2")
ax.axhline(hard_grad.norm().item(), color="grey", ls="--", label="hard labels")
ax.set_xlabel("temperature tau")
ax.set_ylabel("gradient norm w.r.t. the student's logits")
ax.set_title("The soft-target gradient shrinks as 1/tau^2; tau^2 undoes it")
ax.legend(fontsize=8)
ax.grid(True, which="both", alpha=0.3)
fig.tight_layout()
plt.show()
