import torch


# --- embedding from scratch
def init_table(V, d_model, padding_idx=None):
    """(V, d_model): N(0, 1) like nn.Embedding; the padding row starts at zero."""
    table = torch.randn(V, d_model)
    if padding_idx is not None:
        table[padding_idx] = 0.0
    return table


def embed(table, idx):
    """(V, d_model) table, ids of any shape (...) -> (..., d_model): one row each."""
    return table[idx]


def embed_backward(grad_out, idx, V, padding_idx=None):
    """Gradient of the table: each row sums the gradients of all uses of its id."""
    d_model = grad_out.shape[-1]
    grad = torch.zeros(V, d_model)
    grad.index_add_(0, idx.reshape(-1), grad_out.reshape(-1, d_model))
    if padding_idx is not None:
        grad[padding_idx] = 0.0                 # the padding row never learns
    return grad
# --- end of embedding from scratch


chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
V, d_model = 27, 4                               # vocabulary size, embedding width
torch.manual_seed(1337)
table = init_table(V, d_model)                   # (V, d_model): a row per token

batch = ["emma", "noah", "liam"]                 # B = 3 sequences of T = 4 tokens
idx = torch.tensor([[stoi[ch] for ch in w] for w in batch])   # (B, T) integers
x = embed(table, idx)                            # (B, T, d_model): a row per token

print("idx shape:", tuple(idx.shape), "->  x shape:", tuple(x.shape))
print("idx[0] =", idx[0].tolist(), "('emma')")
print("x[0, 0] is row", idx[0, 0].item(), "of the table:",
      [round(v, 4) for v in x[0, 0].tolist()])
assert torch.equal(x[0, 0], table[stoi["e"]])
assert torch.equal(x[0, 1], x[0, 2])             # "m" twice: the same row

# Backward: if the loss were x.sum(), every use of an id sends a gradient of
# ones to its row, and a row sums them: "m" and "a" occur three times each.
grad = embed_backward(torch.ones_like(x), idx, V)
for ch in "mae":
    print(f"gradient of row {ch!r} (uses: {sum(w.count(ch) for w in batch)}):",
          grad[stoi[ch]].tolist())
print("rows that got a gradient:", "".join(chars[i] for i in grad.any(1).nonzero()))
