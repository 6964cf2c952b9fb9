# How much training: tokens seen and compute, 6 N D FLOP (a forward and a backward
# pass cost about 6 operations per parameter per token). Sizes from the papers.
words = open("names.txt").read().splitlines()
per_name = sum(len(w) + 1 for w in words) / len(words)    # characters + the end mark
models = {
    # name: (parameters N, training tokens D)
    "GPT-3 175B": (175e9, 300e9),
    "Llama 2 7B": (6.74e9, 2.0e12),
    "Llama 3 8B": (8.03e9, 15e12),
    "names GPT (this site)": (60_000, 1500 * 64 * per_name),   # steps x names x length
}
for name, (n, d) in models.items():
    print(f"{name:22} N = {n:9.3g}  D = {d:9.3g} tokens  D/N = {d / n:8.1f}  "
          f"compute 6ND = {6 * n * d:.2e} FLOP")
