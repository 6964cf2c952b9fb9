import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
chars = ".abcdefghijklmnopqrstuvwxyz"
x = torch.tensor([chars.index(c) for c in ".emma"])  # inputs
y = torch.tensor([chars.index(c) for c in "emma."])  # targets
j = chars.index("z")  # in neither: the row of a rare token
V, d = 27, 8
emb, hidden = nn.Embedding(V, d), nn.Linear(d, d)
head = nn.Linear(d, V, bias=False)


def step_grad(tied):
    head.weight = emb.weight if tied else nn.Parameter(head.weight.detach().clone())
    emb.weight.grad = None
    h = torch.tanh(hidden(emb(x)))  # (B, d)
    F.cross_entropy(head(h), y).backward()
    return emb.weight.grad[j], h.detach()


untied, _ = step_grad(tied=False)
tied, h = step_grad(tied=True)
E = emb.weight.detach()
p = (h @ E.T).softmax(dim=1)  # (B, V)
by_hand = (p[:, j, None] * h).sum(dim=0) / len(x)  # the output use: mean of p_bj h_b
assert (untied == 0).all()  # the embedding alone: a row nobody looked up gets nothing
torch.testing.assert_close(tied, by_hand)
E_new = E.clone()
E_new[j] -= 1.0 * tied  # one SGD step, learning rate 1, on that row only
p_new = (h @ E_new.T).softmax(dim=1)
dz = h @ (E_new[j] - E[j])  # the change of the logit of z at each position
torch.testing.assert_close((p[:, j] * dz).sum(), -len(x) * tied.norm() ** 2)
assert (p_new[:, j] < p[:, j]).all()  # here: lower at every position of the batch
print(f"untied: |grad of E['z']| = {untied.norm():.4f}; "
      f"tied: {tied.norm():.4f} == mean of p_bz h_b")
print(f"p('z') at the 5 positions: {p[:, j].numpy().round(4)} -> "
      f"{p_new[:, j].numpy().round(4)}")
