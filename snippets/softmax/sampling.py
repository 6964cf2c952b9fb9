import torch

tokens = ["a", "b", "c", "d"]
probs = torch.tensor([0.5, 0.3, 0.2, 0.0])     # (V,) e.g. softmax(logits)
g = torch.Generator().manual_seed(2147483647)  # same draws on every run

one = torch.multinomial(probs, num_samples=1, generator=g)
print("one draw:", one, "->", tokens[one.item()])

ten = torch.multinomial(probs, num_samples=10, replacement=True, generator=g)
print("ten draws with replacement:", "".join(tokens[i] for i in ten.tolist()))

# Without replacement each index comes out at most once. What the documentation
# asks of num_samples (the note in torch.multinomial's docstring):
doc = " ".join(torch.multinomial.__doc__.replace(":attr:", "").split())
start = doc.index("When drawn without replacement")
print("documentation:", doc[start:doc.index("non-zero elements", start) + 17])
nonzero = int((probs > 0).sum())
three = torch.multinomial(probs, num_samples=nonzero, replacement=False, generator=g)
print(f"{nonzero} draws without replacement (as many as non-zero entries):",
      "".join(tokens[i] for i in three.tolist()))
# One more than that: no error, and the zero-probability index comes out.
four = torch.multinomial(probs, num_samples=4, replacement=False, generator=g)
print("4 draws without replacement (one more than non-zero): no error,",
      "".join(tokens[i] for i in four.tolist()), f"(p('d') = {probs[3].item()})")
try:  # more draws than there are tokens at all: raises
    torch.multinomial(probs, num_samples=5, replacement=False, generator=g)
except RuntimeError as e:
    print("five draws without replacement: RuntimeError:", str(e).splitlines()[0])

# Many draws: the frequencies approach the probabilities; p = 0 never comes.
draws = torch.multinomial(probs, num_samples=100_000, replacement=True, generator=g)
freqs = torch.bincount(draws, minlength=4) / 100_000
print("frequencies of 100000 draws:", [round(f, 4) for f in freqs.tolist()])
