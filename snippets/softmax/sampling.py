import torch

tokens = ["a", "b", "c", "d"]
probs = torch.tensor([0.5, 0.3, 0.2, 0.0])     # (V,) e.g. softmax(logits)
g = torch.Generator().manual_seed(2147483647)  # same draws on every run

one = torch.multinomial(probs, num_samples=1, generator=g)
print("one draw:", one, "->", tokens[one.item()])

ten = torch.multinomial(probs, num_samples=10, replacement=True, generator=g)
print("ten draws with replacement:", "".join(tokens[i] for i in ten.tolist()))

# Without replacement each index comes out at most once. The documented
# contract: num_samples must not exceed the number of non-zero entries.
nonzero = int((probs > 0).sum())
three = torch.multinomial(probs, num_samples=nonzero, replacement=False, generator=g)
print(f"{nonzero} draws without replacement (all non-zero tokens):",
      "".join(tokens[i] for i in three.tolist()))
try:  # more draws than there are tokens at all: documented to raise
    torch.multinomial(probs, num_samples=5, replacement=False, generator=g)
except RuntimeError as e:
    print("five draws without replacement: RuntimeError:", str(e).splitlines()[0])

# Many draws: the frequencies approach the probabilities; p = 0 never comes.
draws = torch.multinomial(probs, num_samples=100_000, replacement=True, generator=g)
freqs = torch.bincount(draws, minlength=4) / 100_000
print("frequencies of 100000 draws:", [round(f, 4) for f in freqs.tolist()])
