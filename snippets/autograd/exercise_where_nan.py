import torch

torch.set_num_threads(1)
# The entropy of a next-character distribution whose last 3 logits are masked:
# their probabilities are exactly 0, and 0 log 0 is taken to be 0.
z0 = torch.randn(8, generator=torch.Generator().manual_seed(0))
mask = torch.tensor([0.0] * 5 + [float("-inf")] * 3)


def entropy(z, safe):
    p = (z + mask).softmax(dim=0)
    if safe:  # log of a harmless 1 where p == 0: both branches finite
        return -torch.where(p > 0, p * torch.where(p > 0, p, 1).log(), 0).sum()
    return -torch.where(p > 0, p * p.log(), 0).sum()  # 0 where p == 0... forward only


grads = {}
for safe in (False, True):
    z = z0.clone().requires_grad_(True)
    H = entropy(z, safe)
    H.backward()
    grads[safe] = z.grad
    print(f"safe={safe!s:5}: entropy {H:.4f}, gradient {(z.grad + 0).numpy().round(4)}")

zk = z0[:5].clone().requires_grad_(True)  # the same entropy on the 5 unmasked logits
p = zk.softmax(dim=0)
(-(p * p.log()).sum()).backward()
assert grads[False].isnan().all()  # one nan reaches every logit through the softmax
torch.testing.assert_close(grads[True][:5], zk.grad)
assert (grads[True][5:] == 0).all()
print("unsafe: every gradient nan; safe: == the entropy of the 5 unmasked logits")
