import torch
import torch.nn as nn
import torch.nn.functional as F


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


V, d_model = 27, 4
idx = torch.tensor([[5, 13, 13, 1, 0], [14, 15, 1, 8, 8]])   # (B, T) = (2, 5), repeats
g = torch.Generator().manual_seed(0)

for padding_idx in (None, 13):
    # The same seed gives nn.Embedding's initial weight and ours.
    torch.manual_seed(0)
    emb = nn.Embedding(V, d_model, padding_idx=padding_idx)
    torch.manual_seed(0)
    table = init_table(V, d_model, padding_idx)
    torch.testing.assert_close(table, emb.weight.detach())

    looked_up = emb(idx)                                           # (B, T, d_model)
    torch.testing.assert_close(embed(table, idx), looked_up)
    torch.testing.assert_close(looked_up, F.one_hot(idx, V).float() @ emb.weight)
    torch.testing.assert_close(looked_up, F.embedding(idx, emb.weight, padding_idx))

    # Backward with a random upstream gradient: autograd's gradient of the weight.
    grad_out = torch.randn(looked_up.shape, generator=g)
    looked_up.backward(grad_out)
    torch.testing.assert_close(embed_backward(grad_out, idx, V, padding_idx),
                               emb.weight.grad)
    print(f"padding_idx={padding_idx}: init, lookup (shape {tuple(looked_up.shape)})"
          " and gradient equal to nn.Embedding's")

# padding_idx: that row starts at zero and never receives a gradient.
print("padding row 13:", emb.weight[13].tolist())
print("its gradient:", emb.weight.grad[13].tolist(), " row 1's gradient:",
      [round(v, 4) for v in emb.weight.grad[1].tolist()])
assert torch.count_nonzero(emb.weight.grad[13]) == 0
