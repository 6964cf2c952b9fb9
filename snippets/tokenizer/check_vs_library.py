from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

names = open("names.txt").read().splitlines()
train, held_out = names[0::2][:3000], names[1::2][:2000]

# Hugging Face tokenizers: byte-level BPE, trained here on the same names (no download).
tok = Tokenizer(models.BPE())
tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
tok.decoder = decoders.ByteLevel()
trainer = trainers.BpeTrainer(vocab_size=256 + 100, show_progress=False,
                              initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
tok.train_from_iterator(train, trainer=trainer)

print("vocabulary size:", tok.get_vocab_size())
for name in held_out[:4]:
    print(f"{name!r:12} -> {tok.encode(name).tokens}")
for text in held_out + ["zoë", "Émile 🚀"]:
    assert tok.decode(tok.encode(text).ids) == text
n_chars = sum(len(n) for n in held_out)
n_tokens = sum(len(tok.encode(n).ids) for n in held_out)
print(f"held-out names: {n_chars} characters -> {n_tokens} tokens "
      f"({n_tokens / n_chars:.3f} tokens per character)")
print("round trip OK on", len(held_out) + 2, "unseen texts")
