import torch

chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
V, C = 27, 4                                     # vocabulary size, embedding width
g = torch.Generator().manual_seed(1337)
table = torch.randn(V, C, generator=g)           # (V, C): one learned row per token

batch = ["emma", "noah", "liam"]                 # B = 3 sequences of T = 4 tokens
idx = torch.tensor([[stoi[ch] for ch in w] for w in batch])   # (B, T) integers
x = table[idx]                                   # (B, T, C): a row looked up per token

print("idx shape:", tuple(idx.shape), "->  x shape:", tuple(x.shape))
print("idx[0] =", idx[0].tolist(), "('emma')")
print("x[0, 0] is row", idx[0, 0].item(), "of the table:",
      [round(v, 4) for v in x[0, 0].tolist()])
assert torch.equal(x[0, 0], table[stoi["e"]])
assert torch.equal(x[0, 1], x[0, 2])             # "m" twice: the same row
