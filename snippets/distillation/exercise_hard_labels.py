import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
N, V, s = 5, 27, 0.1


def distill_loss(z_S, z_T, tau):  # the page's loss
    log_p_S = F.log_softmax(z_S / tau, dim=-1)
    log_p_T = F.log_softmax(z_T / tau, dim=-1)
    kl = (log_p_T.exp() * (log_p_T - log_p_S)).sum(dim=-1)  # (N,): one per position
    return tau**2 * kl.mean()


def distill_loss_safe(z_S, z_T, tau):  # the variant: 0 log 0 = 0, as in the limit
    log_p_S = F.log_softmax(z_S / tau, dim=-1)
    p_T = F.softmax(z_T / tau, dim=-1)
    kl = (torch.xlogy(p_T, p_T) - p_T * log_p_S).sum(dim=-1)
    return tau**2 * kl.mean()


z_S = torch.randn(N, V, requires_grad=True)
y = torch.randint(0, V, (N,))
one_hot_teacher = torch.full((N, V), float("-inf")).scatter(1, y[:, None], 0.0)

naive = distill_loss(z_S, one_hot_teacher, 1.0)
safe = distill_loss_safe(z_S, one_hot_teacher, 1.0)
assert torch.isnan(naive)  # 0 * (-inf - log p_S) is nan
torch.testing.assert_close(safe, F.cross_entropy(z_S, y))
print(f"one-hot teacher: distill_loss {naive.item()}, the variant {safe:.4f}"
      f" == F.cross_entropy {F.cross_entropy(z_S, y):.4f}")

# A smoothed teacher: 1 - s + s / V on the label, s / V elsewhere.
q = torch.full((N, V), s / V).scatter(1, y[:, None], 1 - s + s / V)
kd = distill_loss_safe(z_S, q.log(), 1.0)
ls = F.cross_entropy(z_S, y, label_smoothing=s)
(g_kd,) = torch.autograd.grad(kd, z_S)
(g_ls,) = torch.autograd.grad(ls, z_S)
entropy = -(q * q.log()).sum(dim=-1).mean()
torch.testing.assert_close(g_kd, g_ls)  # the same gradient
torch.testing.assert_close(ls - kd, entropy)  # losses apart by the teacher's entropy
print(f"smoothed teacher: KL {kd:.4f}, label_smoothing={s} {ls:.4f}, "
      f"difference {ls - kd:.4f} = H(q) {entropy:.4f}; same gradient")
