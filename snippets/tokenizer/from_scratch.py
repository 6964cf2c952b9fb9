from collections import Counter

names = open("names.txt").read().splitlines()
train, held_out = names[0::2][:3000], names[1::2][:2000]   # disjoint sets of names

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


print("first merges:", [vocab[m].decode() for m in list(merges.values())[:10]])
for name in held_out[:4]:
    ids = encode(name)
    print(f"{name!r:12} -> {ids} -> {[vocab[i].decode() for i in ids]}")
for text in held_out + ["zoë", "Émile 🚀"]:    # unseen names, non-ASCII, emoji
    assert decode(encode(text)) == text
n_chars = sum(len(n) for n in held_out)
n_tokens = sum(len(encode(n)) for n in held_out)
print(f"held-out names: {n_chars} characters -> {n_tokens} tokens "
      f"({n_tokens / n_chars:.3f} tokens per character)")
print("round trip OK on", len(held_out) + 2, "unseen texts, with 'zoë' and an emoji")
