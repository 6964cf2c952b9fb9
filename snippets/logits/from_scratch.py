import torch

# Count how often each character follows each character in names.txt ('.' marks start and end).
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27)  # (27, 27) counts

counts = N[stoi["."]].float()                  # (27,) first letters: what follows the start mark "."
logits = counts.log()                          # (27,) logits: log of counts (-inf where count is 0)
probs = logits.exp() / logits.exp().sum()      # (27,) softmax, written out

print(f"bigrams counted: {len(pairs)}, names: {len(words)}")
print("after '.'   count   logit    prob")
for i in counts.argsort(descending=True)[:5].tolist():
    print(f"    {chars[i]!r}  {int(counts[i]):6d}  {logits[i].item():6.3f}  {probs[i].item():.4f}")
print("never follows '.':", [chars[i] for i in torch.nonzero(counts == 0).flatten().tolist()])
print("probabilities sum to", round(probs.sum().item(), 6))
