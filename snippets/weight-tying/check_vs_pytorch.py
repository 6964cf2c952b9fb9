import torch
import torch.nn as nn
import torch.nn.functional as F

# A tiny tied language model: embed, one hidden layer, and an output layer that reuses
# the embedding table E. Its gradient dL/dE by hand, against autograd on the tied
# model and against autograd on a model with two separate copies of E, summed.


# --- weight tying
class TiedLM(nn.Module):
    def __init__(self, V, d):
        super().__init__()
        self.emb = nn.Embedding(V, d)  # E: (V, d)
        self.hidden = nn.Linear(d, d)
        self.head = nn.Linear(d, V, bias=False)  # its weight is (V, d) as well
        self.head.weight = self.emb.weight  # tie: one Parameter, used twice

    def forward(self, x):
        return self.head(torch.tanh(self.hidden(self.emb(x))))


def grad_E(E, W, b, x, y):
    """dL/dE by hand for L = CE(tanh(E[x] W^T + b) E^T, y): the sum of both uses."""
    h = torch.tanh(E[x] @ W.T + b)  # (B, d)
    z = h @ E.T  # (B, V): the output layer's use of E
    dz = (z.softmax(dim=1) - F.one_hot(y, E.shape[0]).float()) / len(x)
    dE_out = dz.T @ h  # (V, d)
    dpre = (dz @ E) * (1 - h**2)
    de = dpre @ W  # (B, d): gradient of each looked-up row
    dE_in = torch.zeros_like(E).index_add(0, x, de)  # repeated tokens add up
    return dE_out + dE_in


# --- end of weight tying


def two_copies_loss(E_in, E_out, model, x, y):  # the same model, E split in two
    h = torch.tanh(model.hidden(F.embedding(x, E_in)))
    return F.cross_entropy(h @ E_out.T, y)


for V, d, B in [(27, 27, 64), (27, 8, 32), (11, 16, 40), (50, 6, 200)]:
    torch.manual_seed(V + d)
    model = TiedLM(V, d)
    assert model.head.weight.data_ptr() == model.emb.weight.data_ptr()
    assert (model.head.in_features, model.head.out_features) == (d, V)
    n = sum(p.numel() for p in model.parameters())
    assert n == V * d + d * d + d  # the table is counted once
    x, y = torch.randint(0, V, (B,)), torch.randint(0, V, (B,))  # tokens repeat
    F.cross_entropy(model(x), y).backward()
    tied = model.emb.weight.grad
    E = model.emb.weight.detach()
    E_in, E_out = E.clone().requires_grad_(True), E.clone().requires_grad_(True)
    two_copies_loss(E_in, E_out, model, x, y).backward()
    torch.testing.assert_close(tied, E_in.grad + E_out.grad)  # autograd adds the uses
    mine = grad_E(E, model.hidden.weight.detach(), model.hidden.bias.detach(), x, y)
    torch.testing.assert_close(mine, tied)
    torch.optim.SGD(model.parameters(), lr=0.5).step()  # still one tensor afterwards
    assert torch.equal(model.head.weight, model.emb.weight)
    share = (E_out.grad.norm() / tied.norm()).item()
    print(f"V={V:2} d={d:2} B={B:3}: {n:4} parameters; dL/dE by hand == tied autograd"
          f" == two copies summed; |output use| / |dL/dE| = {share:.0%}")
