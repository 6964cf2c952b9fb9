import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=27 * 27).view(27, 27).float()
freq = N / N.sum(dim=1, keepdim=True)
best = -(N * freq.log()).nan_to_num().sum() / N.sum()   # the count table's loss

torch.manual_seed(0)
emb = nn.Embedding(27, 27)
opt = torch.optim.Adam(emb.parameters(), lr=0.05)
for _ in range(300):
    E = emb.weight
    logits = emb(torch.arange(27)) @ E.T        # tied: the output layer is E^T
    loss = -(N * F.log_softmax(logits, dim=1)).sum() / N.sum()
    opt.zero_grad()
    loss.backward()
    opt.step()

logits = logits.detach()
torch.testing.assert_close(logits, logits.T)     # z[i, j] = e_i . e_j = z[j, i]
q, u = stoi["q"], stoi["u"]
assert N[q, u] > 10 * N[u, q]                    # the data are far from symmetric
print(f"N['q', 'u'] = {int(N[q, u])}, N['u', 'q'] = {int(N[u, q])}")
print(f"tied logits: z['q', 'u'] = {logits[q, u]:.4f}, "
      f"z['u', 'q'] = {logits[u, q]:.4f}")
print(f"tied, no other layer, after 300 steps: loss {loss.item():.4f}; "
      f"count table {best.item():.4f}")
assert loss.item() > best.item() + 0.2            # well above what untied models reach
