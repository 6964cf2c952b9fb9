import codecs
from collections import Counter

names = open("names.txt").read().splitlines()
train = names[0::2][:3000]

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


text = "Zoë 🚀"                                   # ë: 2 UTF-8 bytes, 🚀: 4
ids = encode(text)
naive = "".join(decode([i]) for i in ids)        # decode each new token at once
print("ids:", ids)
print("each token decoded alone:", [decode([i]) for i in ids])
print("joined:", repr(naive))
assert naive != text and "\ufffd" in naive       # U+FFFD, the replacement character


def stream_decode(ids):
    """Yield text as the ids arrive, holding back the bytes of an unfinished
    character until its last byte has come."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    for i in ids:
        piece = utf8.decode(vocab[i])             # "" while a character is incomplete
        if piece:
            yield piece


pieces = list(stream_decode(ids))
assert "".join(pieces) == text == decode(ids)
print("streamed pieces:", pieces)
