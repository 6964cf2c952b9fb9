import math

import torch

torch.set_num_threads(1)
# The bigram model of the walkthrough (counts + 1), from the first 90% of names.txt,
# evaluated on the last 10%.
chars = ".abcdefghijklmnopqrstuvwxyz"
words = open("names.txt").read().splitlines()
split = int(0.9 * len(words))


def bigrams(names):  # (previous, next) ids: the letters and the end mark '.'
    pairs = [(a, b) for w in names for a, b in zip("." + w, w + ".")]
    return torch.tensor([(chars.index(a), chars.index(b)) for a, b in pairs]).T


a, b = bigrams(words[:split])
N = torch.ones(27, 27).index_put_((a, b), torch.ones(len(a)), accumulate=True)
logp = (N / N.sum(dim=1, keepdim=True)).log()

test = words[split:]
a, b = bigrams(test)
bits = -logp[a, b].sum().item() / math.log(2)  # the total negative log-likelihood
char_tokens = sum(len(w) + 1 for w in test)  # one token a character
pair_tokens = sum(math.ceil((len(w) + 1) / 2) for w in test)  # 'em' 'ma' '.'
n_bytes = sum(len((w + "\n").encode("utf-8")) for w in test)  # their lines in the file
# A token of two characters gets the probability of both: ln p(ab) = ln p(a) + ln p(b),
# so the same model gives the same total, in fewer tokens.
per_char_token, per_pair_token = bits / char_tokens, bits / pair_tokens
bpb = bits / n_bytes
print(f"{len(test)} names, {n_bytes} bytes: {char_tokens} character tokens, "
      f"{pair_tokens} pair tokens")
print(f"bits per token: {per_char_token:.4f} with characters, {per_pair_token:.4f} "
      f"with pairs; bits per byte: {bpb:.4f} for both")
assert char_tokens == n_bytes  # one token a byte: the end mark stands for '\n'
assert math.isclose(per_pair_token / per_char_token, char_tokens / pair_tokens)
assert per_pair_token > 1.5 * per_char_token  # the same model looks much worse
