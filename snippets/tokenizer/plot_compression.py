import matplotlib.pyplot as plt
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

names = open("names.txt").read().splitlines()
train, held_out = names[0::2][:6000], names[1::2]   # every other name: unseen at test
n_chars = sum(len(n) for n in held_out)

merges_list = [0, 10, 25, 50, 100, 200, 400, 800, 1600]
tokens_per_char = []
for merges in merges_list:
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=256 + merges, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(train, trainer=trainer)
    n_tokens = sum(len(e.ids) for e in tok.encode_batch(held_out))
    tokens_per_char.append(n_tokens / n_chars)
    print(f"{merges:5d} merges: {n_tokens / n_chars:.3f} tokens per character")

fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(merges_list, tokens_per_char, "o-", color="tab:blue")
ax.set_xscale("symlog", linthresh=10)
ax.set_xlabel("number of BPE merges (vocabulary = 256 bytes + merges)")
ax.set_ylabel("tokens per character (held-out names)")
ax.set_title("Byte-level BPE trained on names.txt: more merges, shorter sequences")
ax.grid(True, alpha=0.3)
plt.show()
