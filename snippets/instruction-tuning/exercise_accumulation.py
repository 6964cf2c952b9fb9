import torch
import torch.nn.functional as F

torch.set_num_threads(1)

torch.manual_seed(0)
# Two micro-batches of one optimizer step: 3 answer tokens, then 9.
z1, y1 = torch.randn(3, 31), torch.randint(0, 31, (3,))
z2, y2 = torch.randn(9, 31), torch.randint(0, 31, (9,))

whole = F.cross_entropy(torch.cat([z1, z2]), torch.cat([y1, y2]))  # one big batch
mean_of_means = (F.cross_entropy(z1, y1) + F.cross_entropy(z2, y2)) / 2
sum1 = F.cross_entropy(z1, y1, reduction="sum")
sum2 = F.cross_entropy(z2, y2, reduction="sum")
summed = (sum1 + sum2) / (len(y1) + len(y2))  # divide by the tokens of the whole step
torch.testing.assert_close(summed, whole)
assert (mean_of_means - whole).abs() > 1e-3
print(f"one batch {whole:.4f}, mean of the two means {mean_of_means:.4f}, "
      f"sums / all tokens {summed:.4f}")
