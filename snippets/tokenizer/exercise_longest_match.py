from collections import Counter

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


by_bytes = {v: i for i, v in vocab.items()}      # token bytes -> id


def encode_longest(text: str) -> list[int]:
    """The same vocabulary, another rule: from the left, the longest token that
    matches (WordPiece's way), ignoring the order of the merges."""
    b, ids, i = text.encode("utf-8"), [], 0
    while i < len(b):
        j = max(j for j in range(i + 1, len(b) + 1) if b[i:j] in by_bytes)
        ids.append(by_bytes[b[i:j]])
        i = j
    return ids


differ = [n for n in held_out if encode(n) != encode_longest(n)]
for n in held_out:
    assert decode(encode_longest(n)) == n == decode(encode(n))   # both lossless
assert len(differ) > len(held_out) // 4
for n in differ[:4]:
    print(f"{n!r:11} merges {[vocab[i].decode() for i in encode(n)]}, "
          f"longest match {[vocab[i].decode() for i in encode_longest(n)]}")
n_merges = sum(len(encode(n)) for n in held_out)
n_longest = sum(len(encode_longest(n)) for n in held_out)
assert abs(n_merges - n_longest) < 0.02 * n_merges      # nearly as many tokens
print(f"{len(differ)} of {len(held_out)} held-out names cut differently; "
      f"tokens: {n_merges} by the merges, {n_longest} by longest match")
