import math

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
z = torch.linspace(-4, 4, 81, dtype=torch.float64, requires_grad=True)
F.gelu(z).sum().backward()                       # autograd: d GELU / dz at every z

Phi = 0.5 * (1 + torch.erf(z / math.sqrt(2)))    # normal CDF
dPhi = torch.exp(-z**2 / 2) / math.sqrt(2 * math.pi)  # its derivative, the density
by_hand = (Phi + z * dPhi).detach()              # product rule on z * Phi(z)
torch.testing.assert_close(z.grad, by_hand)

# Phi(-z) = 1 - Phi(z) and z dPhi(z) is odd, so the slopes at z and -z add up to 1:
torch.testing.assert_close(by_hand + by_hand.flip(0), torch.ones_like(by_hand))

relu_slope = (z > 0).double()
negative = z.detach() < 0
print(f"at z = -1: GELU slope {by_hand[30]:+.4f}, ReLU slope {relu_slope[30]:.0f}")
print(f"at z =  0: GELU slope {by_hand[40]:+.4f}")
print(f"at z = +1: GELU slope {by_hand[50]:+.4f}, ReLU slope {relu_slope[50]:.0f}")
assert abs(by_hand[40] - 0.5) < 1e-12                 # z = 0: Phi(0) = 1/2, plus 0
assert (by_hand[negative] != 0).all()            # gradient flows for z < 0 too
assert by_hand[negative].min() < 0               # and is negative left of the minimum
print("slope(z) + slope(-z) = 1 at every z of the grid")
print(f"smallest slope on the grid: {by_hand.min():+.4f} "
      f"at z = {z[by_hand.argmin()].item():+.1f}")
