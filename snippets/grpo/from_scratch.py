import torch

torch.manual_seed(0)


# --- the GRPO loss
def group_advantages(r, G, eps=1e-4):
    """(r - mean) / (std + eps) within each group of G answers to one request. r is
    (B,), the G answers of a request next to each other; std with Bessel's n - 1."""
    r = r.view(-1, G)
    A = (r - r.mean(dim=1, keepdim=True)) / (r.std(dim=1, keepdim=True) + eps)
    return A.view(-1)


def grpo_loss(logp, logp_ref, A, mask, logp_old=None, eps=0.2, beta=0.04, norm="grpo"):
    """logp, logp_ref, logp_old, mask: (B, T) per answer token; A: (B,). Returns the
    loss to minimise. norm: "grpo" (mean per answer, then over answers), "bnpo"
    (mean over all tokens), "dr_grpo" (sum / (B * T))."""
    if logp_old is None:  # on-policy: the answers were sampled from this very model
        logp_old = logp.detach()
    ratio = (logp - logp_old).exp()  # pi / pi_old, per token
    A = A[:, None]
    clipped = ratio.clamp(1 - eps, 1 + eps)
    surrogate = torch.min(ratio * A, clipped * A)  # the pessimistic of the two
    d = logp_ref - logp
    kl = d.exp() - d - 1  # k3: >= 0, unbiased for KL(pi || pi_ref) under pi
    per_token = (-surrogate + beta * kl) * mask
    if norm == "grpo":
        return (per_token.sum(1) / mask.sum(1).clamp(min=1)).mean()
    if norm == "bnpo":
        return per_token.sum() / mask.sum().clamp(min=1)
    return per_token.sum() / mask.numel()  # dr_grpo: a constant, B * T


# --- end of the GRPO loss


# One request, "starts with m", and a group of G = 8 sampled answers.
answers = ["mia", "max", "emma", "milo", "ava", "m", "noah", "mmmm"]
r = torch.tensor([float(a[0] == "m") for a in answers])  # the verifier: 1 or 0
A = group_advantages(r, G=8)
print("answer  reward  advantage")
for a, ri, Ai in zip(answers, r, A):
    print(f"{a:7} {ri:5.0f}  {Ai:+8.4f}")
print(f"mean reward {r.mean():.3f}, std {r.std():.4f}; "
      f"advantages sum to {A.sum().abs():.4f}")
print("all right:", group_advantages(torch.ones(8), G=8)[:3].tolist(), "...")

# The clip: per token, ratio pi/pi_old and advantage; which ones still get a gradient.
print("\nratio  A    -surrogate  d/d logp")
for ratio, a in [(1.0, 1.0), (1.5, 1.0), (0.5, 1.0), (1.5, -1.0), (0.5, -1.0)]:
    logp = torch.tensor([[0.0]], requires_grad=True)
    logp_old = torch.tensor([[-torch.tensor(ratio).log().item()]])
    A = torch.tensor([a])
    loss = grpo_loss(logp, logp, A, torch.ones(1, 1), logp_old, beta=0.0)
    loss.backward()
    print(f"{ratio:4.1f}  {a:+.0f}   {loss.item():+8.4f}   {logp.grad.item():+.4f}")

# The KL term: k3 per token, averaged over samples from pi, estimates KL(pi || pi_ref).
z, z_ref = torch.randn(5), torch.randn(5)
p, p_ref = z.softmax(-1), z_ref.softmax(-1)
y = torch.multinomial(p, 100000, replacement=True)
d = p_ref.log()[y] - p.log()[y]
print(f"\nKL(pi || pi_ref) exact {(p * (p / p_ref).log()).sum():.4f}, "
      f"k3 estimate {(d.exp() - d - 1).mean():.4f}")
