import torch

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).double()
z = (N[stoi["a"]] + 1).log()  # the logits of the letter after "a", as on this page

# Gumbel-max: add -log(-log U) to every logit, U uniform, and take the argmax.
g = torch.Generator().manual_seed(0)
draws = 200_000
U = torch.rand(draws, 27, generator=g, dtype=torch.float64)
noise = -(-U.log()).log()
picked = (z + noise).argmax(dim=1)
freq = torch.bincount(picked, minlength=27).double() / draws
p = torch.softmax(z, dim=0)
se = (p * (1 - p) / draws).sqrt()
worst = ((freq - p).abs() / se).max().item()
assert worst < 5  # the argmax of noisy logits is a draw from softmax(z)
print(f"{draws} argmaxes of z + Gumbel noise vs softmax(z): "
      f"largest deviation {worst:.2f} standard errors")

# Temperature scales the noise instead of the logits: the same picks.
for tau in (0.5, 2.0):
    assert torch.equal((z / tau + noise).argmax(dim=1), (z + tau * noise).argmax(dim=1))
print("argmax(z / tau + G) == argmax(z + tau G) at tau 0.5 and 2")
tiny = (z + 1e-3 * noise).argmax(dim=1)
assert (tiny == z.argmax()).all()  # tau -> 0: the noise vanishes, greedy
print(f"tau = 0.001: all {draws} picks are {chars[z.argmax()]!r}, the argmax")
