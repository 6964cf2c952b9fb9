import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
# The walkthrough's model: logits = one-hot(x) @ W = W[x], over every bigram of
# names.txt. The mean loss over all bigrams equals the count-weighted loss over the
# 27 x 27 pairs, so each step needs only the counts N (same loss, same gradient).
words = open("names.txt").read().splitlines()
stoi = {c: i for i, c in enumerate(".abcdefghijklmnopqrstuvwxyz")}
pairs = [stoi[a] * 27 + stoi[b] for w in words for a, b in zip("." + w, w + ".")]
N = torch.bincount(torch.tensor(pairs), minlength=729).view(27, 27).float()

runs = {"SGD, lr 50": ("SGD", 50.0), "SGD + momentum 0.9, lr 10": ("SGD", 10.0),
        "Adam, lr 0.7": ("Adam", 0.7), "AdamW, lr 0.7": ("AdamW", 0.7)}
curves = {}
for name, (cls, lr) in runs.items():
    W = torch.randn(27, 27, generator=torch.Generator().manual_seed(2147483647),
                    requires_grad=True)                       # the same start for all
    kwargs = {"momentum": 0.9} if "momentum" in name else {}
    opt = getattr(torch.optim, cls)([W], lr=lr, **kwargs)
    curves[name] = []
    loss_of = lambda W: -(N * F.log_softmax(W, dim=1)).sum() / N.sum()
    for step in range(50):
        loss = loss_of(W)  # the loss of the weights before this step's update
        opt.zero_grad()
        loss.backward()
        opt.step()
        curves[name].append(loss.item())
    curves[name].append(loss_of(W).item())  # and after the 50th update
    print(f"{name:26} loss after 50 updates: {curves[name][-1]:.4f}")

fig, ax = plt.subplots(figsize=(7, 4))
for name, values in curves.items():
    ax.plot(range(51), values, label=name)
ax.set_ylim(2.4, 3.6)
ax.set_xlabel(f"updates (all {int(N.sum())} bigrams each step)")
ax.set_ylabel("cross-entropy (nats)")
ax.set_title("The bigram network of the walkthrough, four optimizers")
ax.legend()
ax.grid(True, alpha=0.3)
plt.show()
