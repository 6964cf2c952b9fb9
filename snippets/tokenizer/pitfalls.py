from tokenizers import (
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    trainers,
)

names = open("names.txt").read().splitlines()


def byte_level_bpe(merges: int) -> Tokenizer:
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=256 + merges, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(names, trainer=trainer)
    return tok


tok = byte_level_bpe(400)

# Case and whitespace change the tokens (Ġ is GPT-2's printable stand-in for a space).
for text in ["emma", "Emma", " emma", "EMMA"]:
    print(f"{text!r:8} -> {tok.encode(text).tokens}")

# A character-level vocabulary has no id for a character it never saw:
stoi = {ch: i for i, ch in enumerate(".abcdefghijklmnopqrstuvwxyz")}
try:
    [stoi[ch] for ch in "zoë"]
except KeyError as e:
    print("character-level, 'zoë': KeyError", e)
print("byte-level, 'zoë':", tok.encode("zoë").tokens, "(ë is two UTF-8 bytes)")

# decode(encode(s)) == s holds for byte-level BPE, not for a tokenizer that
# normalises (lower-cases) its input or maps unknown characters to [UNK]:
text = "Zoë Emma"
print("byte-level round trip:", repr(tok.decode(tok.encode(text).ids)))
lossy = Tokenizer(models.BPE(unk_token="[UNK]"))
lossy.normalizer = normalizers.Lowercase()
lossy.pre_tokenizer = pre_tokenizers.Whitespace()
lossy.train_from_iterator(names, trainer=trainers.BpeTrainer(
    vocab_size=300, special_tokens=["[UNK]"], show_progress=False))
print("lower-casing, [UNK] round trip:", repr(lossy.decode(lossy.encode(text).ids,
                                                           skip_special_tokens=False)))

# Special tokens are split like text unless registered. Once registered, the
# string becomes the special id wherever it occurs, also inside untrusted text.
print("'<|endoftext|>' as text:", len(tok.encode("<|endoftext|>").ids), "tokens")
tok.add_special_tokens(["<|endoftext|>"])
typed = "ann<|endoftext|>bob"   # e.g. text a user typed
print("registered, in typed text:", tok.encode(typed).tokens)
eot = tok.token_to_id("<|endoftext|>")
tok.encode_special_tokens = True   # the defence for untrusted text: split it like text
print("encode_special_tokens=True:", tok.encode(typed).tokens)
assert eot not in tok.encode(typed).ids and tok.decode(tok.encode(typed).ids) == typed
tok.encode_special_tokens = False  # back on for text your own code assembles
assert eot in tok.encode(typed).ids

# Ids mean nothing outside their tokenizer: the same name, two vocabularies.
print("'emma' ids, byte-level BPE:", tok.encode("emma").ids,
      " 27 characters:", [stoi[ch] for ch in "emma"])
