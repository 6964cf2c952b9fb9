import torch

z = torch.tensor([1.0, 2.0, 3.0])
for c in [0.0, 10.0, -100.0]:
    print(f"c = {c:7.1f}   softmax(z + c) = {torch.softmax(z + c, dim=0)}   "
          f"logsumexp(z + c) = {torch.logsumexp(z + c, dim=0).item():8.4f}")
    torch.testing.assert_close(torch.softmax(z + c, dim=0), torch.softmax(z, dim=0))
    # Log-sum-exp is not shift-invariant: it moves with the shift.
    lse_shifted = torch.logsumexp(z + c, dim=0)
    torch.testing.assert_close(lse_shifted, torch.logsumexp(z, dim=0) + c)
