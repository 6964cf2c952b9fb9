import torch

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27)

z = (N[stoi["a"]].double() + 1).log()      # (27,) logits of the letter after "a"
p = torch.softmax(z, dim=0)
k = stoi["n"]                              # ban the letter "n"

banned = z.clone()
banned[k] = float("-inf")                  # the mask: one logit set to -inf
p_ban = torch.softmax(banned, dim=0)

by_hand = p / (1 - p[k])                   # renormalise what is left
by_hand[k] = 0
torch.testing.assert_close(p_ban, by_hand)
others = torch.arange(27) != k
torch.testing.assert_close(p_ban[others] / p[others],
                           torch.full((26,), 1 / (1 - p[k].item()), dtype=p.dtype))
print(f"p('n' after 'a') = {p[k].item():.4f}; every other letter is multiplied by "
      f"1 / (1 - {p[k].item():.4f}) = {1 / (1 - p[k].item()):.4f}")
for ch in "lr.":
    i = stoi[ch]
    print(f"  p({ch!r}): {p[i].item():.4f} -> {p_ban[i].item():.4f}")
