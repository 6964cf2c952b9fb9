import torch

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27)

counts = N[stoi["."]].double()             # (27,) first letters
a, e = stoi["a"], stoi["e"]
for c in (0.0, -8.0, 100.0):               # the logits, shifted by three constants
    z = counts.log() + c
    p = torch.softmax(z, dim=0)
    odds = (z[a] - z[e]).exp()             # no softmax needed
    torch.testing.assert_close(odds, p[a] / p[e])
    torch.testing.assert_close(odds, counts[a] / counts[e])
    print(f"shift {c:6.1f}: z_a - z_e = {(z[a] - z[e]).item():.4f}, "
          f"exp = {odds.item():.4f}, p_a / p_e = {(p[a] / p[e]).item():.4f}")
print(f"counts: a {int(counts[a])}, e {int(counts[e])}, "
      f"ratio {(counts[a] / counts[e]).item():.4f}")
