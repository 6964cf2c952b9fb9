import torch

# How often each character follows each character in names.txt.
# '.' marks the start and the end of a name.
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27)

counts = N[stoi["."]].float()              # (27,) first letters: what follows "."
logits = counts.log()                      # (27,) log of counts (-inf for 0)
probs = logits.exp() / logits.exp().sum()  # (27,) softmax, written out

print(f"bigrams counted: {len(pairs)}, names: {len(words)}")
print("after '.'   count   logit    prob")
for i in counts.argsort(descending=True)[:5].tolist():
    c, z, p = int(counts[i]), logits[i].item(), probs[i].item()
    print(f"    {chars[i]!r}  {c:6d}  {z:6.3f}  {p:.4f}")
zeros = torch.nonzero(counts == 0).flatten().tolist()
print("never follows '.':", [chars[i] for i in zeros])
print("probabilities sum to", round(probs.sum().item(), 6))
