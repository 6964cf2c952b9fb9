import torch

torch.set_num_threads(1)

words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
after_a = torch.zeros(27, dtype=torch.float64)
for w in words:
    for a, b in zip("." + w, w + "."):
        if a == "a":
            after_a[chars.index(b)] += 1
z = (after_a + 1).log()  # the logits of the letter after "a", as on this page

cold = torch.softmax(z / 0.01, dim=0)  # tau -> 0: all the mass on the largest logit
hot = torch.softmax(z / 1000.0, dim=0)  # tau -> infinity: every letter alike
assert cold.argmax() == z.argmax() and cold.max() > 0.999
assert torch.allclose(hot, torch.full((27,), 1 / 27, dtype=z.dtype), atol=1e-4)
print(f"tau 0.01: p({chars[cold.argmax()]!r}) = {cold.max():.4f}")
print(f"tau 1000: from {hot.min():.5f} to {hot.max():.5f}; 1/27 = {1 / 27:.5f}")

# No temperature reorders the letters: the ranking is that of the logits.
order = torch.argsort(z, descending=True, stable=True)
for tau in (0.01, 1.0, 1000.0):
    p = torch.softmax(z / tau, dim=0)
    assert torch.equal(torch.argsort(p, descending=True, stable=True), order)
    print(f"tau {tau:7.2f}: top 5 letters {''.join(chars[i] for i in order[:5])!r}, "
          f"p of the top one {p.max():.4f}")
