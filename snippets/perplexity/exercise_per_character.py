import math

import torch
from tokenizers import Tokenizer, models, pre_tokenizers, trainers

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
train = [words[i] for i in order[len(words) // 10 :]]
val = [words[i] for i in order[: len(words) // 10]]

# The BPE bigram model of tokenizations.py, unchanged.
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
END = bpe.get_vocab_size()                       # one more id: start and end mark
counts = torch.ones(END + 1, END + 1)
for ids in bpe.encode_batch(train):
    seq = [END] + ids.ids + [END]
    for a, b in zip(seq, seq[1:]):
        counts[a, b] += 1
logp = (counts / counts.sum(1, keepdim=True)).log()

total, n_tokens = 0.0, 0
for ids in bpe.encode_batch(val):
    seq = [END] + ids.ids + [END]
    total -= sum(logp[a, b].item() for a, b in zip(seq, seq[1:]))
    n_tokens += len(seq) - 1
n_chars = sum(len(w) + 1 for w in val)           # every letter plus the end

ppl_token = math.exp(total / n_tokens)
ppl_char = math.exp(total / n_chars)             # computed from the total
from_token = ppl_token ** (n_tokens / n_chars)   # converted, without the total
bits_char = math.log2(ppl_token) * n_tokens / n_chars
assert abs(from_token - ppl_char) < 1e-9 * ppl_char
assert abs(2**bits_char - ppl_char) < 1e-9 * ppl_char
print(f"{n_tokens} tokens, {n_chars} characters: "
      f"{n_chars / n_tokens:.4f} characters per token")
print(f"per-token perplexity {ppl_token:.4f}")
print(f"per-token ** (tokens / characters) = {from_token:.4f} = per-character "
      f"{ppl_char:.4f}; bits per character {bits_char:.4f}")
