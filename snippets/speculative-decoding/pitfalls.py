import torch

torch.set_num_threads(1)


# --- speculative decoding
def accept_prob(p, q):
    """min(1, p / q) for every token (V,): the chance that a drafted token is kept."""
    return (p / q).clamp(max=1.0)


def residual(p, q):
    """Where a rejected token is drawn again: norm(max(0, p - q)), shape (V,)."""
    r = (p - q).clamp(min=0.0)
    return r / r.sum()


def speculative_step(ctx, gamma, target, draft, g):
    """Draft gamma tokens, verify them with ONE target call; returns 1 to gamma + 1."""
    xs, qs = [], []
    for _ in range(gamma):
        qs.append(draft(ctx + xs))  # q(. | ctx, x_1 .. x_j), shape (V,)
        xs.append(torch.multinomial(qs[-1], 1, generator=g).item())
    ps = target(ctx, xs)  # (gamma + 1, V): p after ctx, after ctx + x_1, ...
    out = []
    for j, x in enumerate(xs):
        if torch.rand((), generator=g) < accept_prob(ps[j], qs[j])[x]:
            out.append(x)  # accepted
        else:  # rejected: a token from the residual replaces x
            r = residual(ps[j], qs[j])
            out.append(torch.multinomial(r, 1, generator=g).item())
            return out  # the drafts after x are thrown away
    out.append(torch.multinomial(ps[gamma], 1, generator=g).item())  # the bonus token
    return out


# --- end of speculative decoding


def output_distribution(p, q):  # P(output = y), summed over the drafted token x
    keep = accept_prob(p, q)
    return q * keep + (q * (1 - keep)).sum() * residual(p, q)


g = torch.Generator().manual_seed(0)
p = torch.softmax(torch.randn(6, generator=g, dtype=torch.float64) * 2, dim=-1)
z_q = torch.randn(6, generator=g, dtype=torch.float64) * 2  # the draft's logits
q = torch.softmax(z_q, dim=-1)
tv = lambda a, b: 0.5 * (a - b).abs().sum().item()  # total variation distance

# 1. q must be the distribution the draft really sampled from
kept = z_q.masked_fill(z_q < z_q.topk(3).values[-1], float("-inf"))
q_top3 = torch.softmax(kept, dim=-1)  # the draft samples from its top 3 ...
keep, r = accept_prob(p, q), residual(p, q)  # ... but the rule is given the full q
wrong = q_top3 * keep + (q_top3 * (1 - keep)).sum() * r
print(f"draft samples top-3, rule given full q: distance from p {tv(wrong, p):.3f}")
print(
    f"rule given the top-3 q it sampled from: distance from p "
    f"{tv(output_distribution(p, q_top3), p):.1e}"
)

# 2. torch.multinomial normalises its weights itself, and refuses negative ones
r = (p - q).clamp(min=0.0)
same = [
    torch.multinomial(
        w, 20, replacement=True, generator=torch.Generator().manual_seed(1)
    )
    for w in (r, r / r.sum())
]
print(
    "multinomial(r) and multinomial(r / r.sum()) draw the same tokens:",
    torch.equal(*same),
)
try:
    torch.multinomial(p - q, 1)
except RuntimeError as e:
    print("multinomial(p - q) without the clamp:", str(e).splitlines()[0])

# 3. p == q: every draft is kept, and the residual (never used) is 0 / 0
print(
    "p == q: min(1, p/q) =",
    accept_prob(p, p).tolist(),
    "residual:",
    residual(p, p).tolist()[:2],
    "...",
)

# 4. Greedy target (temperature -> 0): keep x only if it is the target's argmax
p_greedy = torch.nn.functional.one_hot(p.argmax(), 6).double()
print("greedy target, output distribution:", output_distribution(p_greedy, q).tolist())

# 5. The draft's temperature changes the speed, never the output
for tau in (0.5, 1.0, 2.0):
    q_tau = torch.softmax(z_q / tau, dim=-1)
    out = output_distribution(p, q_tau)
    print(
        f"draft at temperature {tau}: acceptance rate",
        f"{torch.minimum(p, q_tau).sum():.3f}, output distance from p {tv(out, p):.1e}",
    )
