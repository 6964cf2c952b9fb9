# Numbers that look the same but are not, from the papers and the released
# configurations (sources on the page).
vocab = {  # model: (vocabulary in the paper, vocab_size in config.json)
    "Llama 3 8B": (128_000, 128_256),
    "Qwen2 7B": (151_646, 152_064),
    "Gemma 7B": (256_128, 256_000),
}
for name, (paper, config) in vocab.items():
    print(
        f"{name:11} vocabulary: paper {paper:,}, config.json {config:,} "
        f"(difference {config - paper:+,})"
    )
context = {"Mistral 7B": (8192, 32768)}
for name, (trained, config) in context.items():
    print(f"{name:11} context: paper {trained:,} tokens, "
          f"max_position_embeddings {config:,}")
names = {"Gemma 7B": 8_538_074_112, "Llama 2 7B": 6_738_415_616,
         "Qwen2 7B": 7_615_616_512}
for name, n in names.items():
    print(f"'{name}' has {n / 1e9:.2f} billion parameters")
