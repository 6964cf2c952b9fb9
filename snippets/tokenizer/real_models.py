# How the vocabularies of real models are made up (from their tokenizer files).
gpt2 = {"byte tokens": 256, "BPE merges": 50000, "special (<|endoftext|>)": 1}
llama3 = {"BPE tokens (tiktoken-style, incl. 256 bytes)": 128000,
          "reserved special tokens": 256}
for name, parts in [("GPT-2", gpt2), ("Llama 3", llama3)]:
    print(f"{name}: " + " + ".join(f"{n:,} {k}" for k, n in parts.items())
          + f" = {sum(parts.values()):,}")
print("Llama 2: 32,000 SentencePiece BPE pieces, including 256 byte-fallback pieces")
