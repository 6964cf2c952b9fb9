import torch

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {c: i for i, c in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).double()
P = (N + 1) / (N + 1).sum(dim=1, keepdim=True)  # the bigram model, counts plus one
logP = P.log()

# Greedy: from ".", always the most likely next character, until "." comes out.
i, greedy = 0, ""
while (i := P[i].argmax().item()) != 0:
    greedy += chars[i]

# The most likely name of all, by dynamic programming (Viterbi): best[c] is the
# largest log-probability of a start ". l1 ... lL" with lL = c, path[c] that start.
# Past 27 letters a name repeats a letter, and cutting out the loop raises its
# probability, so 27 lengths are enough.
best, path = logP[0, 1:].clone(), list(chars[1:])
top_lp, top_name = float("-inf"), None
for length in range(1, 28):
    end = best + logP[1:, 0]  # finish the name here
    if end.max() > top_lp:
        top_lp, top_name = end.max().item(), path[end.argmax()]
    best, prev = (best[:, None] + logP[1:, 1:]).max(dim=0)  # one letter more
    path = [path[p] + chars[c + 1] for c, p in enumerate(prev.tolist())]
assert greedy == "a" and top_name == greedy and greedy not in words
print(f"greedy name: {greedy!r}; the most likely name: {top_name!r}, "
      f"probability {torch.tensor(top_lp).exp():.4f}; in names.txt: {greedy in words}")

# Sampling: how often does that name come out, and how long are the others?
g = torch.Generator().manual_seed(0)
state = torch.zeros(10_000, dtype=torch.long)  # 10000 names at once, all at "."
letters, done = [], torch.zeros(10_000, dtype=torch.bool)
while not done.all():
    state = torch.multinomial(P[state], 1, generator=g).squeeze(1)
    done |= state == 0
    letters.append(torch.where(done, 0, state))
rows = torch.stack(letters, dim=1).tolist()
names = ["".join(chars[c] for c in row if c) for row in rows]
share = names.count(greedy) / len(names)
p = torch.tensor(top_lp).exp().item()
assert abs(share - p) < 5 * (p * (1 - p) / len(names)) ** 0.5
print(f"10000 sampled names: {share:.2%} are {greedy!r}, "
      f"mean length {sum(map(len, names)) / len(names):.2f} letters "
      f"(names.txt: {sum(map(len, words)) / len(words):.2f})")
