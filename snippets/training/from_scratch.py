import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
# The data: (3 previous characters -> next character) for every position of every
# name; the names are split once into training (90%) and validation (10%) names.
words = open("names.txt").read().splitlines()
order = torch.randperm(len(words), generator=torch.Generator().manual_seed(42)).tolist()
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}


def examples(names):
    X, Y = [], []
    for w in names:
        ids = [0, 0, 0] + [stoi[c] for c in w] + [0]
        X += [ids[i - 3 : i] for i in range(3, len(ids))]
        Y += ids[3:]
    return torch.tensor(X), torch.tensor(Y)


Xtr, Ytr = examples([words[i] for i in order[len(words) // 10 :]])
Xva, Yva = examples([words[i] for i in order[: len(words) // 10]])
model = nn.Sequential(
    nn.Embedding(27, 10),
    nn.Flatten(),
    nn.Linear(30, 200),
    nn.Tanh(),
    nn.Linear(200, 27),
)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
g = torch.Generator().manual_seed(1)

for step in range(1001):
    if step % 250 == 0:  # measure the weights this step starts from
        model.eval()  # (no dropout here, but the habit)
        with torch.no_grad():  # no graph for evaluation
            val = F.cross_entropy(model(Xva), Yva).item()
        model.train()
    rows = torch.randint(0, len(Xtr), (256,), generator=g)  # a random batch
    logits = model(Xtr[rows])  # 1. forward
    loss = F.cross_entropy(logits, Ytr[rows])  # 2. loss
    loss.backward()  # 3. gradients
    optimizer.step()  # 4. update the weights
    optimizer.zero_grad()  # 5. clear the gradients
    if step % 250 == 0:  # both losses are of the weights before this update
        print(
            f"step {step:4d}: batch loss {loss.item():.4f}, validation loss {val:.4f}"
        )
