from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

names = open("names.txt").read().splitlines()
tok = Tokenizer(models.BPE())
tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
tok.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=256 + 400, show_progress=False,
                              initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
tok.train_from_iterator(names, trainer=trainer)

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

# Special tokens are split like text unless they are registered as special.
print("'<|endoftext|>' as text:", len(tok.encode("<|endoftext|>").ids), "tokens")
tok.add_special_tokens(["<|endoftext|>"])
print("registered as special:  ", tok.encode("<|endoftext|>").tokens)
