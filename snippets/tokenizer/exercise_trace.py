import json
from collections import Counter

from tokenizers import Tokenizer, models, pre_tokenizers, trainers

train = ["anna", "hannah", "nan"]

# The byte-level BPE of "From scratch", trained for 3 merges instead of 100.
def merge(ids: list[int], pair: tuple[int, int], new: int) -> list[int]:
    """Replace every occurrence of `pair` in `ids` by the single id `new`."""
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
            out.append(new)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


# Training: start from UTF-8 bytes (ids 0-255); repeatedly merge the most frequent
# adjacent pair into a new id. Merges stay inside a name (names are "words").
seqs = [list(w.encode("utf-8")) for w in train]
merges: dict[tuple[int, int], int] = {}
for new in range(256, 256 + 3):
    counts = Counter(p for s in seqs for p in zip(s, s[1:]))
    # the most frequent pair; among equally frequent pairs the smallest (a, b),
    # the rule of Hugging Face's BpeTrainer
    pair = min(counts, key=lambda p: (-counts[p], p))
    merges[pair] = new
    seqs = [merge(s, pair, new) for s in seqs]

vocab = {i: bytes([i]) for i in range(256)}
for (a, b), new in merges.items():        # in training order: a and b exist already
    vocab[new] = vocab[a] + vocab[b]


def encode(text: str) -> list[int]:
    ids = list(text.encode("utf-8"))
    while len(ids) > 1:                   # apply the earliest-learned merge first
        pair = min(zip(ids, ids[1:]), key=lambda p: merges.get(p, float("inf")))
        if pair not in merges:
            break
        ids = merge(ids, pair, merges[pair])
    return ids


def decode(ids: list[int]) -> str:
    return b"".join(vocab[i] for i in ids).decode("utf-8", errors="replace")


learned = [vocab[m].decode() for m in merges.values()]
assert learned == ["an", "na", "anna"]                     # the hand trace
tokens = {w: [vocab[i].decode() for i in encode(w)] for w in ("hanna", "nanna")}
assert tokens == {"hanna": ["h", "anna"], "nanna": ["n", "anna"]}
print("merges, in order:", learned)
print("tokens:", tokens)

# The library, trained on the same three names with the same number of merges.
tok = Tokenizer(models.BPE())
tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
trainer = trainers.BpeTrainer(vocab_size=256 + 3, show_progress=False,
                              initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
tok.train_from_iterator(train, trainer=trainer)
theirs = ["".join(m) for m in json.loads(tok.to_str())["model"]["merges"]]
assert theirs == learned
assert all(tok.encode(w).tokens == t for w, t in tokens.items())
print("Hugging Face tokenizers: the same merges and the same tokens")
