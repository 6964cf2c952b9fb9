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
bits = -logp[a, b].sum().item() / math.log(2)  # one token a character
char_tokens = sum(len(w) + 1 for w in test)  # the letters and the end mark
n_bytes = sum(len((w + "\n").encode("utf-8")) for w in test)  # their lines in the file


def pair_tokens(w):  # 'emma' -> 'em', 'ma', '.'
    s = w + "."
    return [s[i : i + 2] for i in range(0, len(s), 2)]


# A token of two characters gets the probability of both, each given the character
# before it (for the first one: the last character of the previous token).
pair_bits, n_pairs = 0.0, 0
for w in test:
    prev = "."
    for tok in pair_tokens(w):
        for c in tok:
            pair_bits -= logp[chars.index(prev), chars.index(c)].item() / math.log(2)
            prev = c
        n_pairs += 1
per_char_token, per_pair_token = bits / char_tokens, pair_bits / n_pairs
bpb_char, bpb_pair = bits / n_bytes, pair_bits / n_bytes
print(f"{len(test)} names, {n_bytes} bytes: {char_tokens} character tokens, "
      f"{n_pairs} pair tokens")
print(f"bits per token: {per_char_token:.4f} with characters, {per_pair_token:.4f} "
      f"with pairs ({per_pair_token / per_char_token:.2f} times)")
print(f"bits per byte: {bpb_char:.4f} with characters, {bpb_pair:.4f} with pairs")
assert char_tokens == n_bytes  # one token a byte: the end mark stands for '\n'
assert math.isclose(pair_bits, bits, rel_tol=1e-6)  # the same total, regrouped
assert math.isclose(bpb_pair, bpb_char, rel_tol=1e-6)
assert per_pair_token > 1.5 * per_char_token  # the same model looks much worse
