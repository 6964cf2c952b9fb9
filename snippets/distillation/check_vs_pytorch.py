import textwrap
import warnings

import torch
import torch.nn.functional as F

torch.manual_seed(0)


# --- the distillation loss --------------------------------------------------
def distill_loss(z_S, z_T, tau):
    """tau^2 KL(p_T || p_S) of the softened distributions p = softmax(z / tau), summed
    over the V tokens, averaged over the N positions; z_S, z_T: (N, V) logits."""
    log_p_S = F.log_softmax(z_S / tau, dim=-1)
    log_p_T = F.log_softmax(z_T / tau, dim=-1)
    kl = (log_p_T.exp() * (log_p_T - log_p_S)).sum(dim=-1)  # (N,): one per position
    return tau**2 * kl.mean()


# --- end of the distillation loss -------------------------------------------


def library(z_S, z_T, tau):
    """The same loss with PyTorch's KL divergence: input = the student's
    log-probabilities, target = the teacher's (log_target=True), batchmean."""
    student, teacher = F.log_softmax(z_S / tau, -1), F.log_softmax(z_T / tau, -1)
    kl = F.kl_div(student, teacher, reduction="batchmean", log_target=True)
    return tau**2 * kl


# Several shapes (N positions of V tokens; the last one (B, T, V), flattened for
# PyTorch), temperatures and logit scales; the loss and its gradient with respect to
# the student's logits, which is tau (p_S - p_T) / N.
g = torch.Generator().manual_seed(0)
for shape in [(1, 27), (5, 27), (64, 27), (7, 3), (3, 100), (2, 3, 27)]:
    V, N = shape[-1], torch.Size(shape[:-1]).numel()
    for tau in (0.5, 1.0, 2.0, 4.0):
        z_T = 3 * torch.randn(shape, generator=g)
        z_S = (torch.randn(shape, generator=g) + 1.0).requires_grad_()
        mine = distill_loss(z_S, z_T, tau)
        (grad_mine,) = torch.autograd.grad(mine, z_S)
        theirs = library(z_S.reshape(N, V), z_T.reshape(N, V), tau)
        (grad_theirs,) = torch.autograd.grad(theirs, z_S)
        torch.testing.assert_close(mine, theirs)
        torch.testing.assert_close(grad_mine, grad_theirs)
        p_S, p_T = F.softmax(z_S / tau, -1), F.softmax(z_T / tau, -1)
        torch.testing.assert_close(grad_mine, tau * (p_S - p_T).detach() / N)
        if (N, V, tau) == (5, 27, 2.0):
            print(f"N = 5, V = 27, tau = 2: from scratch {mine.item():.4f}, "
                  f"F.kl_div * tau^2 {theirs.item():.4f}")
z = torch.randn(4, 27, generator=g)
assert distill_loss(z, z, 2.0).abs() < 1e-6  # a student equal to the teacher: 0
print("equal, loss and gradient, for 6 shapes x 4 temperatures")

# PyTorch's traps, each on one example (N = 5, V = 27, tau = 2), without the tau^2
g = torch.Generator().manual_seed(1)
z_T, z_S, tau = 3 * torch.randn(5, 27, generator=g), torch.randn(5, 27, generator=g), 2
student, teacher = F.log_softmax(z_S / tau, -1), F.log_softmax(z_T / tau, -1)
right = F.kl_div(student, teacher, reduction="batchmean", log_target=True)
print(f"KL(p_T || p_S), input = student, target = teacher: {right.item():.4f}")
swapped = F.kl_div(teacher, student, reduction="batchmean", log_target=True)
print(f"arguments swapped: KL(p_S || p_T), the reverse KL: {swapped.item():.4f}")
probs = F.kl_div(student.exp(), teacher.exp(), reduction="batchmean")
print(f"probabilities as input (log_target=False):         {probs.item():.4f}")
forgot = F.kl_div(student, teacher, reduction="batchmean")  # log_target=False
print(f"log-probabilities as target, log_target forgotten: {forgot.item()}")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    mean = F.kl_div(student, teacher, reduction="mean", log_target=True)
torch.testing.assert_close(mean * 27, right)
print(f"reduction='mean': divides by N V, not N:          {mean.item():.4f} "
      f"= {right.item():.4f} / 27")
print("  and PyTorch warns:")
print(textwrap.fill(str(caught[0].message), 84, initial_indent="    ",
                    subsequent_indent="    "))
teacher_1 = F.log_softmax(z_T, -1)
one_side = F.kl_div(student, teacher_1, reduction="batchmean", log_target=True)
print(f"tau on the student only (teacher at tau = 1):      {one_side.item():.4f}")
seq = F.kl_div(student[None], teacher[None], reduction="batchmean", log_target=True)
print(f"batchmean on (B, T, V) = (1, 5, 27) divides by B = 1: {seq.item():.4f} "
      f"= 5 x {right.item():.4f}")
torch.testing.assert_close(seq, 5 * right)
soft_ce = -(teacher.exp() * student).sum(-1).mean()  # Hinton's soft cross-entropy
entropy = -(teacher.exp() * teacher).sum(-1).mean()  # H(p_T): the student can't move it
print(f"soft cross-entropy H(p_T, p_S) = {soft_ce.item():.4f} = KL {right.item():.4f}"
      f" + H(p_T) {entropy.item():.4f}")
torch.testing.assert_close(soft_ce, right + entropy)
