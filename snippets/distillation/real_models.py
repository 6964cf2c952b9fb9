# Teachers and students of released models. BERT-base and DistilBERT: the DistilBERT
# paper's table 3; Llama 3.2 1B and 3B: their model card. Llama 3.1 8B and 70B, counted
# from their configuration (the Llama 3 paper's table 3, vocabulary 128,256):
def llama_params(V, d_model, L, H, H_kv, d_ff):
    """Embedding, untied output layer, L blocks of attention (GQA), SwiGLU, 2 norms."""
    d_k = d_model // H
    attention = 2 * d_model * H * d_k + 2 * d_model * H_kv * d_k  # q, o; k, v
    block = attention + 3 * d_model * d_ff + 2 * d_model
    return 2 * V * d_model + L * block + d_model


llama_8b = llama_params(V=128_256, d_model=4096, L=32, H=32, H_kv=8, d_ff=14_336)
llama_70b = llama_params(V=128_256, d_model=8192, L=80, H=64, H_kv=8, d_ff=28_672)
pairs = [
    ("this page: the names Llama", 59_856, 15_240),  # train.py
    ("BERT-base -> DistilBERT", 110e6, 66e6),
    ("Llama 3.1 8B -> Llama 3.2 1B", llama_8b, 1.23e9),  # pruned from the 8B,
    ("Llama 3.1 8B -> Llama 3.2 3B", llama_8b, 3.21e9),  # logits of the 8B and 70B
]
print(f"{'teacher -> student':30} {'teacher':>9} {'student':>9} {'ratio':>6}")
for pair, n_teacher, n_student in pairs:
    fmt = lambda n: f"{n / 1e9:.2f}B" if n >= 1e9 else (
        f"{n / 1e6:.0f}M" if n >= 1e6 else f"{n:,}")
    print(f"{pair:30} {fmt(n_teacher):>9} {fmt(n_student):>9} "
          f"{n_student / n_teacher:6.0%}")
print(f"Llama 3.1 70B, the second teacher of Llama 3.2: {llama_70b / 1e9:.2f}B")
