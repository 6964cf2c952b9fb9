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


def train(d_model):
    """The page's bigram model 27 -> d_model -> 27, trained as in the plot."""
    torch.manual_seed(0)
    emb, head = nn.Embedding(27, d_model), nn.Linear(d_model, 27)
    opt = torch.optim.Adam([*emb.parameters(), *head.parameters()], lr=0.05)
    for _ in range(300):
        logp = F.log_softmax(head(emb(torch.arange(27))), dim=1)   # (27, 27)
        loss = -(N * logp).sum() / N.sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    table = (emb.weight @ head.weight.T).detach()   # the logits minus the bias
    return loss.item(), torch.linalg.matrix_rank(table).item()


results = {d: train(d) for d in (1, 2, 27)}
for d, (loss, rank) in results.items():
    assert rank == d                                # E @ W has rank d_model
    assert loss > best                              # nothing beats the counts
    print(f"d_model {d:2d}: rank of the logit table {rank:2d}, loss {loss:.4f}")
assert results[1][0] > results[2][0] > results[27][0]
print(f"the count table N / N.sum(1): loss {best.item():.4f}")
