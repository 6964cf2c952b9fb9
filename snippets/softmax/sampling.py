import torch

tokens = ["a", "b", "c", "d"]
probs = torch.tensor([0.5, 0.3, 0.2, 0.0])     # (V,) e.g. softmax(logits)
g = torch.Generator().manual_seed(2147483647)  # same draws on every run

one = torch.multinomial(probs, num_samples=1, generator=g)
print("one draw:", one, "->", tokens[one.item()])

ten = torch.multinomial(probs, num_samples=10, replacement=True, generator=g)
print("ten draws with replacement:", "".join(tokens[i] for i in ten.tolist()))

# Without replacement each index comes out at most once. Ask for more
# draws than there are tokens with p > 0 and PyTorch hands out the p = 0
# token too; ask for more than there are tokens and it raises.
four = torch.multinomial(probs, num_samples=4, replacement=False, generator=g)
print("four draws without replacement:", "".join(tokens[i] for i in four.tolist()))
try:
    torch.multinomial(probs, num_samples=5, replacement=False, generator=g)
except RuntimeError as e:
    print("five draws without replacement: RuntimeError:", str(e).splitlines()[0])

# Many draws: the frequencies approach the probabilities; p = 0 never comes.
draws = torch.multinomial(probs, num_samples=100_000, replacement=True, generator=g)
freqs = torch.bincount(draws, minlength=4) / 100_000
print("frequencies of 100000 draws:", [round(f, 4) for f in freqs.tolist()])
