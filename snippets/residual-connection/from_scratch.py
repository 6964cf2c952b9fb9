import torch
import torch.nn as nn

torch.manual_seed(0)
d_model, L = 8, 3
# Three sublayers; each reads the stream and *adds* its output to it.
layers = [nn.Sequential(nn.LayerNorm(d_model), nn.Linear(d_model, d_model), nn.GELU())
          for _ in range(L)]
x0 = torch.randn(2, d_model)                  # (T, d_model): two token vectors

stream, writes = x0, []
for f in layers:
    out = f(stream)                           # what the layer computes from the stream
    writes.append(out)
    stream = stream + out                     # the residual connection: x + f(x)

# The stream at the end is the input plus everything every layer wrote into it.
torch.testing.assert_close(stream, x0 + sum(writes))
print("x_L == x_0 + f_1 + f_2 + f_3:", True)
norms = lambda t: [round(v, 3) for v in t.norm(dim=-1).tolist()]
print("norm of the input per token:  ", norms(x0))
for i, w in enumerate(writes, 1):
    print(f"norm of what layer {i} wrote:  ", norms(w))
print("norm of the stream at the end:", norms(stream))
