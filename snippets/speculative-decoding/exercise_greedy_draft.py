import torch

torch.set_num_threads(1)
torch.manual_seed(0)
chars = ".abcdefghijklmnopqrstuvwxyz"
words = open("names.txt").read().splitlines()
tri, bi = torch.ones(27, 27, 27).double(), torch.ones(27, 27).double()  # counts + 1
for w in words:
    s = [0, 0] + [chars.index(c) for c in w] + [0]
    for a, b, c in zip(s, s[1:], s[2:]):
        tri[a, b, c] += 1
        bi[b, c] += 1
e, m = chars.index("e"), chars.index("m")
p = tri[e, m] / tri[e, m].sum()  # target: a trigram, after "em"
q = bi[m] / bi[m].sum()  # draft: a bigram, after "m"


def output_distribution(p, q):
    """P(output = y) under the rule, when the draft samples from q."""
    keep = (p / q).clamp(max=1.0)
    r = (p - q).clamp(min=0.0)
    return q * keep + (1 - (q * keep).sum()) * r / r.sum()


x_star = q.argmax()  # the greedy draft always proposes its argmax ...
one_hot = torch.zeros(27, dtype=torch.float64)
one_hot[x_star] = 1.0  # ... so the distribution it samples from is one-hot
torch.testing.assert_close(output_distribution(p, one_hot), p, rtol=0, atol=1e-15)
a_greedy = torch.minimum(p, one_hot).sum()
assert a_greedy == p[x_star]
print(f"greedy draft proposes {chars[x_star]!r}: kept with p = {a_greedy:.4f}; "
      "output == p")
r = (p - one_hot).clamp(min=0.0)
rest = p.clone()
rest[x_star] = 0
torch.testing.assert_close(r / r.sum(), rest / rest.sum())
print("its residual: p without", repr(chars[x_star]), "renormalised")

# drafted greedily, but the rule is given the bigram's full q
keep = (p / q).clamp(max=1.0)
r = (p - q).clamp(min=0.0)
wrong = one_hot * keep + (1 - keep[x_star]) * r / r.sum()
tv = 0.5 * (wrong - p).abs().sum().item()
assert tv > 0.05
print(f"rule given the bigram's full q instead: distance from p {tv:.4f}")
a_sampled = torch.minimum(p, q).sum()
assert a_sampled > a_greedy
print(f"a draft that samples from q: acceptance rate sum min(p, q) = {a_sampled:.4f}")
