import torch
import torch.nn.functional as F

torch.set_num_threads(1)

words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
stoi = {ch: i for i, ch in enumerate(chars)}

# The walkthrough's way: a loop that counts every bigram.
counts = [[0] * 27 for _ in range(27)]
xs, ys = [], []
for w in words:
    for a, b in zip("." + w, w + "."):
        counts[stoi[a]][stoi[b]] += 1
        xs.append(stoi[a])
        ys.append(stoi[b])
N = torch.tensor(counts)                             # (27, 27) int64

# The one-hot way: one row per bigram, then a single matrix product.
X = F.one_hot(torch.tensor(xs), num_classes=27).float()  # (n, 27): first characters
Y = F.one_hot(torch.tensor(ys), num_classes=27).float()  # (n, 27): second characters
N_onehot = (X.T @ Y).long()   # (27, n) @ (n, 27) -> (27, 27); float32 counts exactly

assert torch.equal(N_onehot, N)
# int64 @ int64 works too (slow on CPU: shown on the first 5000 bigrams only)
X_int = F.one_hot(torch.tensor(xs[:5000]), 27)     # int64, no .float()
Y_int = F.one_hot(torch.tensor(ys[:5000]), 27)
assert torch.equal(X_int.T @ Y_int, (X[:5000].T @ Y[:5000]).long())
assert N.max() < 2**24                                 # float32 is exact up to 2^24
assert torch.equal(X.sum(dim=0).long(), torch.bincount(torch.tensor(xs), minlength=27))
print("bigrams:", X.shape[0], " X.T @ Y == the loop's N:", torch.equal(N_onehot, N))
print("N['a', 'n'] =", N_onehot[stoi["a"], stoi["n"]].item(),
      " column sums of X == bincount of the first characters")
