import math

import torch


def sinusoidal(T: int, d: int, base: float = 10000.0) -> torch.Tensor:
    """PE[pos, 2i] = sin(pos / base^(2i/d)), PE[pos, 2i+1] = cos(...); shape (T, d)."""
    pos = torch.arange(T).unsqueeze(1).float()              # (T, 1)
    two_i = torch.arange(0, d, 2).float()                   # (d/2,) = 0, 2, 4, ...
    angle = pos / base ** (two_i / d)                       # (T, d/2)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe


pe = sinusoidal(T=50, d=16)
print("shape:", tuple(pe.shape))
print("position 0:", [round(v, 3) for v in pe[0].tolist()])
print("position 1:", [round(v, 3) for v in pe[1].tolist()[:6]], "...")
# Each pair (sin, cos) has length 1, so every position vector has norm sqrt(d/2):
print("norms:", [round(v, 3) for v in pe.norm(dim=1)[:4].tolist()], "= sqrt(8) =",
      round(8 ** 0.5, 3))
# A fixed offset k is a fixed rotation of each (sin, cos) pair, whatever the position.
# The first pair has frequency 1, so it turns by k radians:
k = 3
c, s = math.cos(k), math.sin(k)
R = torch.tensor([[c, -s], [s, c]])
torch.testing.assert_close(pe[:-k, 0:2] @ R, pe[k:, 0:2])
print("PE[pos + 3] == PE[pos] @ R for the first pair, at every position: OK")
