import math

import matplotlib.pyplot as plt
import torch
from tokenizers import Tokenizer, models, pre_tokenizers, trainers

# The same held-out names, measured by two models that read different tokens:
# a bigram model over characters, and a bigram model over BPE tokens.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
train = [words[i] for i in order[len(words) // 10 :]]
val = [words[i] for i in order[: len(words) // 10]]

bpe = Tokenizer(models.BPE())
bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
bpe.train_from_iterator(
    train,
    trainers.BpeTrainer(
        vocab_size=256 + 300,
        show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    ),
)
chars = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
# name: (encode, number of ids, the id that marks the start and end of a name).
# Characters: the 27 ids of the bigram model above, "." (id 0) as the mark.
# BPE: its vocabulary plus one more id for the mark.
tokenizers = {
    "characters": (lambda w: [chars[c] for c in w], 27, chars["."]),
    "BPE, 300 merges": (
        lambda w: bpe.encode(w).ids,
        bpe.get_vocab_size() + 1,
        bpe.get_vocab_size(),
    ),
}
n_chars = sum(len(w) + 1 for w in val)  # every letter plus the end of the name
results = {}
for name, (encode, n_ids, END) in tokenizers.items():
    counts = torch.ones(n_ids, n_ids)  # +1 smoothing, over exactly the n_ids outcomes
    for w in train:
        ids = [END] + encode(w) + [END]
        for a, b in zip(ids, ids[1:]):
            counts[a, b] += 1
    logp = (counts / counts.sum(1, keepdim=True)).log()
    total, n_tokens = 0.0, 0
    for w in val:
        ids = [END] + encode(w) + [END]
        total -= sum(logp[a, b].item() for a, b in zip(ids, ids[1:]))
        n_tokens += len(ids) - 1
    results[name] = (n_tokens, total)

print(f"{len(val)} names, {n_chars} characters (with the end of each name)")
# Per byte: divide by the UTF-8 bytes. Every name here is plain a-z, one byte per
# character, so per-byte and per-character perplexity coincide on this text.
n_bytes = sum(len((w + "\n").encode("utf-8")) for w in val)
print(f"UTF-8 bytes: {n_bytes} (the same as characters: {n_bytes == n_chars})")
print(
    f"{'tokens':16} {'tokens':>7} {'per-token PPL':>14} {'per-name PPL':>13} "
    f"{'per-char PPL':>13} {'bits/char':>10}"
)
for name, (n_tokens, total) in results.items():
    print(
        f"{name:16} {n_tokens:7} {math.exp(total / n_tokens):14.4f} "
        f"{math.exp(total / len(val)):13.3g} {math.exp(total / n_chars):13.4f} "
        f"{total / n_chars / math.log(2):10.4f}"
    )

fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
names = list(results)
axes[0].bar(names, [math.exp(t / n) for n, t in results.values()], color="tab:orange")
axes[0].set_title("per-token perplexity: not comparable")
axes[1].bar(
    names, [math.exp(t / n_chars) for _, t in results.values()], color="tab:blue"
)
axes[1].set_title("per-character perplexity: comparable")
for ax in axes:
    ax.set_ylabel("perplexity")
    ax.set_xlabel("what the model reads")
fig.suptitle("The same validation names, two tokenizations")
fig.tight_layout()
plt.show()
