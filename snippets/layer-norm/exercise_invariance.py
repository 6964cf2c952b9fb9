import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
d_model = 8
x = torch.randn(4, d_model, dtype=torch.float64)      # four tokens
ln = nn.LayerNorm(d_model, eps=0.0, dtype=torch.float64)
rms = nn.RMSNorm(d_model, eps=0.0, dtype=torch.float64)

cases = {"10 x": 10 * x, "x + 3": x + 3, "-x": -x}
for name, y in cases.items():
    same_ln = torch.allclose(ln(y), ln(x))
    same_rms = torch.allclose(rms(y), rms(x))
    print(f"{name:6}: LayerNorm unchanged {same_ln!s:5}  RMSNorm unchanged {same_rms}")
# LayerNorm forgets the scale and the offset; RMSNorm forgets only the scale;
# a negative factor is a positive scale times -1, and -1 comes through.
torch.testing.assert_close(ln(10 * x), ln(x))
torch.testing.assert_close(ln(x + 3), ln(x))
torch.testing.assert_close(rms(10 * x), rms(x))
assert not torch.allclose(rms(x + 3), rms(x))
torch.testing.assert_close(ln(-x), -ln(x))
torch.testing.assert_close(rms(-x), -rms(x))
print("LayerNorm(-x) == -LayerNorm(x) and RMSNorm(-x) == -RMSNorm(x)")
