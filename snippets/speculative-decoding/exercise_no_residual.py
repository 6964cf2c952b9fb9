import torch

torch.set_num_threads(1)
torch.manual_seed(0)
chars = ".abcdefghijklmnopqrstuvwxyz"
pairs = [27 * chars.index(a) + chars.index(b)
         for w in open("names.txt").read().splitlines()
         for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27).double()
p = (N[chars.index("e")] + 1) / (N[chars.index("e")] + 1).sum()  # target: after "e"
q = (N.sum(0) + 1) / (N.sum(0) + 1).sum()  # draft: letter frequencies, no context

keep = (p / q).clamp(max=1.0)  # min(1, p / q)
a = (q * keep).sum()  # the acceptance rate, sum of min(p, q)
r = (p - q).clamp(min=0.0)
r = r / r.sum()
right = q * keep + (1 - a) * r  # a rejected draft replaced from the residual
naive = q * keep + (1 - a) * p  # ... or drawn from p again
torch.testing.assert_close(right, p, rtol=0, atol=1e-15)
torch.testing.assert_close(naive, torch.minimum(p, q) + (1 - a) * p)
# the prediction: overrated tokens come out (2 - a) p, too often; underrated ones
# too rarely exactly where q < a p
over = q >= p
torch.testing.assert_close(naive[over], (2 - a) * p[over])
assert torch.equal(naive < p, q < a * p) and (naive[over] > p[over]).all()
tv = 0.5 * (naive - p).abs().sum().item()
assert tv > 0.05
print(f"acceptance rate a = {a:.4f}; redrawn from p: distance from p {tv:.4f}")
for c in "ail.":  # overrated by the draft after "e" (a, i), underrated (l, .)
    i = chars.index(c)
    print(f"  {c}: p {p[i]:.4f}  q {q[i]:.4f}  residual rule {right[i]:.4f}  "
          f"redrawn from p {naive[i]:.4f}")
