import torch
import torch.nn as nn

torch.set_num_threads(1)
torch.manual_seed(0)
B, T, d_model, d_ff = 2, 5, 8, 32
x = torch.randn(B, T, d_model)

mlp = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))
conv = nn.Sequential(nn.Conv1d(d_model, d_ff, kernel_size=1), nn.GELU(),
                     nn.Conv1d(d_ff, d_model, kernel_size=1))
with torch.no_grad():                            # the same weights in both
    for lin, c in ((mlp[0], conv[0]), (mlp[2], conv[2])):
        print("Linear weight", tuple(lin.weight.shape),
              "-> Conv1d weight", tuple(c.weight.shape))
        c.weight.copy_(lin.weight.unsqueeze(-1))   # (out, in) -> (out, in, 1)
        c.bias.copy_(lin.bias)

# Conv1d wants channels first: (B, d_model, T), so transpose in and out.
out_conv = conv(x.transpose(1, 2)).transpose(1, 2)
torch.testing.assert_close(out_conv, mlp(x))
print("Linear-GELU-Linear == two Conv1d with kernel_size=1:", tuple(out_conv.shape))
