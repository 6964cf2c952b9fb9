import json
from collections import Counter

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

names = open("names.txt").read().splitlines()
train, held_out = names[0::2][:3000], names[1::2][:2000]

# --- byte-level BPE from scratch
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
for new in range(256, 256 + 100):
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
# --- end of byte-level BPE from scratch


# Hugging Face tokenizers: byte-level BPE, trained here on the same names (no download).
tok = Tokenizer(models.BPE())
tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
tok.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=256 + 100, show_progress=False,
                              initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
tok.train_from_iterator(train, trainer=trainer)
print("vocabulary size: from scratch", len(vocab), " library", tok.get_vocab_size())

# The same merges in the same order (the library lists them in its JSON), and the
# same tokens for every held-out name (names are a-z: a token is its text).
mine = [[vocab[a].decode(), vocab[b].decode()] for a, b in merges]
theirs = json.loads(tok.to_str())["model"]["merges"]
k = next((k for k, (m, t) in enumerate(zip(mine, theirs)) if m != t), len(mine))
differ = []
for name in held_out:
    toks, lib = [vocab[i].decode() for i in encode(name)], tok.encode(name).tokens
    if toks != lib:
        differ.append(f"{name}: {'|'.join(toks)} vs library {'|'.join(lib)}")
for name in held_out[:4]:
    print(f"{name!r:12} -> {tok.encode(name).tokens}")
assert mine == theirs, (f"merges differ from merge {k} on; {len(differ)} of "
                        f"{len(held_out)} names tokenised differently")
assert not differ, f"{len(differ)} of {len(held_out)} names differ, e.g. {differ[0]}"
print(f"the same {len(theirs)} merges in the same order, and the same tokens "
      f"on all {len(held_out)} held-out names")

# 3. Lossless on unseen text, also non-ASCII and emoji (both tokenizers).
for text in held_out + ["zoë", "Émile 🚀"]:
    assert decode(encode(text)) == text, f"round trip from scratch: {text!r}"
    assert tok.decode(tok.encode(text).ids) == text
n_chars = sum(len(n) for n in held_out)
n_mine = sum(len(encode(n)) for n in held_out)
n_lib = sum(len(tok.encode(n).ids) for n in held_out)
print(f"held-out names: {n_chars} characters -> {n_mine} tokens from scratch, "
      f"{n_lib} with the library")
