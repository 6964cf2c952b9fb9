import torch
import torch.nn as nn

torch.manual_seed(0)
V, d = 27, 8  # 27 characters, 8-wide vectors
emb = nn.Embedding(V, d)  # E: (V, d), row i is token i's vector
head = nn.Linear(d, V, bias=False)  # the output layer: its weight is (V, d) too
head.weight = emb.weight  # tie: the output layer now IS the embedding table

print("same Parameter object:", head.weight is emb.weight)
print("same memory:          ", head.weight.data_ptr() == emb.weight.data_ptr())
model = nn.ModuleDict({"emb": emb, "head": head})
print("parameters() yields", len(list(model.parameters())), "tensor(s),",
      sum(p.numel() for p in model.parameters()), "numbers (V * d =", V * d, ")")
print("state_dict keys:", list(model.state_dict()))

# The forward pass by hand: look up rows of E, then score every token against E.
x = torch.tensor([0, 13, 1])  # ".ma": three input characters
h = emb(x)  # (3, d); a real model transforms h in between
logits = head(h)  # (3, V)
by_hand = emb.weight[x] @ emb.weight.T  # h E^T: token i's logit is h . E[i]
print("logits == E[x] @ E.T:", torch.allclose(logits, by_hand))
print("logits:", tuple(logits.shape), "; logit of '.' after '.':",
      round(logits[0, 0].item(), 4), "= |E[0]|^2 =",
      round((emb.weight[0] ** 2).sum().item(), 4))
