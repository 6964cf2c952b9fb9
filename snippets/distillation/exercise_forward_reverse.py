import torch

torch.set_num_threads(1)
V = 27
i = torch.arange(V, dtype=torch.float64)


def bump(mu, sigma):  # one bump of width sigma at mu, as a distribution over V
    return torch.softmax(-((i - mu) ** 2) / (2 * sigma**2), dim=-1)


def kl(p, q):  # KL(p || q), summed over the V entries; 0 log 0 = 0
    return (torch.xlogy(p, p) - p * q.log()).sum(dim=-1)


# The teacher has two modes, at 6 and 20; the student can only put one bump.
p_T = 0.5 * bump(6.0, 1.5) + 0.5 * bump(20.0, 1.5)
mus = torch.arange(0, 26.01, 0.1, dtype=torch.float64)
sigmas = torch.arange(0.5, 30.01, 0.1, dtype=torch.float64)
students = bump(mus[:, None, None], sigmas[None, :, None])  # (mus, sigmas, V)
print(f"teacher: mass on ids 10-16 {p_T[10:17].sum():.3f}, "
      f"on ids 17-23 {p_T[17:24].sum():.3f}")
for name, loss in [("forward KL(p_T || p_S)", kl(p_T, students)),
                   ("reverse KL(p_S || p_T)", kl(students, p_T))]:
    best = loss.argmin()
    mu, sigma = mus[best // len(sigmas)].item(), sigmas[best % len(sigmas)].item()
    p_S = bump(mu, sigma)
    gap, far = p_S[10:17].sum().item(), p_S[17:24].sum().item()
    print(f"{name}: one bump at {mu:.1f}, width {sigma:.1f}; mass on ids 10-16 "
          f"(the gap) {gap:.3f}, on ids 17-23 (around 20) {far:.3f}")
    if name.startswith("forward"):
        assert abs(mu - 13) < 0.5 and gap > 10 * p_T[10:17].sum()  # covers both
    else:
        # picks one mode; 6 and 20 are mirror images (ids 0 and 26), the two are tied
        assert abs(mu - 6) < 0.5 and sigma < 2 and far < 0.01
        tie = kl(bump(26 - mu, sigma), p_T)  # the same bump on the other peak
        torch.testing.assert_close(tie, loss.min())
