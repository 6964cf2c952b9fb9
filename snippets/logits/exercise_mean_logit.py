import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
words = open("names.txt").read().splitlines()
chars = ".abcdefghijklmnopqrstuvwxyz"
y = torch.tensor([chars.index(w[0]) for w in words])   # (30460,) first letters
counts = torch.bincount(y, minlength=27).float()

z = (torch.randn(27) + 3).requires_grad_()             # logits, initial mean near 3
mean0 = z.mean().item()
for step in range(300):                                # plain gradient descent
    loss = F.cross_entropy(z.expand(len(y), 27), y)
    z.grad = None
    loss.backward()
    assert abs(z.grad.sum().item()) < 1e-5             # softmax - one-hot sums to 0
    with torch.no_grad():
        z -= 10 * z.grad

a, e = chars.index("a"), chars.index("e")
assert abs(z.mean().item() - mean0) < 1e-4             # the mean logit never moved
assert z.grad[0] > 0                                   # '.' is still pushed down
torch.testing.assert_close(z[a] - z[e], (counts[a] / counts[e]).log(),
                           atol=1e-3, rtol=0)
print(f"loss {loss.item():.4f}; mean logit: {mean0:.4f} at the start, "
      f"{z.mean().item():.4f} at the end")
print(f"z_a - z_e = {(z[a] - z[e]).item():.4f}, "
      f"log(N_a / N_e) = {(counts[a] / counts[e]).log().item():.4f}")
print(f"logit of '.', which never starts a name: {z[0].item():.4f}, still falling")
