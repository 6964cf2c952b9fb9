from transformers import GemmaConfig, GPT2Config, LlamaConfig

# transformers' defaults for tie_word_embeddings (the released config.json files, cited
# on the page: GPT-2 true, Llama 2 7B and Llama 3 8B false, Gemma true).
for cls in (GPT2Config, LlamaConfig, GemmaConfig):
    print(f"{cls.__name__:12} tie_word_embeddings default: {cls().tie_word_embeddings}")

# What tying saves: one (V x d_model) matrix. GemmaConfig()'s defaults are Gemma 7B's.
models = {  # name: (V, d_model, total parameters as released, tied?)
    "GPT-2 (124M)": (50257, 768, 124_439_808, True),
    "Gemma 7B": (GemmaConfig().vocab_size, GemmaConfig().hidden_size, None, True),
    "Llama 2 7B": (32000, 4096, 6_738_415_616, False),
    "Llama 3 8B": (128256, 4096, 8_030_261_248, False),
}
for name, (V, d, total, tied) in models.items():
    table = V * d
    what = "saved by tying" if tied else "tying would save"
    share = f" ({table / total:.1%} of the model)" if total else ""
    print(f"{name:13} V x d = {V:6} x {d}: {what} {table / 1e6:6.1f} M{share}")
