import torch

# Statistics: the logit of a probability p is its log-odds, log(p / (1 - p)),
# which torch.logit computes. Deep learning: "logits" are the unnormalised
# scores fed to softmax. With two classes the two meet:
z = torch.tensor([0.3, 2.0])             # deep-learning logits of two classes
p = torch.softmax(z, dim=0)[1]           # probability of class 1
print(f"p(class 1) = {p.item():.4f}")
print(f"statistics' logit(p) = {torch.logit(p).item():.4f}")
print(f"difference of the two logits z1 - z0 = {(z[1] - z[0]).item():.4f}")
torch.testing.assert_close(torch.logit(p), z[1] - z[0])
torch.testing.assert_close(torch.sigmoid(z[1] - z[0]), p)
