import torch

torch.manual_seed(0)
torch.set_num_threads(1)


def group_advantages(r, G, eps=1e-4):
    """(r - mean) / (std + eps) within each group of G answers to one request. r is
    (B,), the G answers of a request next to each other; std with Bessel's n - 1."""
    r = r.view(-1, G)
    A = (r - r.mean(dim=1, keepdim=True)) / (r.std(dim=1, keepdim=True) + eps)
    return A.view(-1)


G, eps = 8, 1e-4
print(" c right  A(right)  A(wrong)  c A(right) + (G - c) A(wrong)")
for c in range(1, G):
    r = torch.tensor([1.0] * c + [0.0] * (G - c))  # c answers of G are right
    A = group_advantages(r, G)
    # By hand: mean c/G; sample variance G/(G-1) * (c/G)(1 - c/G).
    mu = c / G
    sigma = (G / (G - 1) * mu * (1 - mu)) ** 0.5
    right, wrong = (1 - mu) / (sigma + eps), -mu / (sigma + eps)
    torch.testing.assert_close(A[0].item(), right)
    torch.testing.assert_close(A[-1].item(), wrong)
    total = (c * A[0] + (G - c) * A[-1]).item()
    assert abs(total) < 1e-5  # the right ones gain what the wrong ones lose
    print(f"{c:4d}    {right:+8.4f}  {wrong:+8.4f}   {total:+.4f}")
