import torch

torch.set_num_threads(1)


def sinusoidal(T: int, d: int, base: float = 10000.0) -> torch.Tensor:
    """PE[pos, 2i] = sin(pos / base^(2i/d)), PE[pos, 2i+1] = cos(...); shape (T, d)."""
    pos = torch.arange(T).unsqueeze(1).double()
    two_i = torch.arange(0, d, 2).double()
    angle = pos / base ** (two_i / d)
    pe = torch.zeros(T, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe


T, d = 64, 16
P = sinusoidal(T, d)
omega = 10000.0 ** (-torch.arange(0, d, 2).double() / d)
dots = P @ P.T                                     # dots[m, n] = P_m . P_n

# By hand: sin a sin b + cos a cos b = cos(a - b),
# so P_m . P_n = sum_i cos((m - n) w_i).
offsets = torch.arange(T).unsqueeze(1) - torch.arange(T)
by_hand = torch.cos(offsets.unsqueeze(-1) * omega).sum(-1)
torch.testing.assert_close(dots, by_hand)
# Offset +3 and -3 alike (dots == dots.T holds for any table, so it proves nothing):
m = torch.arange(3, T - 3)
torch.testing.assert_close(dots[m, m + 3], dots[m, m - 3])
torch.testing.assert_close(dots, dots[0][offsets.abs()])  # a function of |m - n| only
for k in (0, 1, 3, 10):
    print(f"offset {k:2d}: P_m . P_(m+{k}) = {dots[20, 20 + k]:.4f}, "
          f"P_m . P_(m-{k}) = {dots[20, 20 - k]:.4f}")
print("the dot product depends on |m - n| only: it cannot tell before from after")
